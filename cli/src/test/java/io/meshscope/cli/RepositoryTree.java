package io.meshscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Git repository as application teams lay them out (shaped after public multi-service demo apps): manifests
 * next to CI workflows, a skaffold.yaml, a Helm chart's values, docs with front-matter, package files and a .git
 * directory. Written at test time because Git cannot hold a .git directory inside a repository.
 */
final class RepositoryTree {
    /** The files under the root that hold no Kubernetes object, which a read of the root skips. */
    static final List<String> NOT_OBJECTS = List.of(".gitlab-ci.yml", "docker-compose.yml", "helm/chart/Chart.yaml",
            "helm/chart/values.yaml", "kubernetes-manifests/kustomization.yaml", "mkdocs.yml", "openapi/shop.yaml",
            "src/frontend/package.json", "src/frontend/tsconfig.json");

    private RepositoryTree() {
    }

    static Path write(Path root) throws IOException {
        put(root, ".git/HEAD", "ref: refs/heads/main\n");
        put(root, ".git/hooks/pre-commit.sample.yaml", "not: [valid yaml\n");
        put(root, ".github/workflows/ci.yml", """
                name: ci
                on:
                  push: {branches: [main]}
                  pull_request:
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                    - uses: actions/checkout@v4
                    - run: ./mvnw -B verify
                    - run: echo "${{ github.sha }}"
                """);
        put(root, ".gitlab-ci.yml", "stages: [test]\ntest:\n  image: maven:3\n  script: [mvn -B verify]\n");
        put(root, "skaffold.yaml", """
                apiVersion: skaffold/v4beta6
                kind: Config
                metadata: {name: shop}
                build:
                  artifacts:
                  - image: frontend
                    context: src/frontend
                manifests:
                  rawYaml: [kubernetes-manifests/*.yaml]
                """);
        put(root, "docker-compose.yml", "version: '3.8'\nservices:\n  frontend:\n    build: src/frontend\n"
                + "    ports: ['8080:8080']\n");
        put(root, "mkdocs.yml", "site_name: Shop\nnav:\n- Home: index.md\n");
        put(root, "docs/index.md", "---\ntitle: Shop\nlayout: home\n---\n# Shop\n\nDeploy with `kubectl apply -k`.\n");
        put(root, "openapi/shop.yaml", "openapi: 3.0.3\ninfo: {title: Shop API, version: 1.0.0}\npaths:\n"
                + "  /cart: {get: {responses: {'200': {description: ok}}}}\n");
        put(root, "helm/chart/Chart.yaml", "apiVersion: v2\nname: shop\ndescription: The shop\nversion: 0.1.0\n");
        put(root, "helm/chart/values.yaml", "frontend:\n  replicas: 2\n  image: {repository: frontend, tag: v1}\n");
        put(root, "src/frontend/package.json", "{\n  \"name\": \"frontend\",\n  \"version\": \"1.0.0\",\n"
                + "  \"scripts\": {\"start\": \"node server.js\"}\n}\n");
        put(root, "src/frontend/tsconfig.json", "{\n  // TypeScript allows comments; JSON and YAML do not\n"
                + "  \"compilerOptions\": {\"target\": \"es2020\", \"strict\": true,},\n}\n");
        put(root, "kubernetes-manifests/kustomization.yaml", "resources:\n- frontend.yaml\n- cartservice.yaml\n"
                + "- sidecars.yaml\n");
        put(root, "kubernetes-manifests/frontend.yaml", workload("frontend", 8080, 80));
        put(root, "kubernetes-manifests/cartservice.yaml", workload("cartservice", 7070, 7070));
        put(root, "kubernetes-manifests/sidecars.yaml", """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata:
                  name: default
                  namespace: shop
                spec:
                  egress:
                  - hosts: ["./*", "istio-system/*"]
                """);
        return root;
    }

    private static String workload(String name, int containerPort, int servicePort) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: NAME
                  namespace: shop
                spec:
                  selector:
                    matchLabels: {app: NAME}
                  template:
                    metadata:
                      labels: {app: NAME}
                    spec:
                      containers:
                      - name: server
                        image: NAME:v1
                        ports: [{containerPort: CPORT}]
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: NAME
                  namespace: shop
                spec:
                  selector: {app: NAME}
                  ports:
                  - name: grpc
                    port: SPORT
                    targetPort: CPORT
                """.replace("NAME", name).replace("CPORT", String.valueOf(containerPort))
                .replace("SPORT", String.valueOf(servicePort));
    }

    private static void put(Path root, String file, String content) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
