package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshscope.kube.Cluster;
import io.meshscope.kube.MockApiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kube}: the one-shot commands read a live API server (the fabric8 mock) and answer as from files. */
class KubeInputTest {
    static final String MESH = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {istio-injection: enabled}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cart, namespace: shop}
            spec: {ports: [{name: http, port: 80}], selector: {app: cart}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: audit, namespace: ops}
            spec: {ports: [{name: http, port: 80}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec: {containers: [{name: web, image: web}]}
            status: {podIP: 10.0.0.5}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: shop}
            spec: {egress: [{hosts: ["./*"]}]}
            """;

    @TempDir
    Path dir;
    MockApiServer api;
    Path kubeconfig;

    @BeforeEach
    void startApiServer() throws IOException {
        api = new MockApiServer().start();
        try (KubernetesClient c = api.client()) {
            new Cluster(c).istioCrds("v1").apply(MESH);
        }
        kubeconfig = api.writeKubeconfig(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void describeReadsTheSidecarAndServicesFromTheApiServer() {
        CliRun r = CliRun.run("describe", "shop/web", "--kube", "--kubeconfig", kubeconfig.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("objects from the Kubernetes API");
        Map<String, Object> json = r.json();
        assertThat(json.get("sidecar")).isEqualTo("shop/default");
        assertThat(json.get("scopeServices")).isEqualTo(List.of("cart.shop.svc.cluster.local"));
    }

    @Test
    void reportCountsTheLiveWorkloadsScopedAndUnscoped() {
        CliRun r = CliRun.run("report", "--kube", "--kubeconfig", kubeconfig.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ws = (List<Map<String, Object>>) r.json().get("workloads");
        assertThat(ws).extracting(w -> w.get("workload")).containsExactly("shop/web");
        @SuppressWarnings("unchecked")
        Map<String, Object> scoped = (Map<String, Object>) ws.get(0).get("scoped");
        @SuppressWarnings("unchecked")
        Map<String, Object> unscoped = (Map<String, Object>) ws.get(0).get("unscoped");
        assertThat(((Number) scoped.get("bytes")).longValue()).isLessThan(((Number) unscoped.get("bytes")).longValue());
    }

    @Test
    void namespaceFilteringLeavesOtherNamespacesUnread() {
        CliRun r = CliRun.run("describe", "shop/web", "--kube", "--kubeconfig", kubeconfig.toString(),
                "--namespaces", "shop", "--proxy-type", "sidecar", "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("namespaces filtered");
    }

    @Test
    void kubeFlagsWithoutKubeAreAUsageError() {
        CliRun r = CliRun.run("describe", "shop/web", "-f", "x.yaml", "--context", "prod");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("need --kube");
    }
}
