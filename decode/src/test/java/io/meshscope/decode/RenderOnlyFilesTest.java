package io.meshscope.decode;

import static io.meshscope.decode.Fixtures.errors;
import static io.meshscope.decode.Fixtures.read;
import static io.meshscope.decode.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.Workload;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that only mean something once a tool renders them: Helm chart templates (one error per chart, naming
 * {@code helm template}) and kustomize patches (refused whole, so they never replace the real object).
 */
class RenderOnlyFilesTest {
    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: loadgenerator, namespace: shop}
            spec:
              replicas: 3
              selector: {matchLabels: {app: loadgenerator}}
              template:
                metadata: {labels: {app: loadgenerator}}
                spec: {containers: [{name: main, image: lg}]}
            """;
    static final String TEMPLATE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Values.name }}
              labels:
                {{- include "chart.labels" . | nindent 4 }}
            spec:
              {{- if .Values.replicas }}
              replicas: {{ .Values.replicas }}
              {{- end }}
            """;

    @TempDir
    Path dir;

    private ManifestReader reader(String command) {
        return new ManifestReader(ReadLimits.defaults(), null, new ReadOptions(true, command));
    }

    private MeshInput readAs(String command, String... paths) throws InputException {
        return reader(command).read(List.of(paths), InputStream.nullInputStream(), Optional.empty());
    }

    private static int replicasOf(MeshInput in, String name) {
        return in.workloads().stream().filter(w -> w.meta().name().equals(name)).findFirst()
                .map(Workload::replicas).orElseThrow();
    }

    @Test
    void aHelmChartsTemplatesGetOneErrorNamingHelmTemplate() throws Exception {
        write(dir, "helm/shop/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        write(dir, "helm/shop/values.yaml", "name: web\nreplicas: 2\n");
        write(dir, "helm/shop/templates/a-deployment.yaml", TEMPLATE);
        write(dir, "helm/shop/templates/b-service.yaml", TEMPLATE.replace("Deployment", "Service"));
        write(dir, "helm/shop/charts/redis/Chart.yaml", "apiVersion: v2\nname: redis\nversion: 1.0.0\n");
        // Read first (files are read in sorted order), so the error points at it; its subchart is the parent's.
        String first = write(dir, "helm/shop/charts/redis/templates/redis.yaml", "# the cache\n" + TEMPLATE);

        MeshInput in = readAs("analyze", dir.resolve("helm").toString());

        String chart = PathNames.display(dir.resolve("helm/shop"));
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("helm-template");
            assertThat(d.location()).isEqualTo(new SourceLocation(first, 5, 9));
            assertThat(d.message()).isEqualTo("Helm chart " + chart + ": 3 file(s) with template actions "
                    + "({{ ... }}) are Helm templates, not manifests, and were not read; render the chart and read "
                    + "its output: helm template RELEASE " + chart + " | meshscope analyze -f -");
        });
        assertThat(in.workloads()).isEmpty();
    }

    @Test
    void templateActionsOutsideAChartAreStillReadAsYaml() throws Exception {
        String file = write(dir, "loose/deployment.yaml", TEMPLATE);

        MeshInput in = read(file);

        assertThat(errors(in)).isNotEmpty().noneMatch(d -> d.rule().equals("helm-template"));
    }

    @Test
    void aDeletePatchNeverReplacesTheRealObject() throws Exception {
        write(dir, "base/loadgenerator.yaml", DEPLOYMENT);
        String patch = write(dir, "without-loadgenerator/delete.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: loadgenerator
                  namespace: shop
                $patch: delete
                """);

        MeshInput in = readAs("validate", dir.toString());

        assertThat(replicasOf(in, "loadgenerator")).isEqualTo(3);
        assertThat(Fixtures.warnings(in)).isEmpty();
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("kustomize-patch");
            assertThat(d.location()).isEqualTo(new SourceLocation(patch, 6, 1));
            assertThat(d.field()).isEqualTo("$patch");
            assertThat(d.message()).isEqualTo("a kustomize strategic-merge patch ($patch: delete), not an object: "
                    + "read as a manifest it would stand in for the real Deployment shop/loadgenerator, so this file "
                    + "is not read; render the kustomization that applies it instead: meshscope validate -k DIR");
        });
    }

    @Test
    void directivesDeepInAPatchAreFoundWithTheirPath() throws Exception {
        String patch = write(dir, "retain.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        $setElementOrder/ports: [{containerPort: 80}]
                """);

        MeshInput in = read(patch);

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("spec.template.spec.containers[0].$setElementOrder/ports");
            assertThat(d.location()).isEqualTo(new SourceLocation(patch, 9, 9));
        });
        assertThat(in.workloads()).isEmpty();
    }

    @Test
    void aFileAKustomizationListsAsAPatchIsRefusedWithTheDirectoryToRender() throws Exception {
        write(dir, "base/kustomization.yaml", "resources: [loadgenerator.yaml]\n");
        write(dir, "base/loadgenerator.yaml", DEPLOYMENT);
        write(dir, "overlays/prod/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../../base]
                patches:
                - path: replicas.yaml
                patchesStrategicMerge:
                - ../../patches/more.yaml
                - |-
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: inline}
                patchesJson6902:
                - target: {kind: Deployment, name: loadgenerator}
                  path: json-patch.yaml
                """);
        String replicas = write(dir, "overlays/prod/replicas.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: loadgenerator, namespace: shop}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: loadgenerator}}
                  template:
                    metadata: {labels: {app: loadgenerator}}
                """);
        String more = write(dir, "patches/more.yaml", DEPLOYMENT.replace("replicas: 3", "replicas: 7"));
        String json = write(dir, "overlays/prod/json-patch.yaml", "- op: replace\n  path: /spec/replicas\n  value: 5\n");

        MeshInput in = readAs("report", dir.toString());

        String overlay = PathNames.display(dir.resolve("overlays/prod"));
        assertThat(replicasOf(in, "loadgenerator")).isEqualTo(3);
        assertThat(SkippedFiles.of(in)).containsExactly(dir.resolve("base/kustomization.yaml").toString());
        assertThat(errors(in)).extracting(d -> d.location().file(), Diagnostic::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(replicas, "kustomize-patch"),
                        org.assertj.core.groups.Tuple.tuple(more, "kustomize-patch"),
                        org.assertj.core.groups.Tuple.tuple(json, "kustomize-patch"));
        assertThat(errors(in)).filteredOn(d -> d.location().file().equals(replicas)).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("a kustomize patch (listed by " + overlay
                        + "/kustomization.yaml), not an object: read as a manifest it would stand in for the real "
                        + "Deployment shop/loadgenerator, so this file is not read; render the kustomization "
                        + "instead: meshscope report -k " + overlay));
    }

    @Test
    void aPatchNamedOnItsOwnIsRecognisedByTheKustomizationBesideIt() throws Exception {
        write(dir, "overlay/kustomization.yaml", "kind: Component\npatches: [{path: scale.yaml}]\n");
        String scale = write(dir, "overlay/scale.yaml", DEPLOYMENT);

        MeshInput in = read(scale);

        assertThat(in.workloads()).isEmpty();
        assertThat(errors(in)).singleElement().satisfies(d -> assertThat(d.message())
                .endsWith("render an overlay that includes the Component "
                        + PathNames.display(dir.resolve("overlay")) + ": meshscope COMMAND -k OVERLAY"));
    }

    @Test
    void aControllerWithoutPodTemplateInAKustomizeTreeIsAPatchFragment() throws Exception {
        write(dir, "app/kustomization.yaml", "resources: [deployment.yaml]\n");
        write(dir, "app/deployment.yaml", DEPLOYMENT);
        String fragment = write(dir, "app/scale-down.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: loadgenerator, namespace: shop}
                spec:
                  replicas: 0
                """);

        MeshInput in = read(dir.resolve("app").toString());

        assertThat(replicasOf(in, "loadgenerator")).isEqualTo(3);
        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("kustomize-patch");
            assertThat(d.location()).isEqualTo(new SourceLocation(fragment, 1, 1));
            assertThat(d.field()).isEqualTo("spec.template");
            assertThat(d.message()).startsWith("a kustomize strategic-merge patch fragment (no spec.template, which "
                    + "every real Deployment has, in the kustomize tree of " + PathNames.display(dir.resolve("app"))
                    + ", and no kustomization lists it as a resource), not an object");
        });
    }

    @Test
    void wholeObjectsInAKustomizeTreeAndTemplateLessControllersOutsideOneAreRead() throws Exception {
        write(dir, "app/kustomization.yaml", "resources: [partial.yaml]\n");
        write(dir, "app/partial.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: listed}\n");
        write(dir, "app/unlisted.yaml", DEPLOYMENT);
        write(dir, "plain/partial.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: plain}\n");

        MeshInput in = read(dir.resolve("app").toString(), dir.resolve("plain").toString());

        assertThat(errors(in)).isEmpty();
        assertThat(in.workloads()).extracting(w -> w.meta().name())
                .containsExactlyInAnyOrder("listed", "loadgenerator", "plain");
    }

    @Test
    void aChangedKustomizationIsSeenThroughTheDecodeCache() throws Exception {
        write(dir, "kustomization.yaml", "resources: [scale.yaml]\n");
        write(dir, "scale.yaml", DEPLOYMENT);
        ManifestReader cached = new ManifestReader(ReadLimits.defaults(), new DecodeCache());
        List<String> paths = List.of(dir.toString());
        assertThat(cached.read(paths, InputStream.nullInputStream(), Optional.empty()).workloads()).hasSize(1);

        write(dir, "kustomization.yaml", "resources: []\npatches: [{path: scale.yaml}]\n");
        MeshInput again = cached.read(paths, InputStream.nullInputStream(), Optional.empty());

        assertThat(again.workloads()).isEmpty();
        assertThat(errors(again)).extracting(Diagnostic::rule).containsExactly("kustomize-patch");
    }

    @Test
    void messagesAboutARenderedStreamNameTheDocumentAndItsLine() throws Exception {
        String stream = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\n"
                + "metadata: {name: s, namespace: a}\nspec: {ports: [{port: eighty}]}\n";

        MeshInput in = reader("analyze").read(List.of(), List.of(new RenderedSource("kustomize:overlays/prod",
                stream)), InputStream.nullInputStream(), Optional.empty());

        assertThat(in.services()).hasSize(1);
        assertThat(errors(in)).singleElement().satisfies(d ->
                assertThat(d.location()).isEqualTo(new SourceLocation("kustomize:overlays/prod#2", 8, 23)));
        assertThat(in.namespaces()).singleElement().satisfies(ns ->
                assertThat(ns.meta().location()).isEqualTo(new SourceLocation("kustomize:overlays/prod#1", 3, 1)));
    }
}
