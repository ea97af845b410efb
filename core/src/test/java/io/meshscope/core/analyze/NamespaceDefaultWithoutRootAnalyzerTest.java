package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceDefaultWithoutRootAnalyzerTest {
    private final NamespaceDefaultWithoutRootAnalyzer analyzer = new NamespaceDefaultWithoutRootAnalyzer();

    @Test
    void namespaceDefaultWithoutTheRootNamespaceIsReportedAtInfo() {
        var in = mesh().sidecarHosts("frontend", "default", "./*", "backend/*").build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0013");
            assertThat(m.type().level()).isEqualTo(Severity.INFO);
            assertThat(m.field()).isEqualTo("spec.egress");
            assertThat(m.message()).startsWith("this namespace default Sidecar imports nothing from the root"
                    + " namespace istio-system").contains("add \"istio-system/*\"");
        });
    }

    @Test
    void seedsRecommendedDefaultIsNotReported() {
        var in = mesh().sidecarHosts("frontend", "default", "./*", "istio-system/*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void anExactRootNamespaceHostOrAWildcardNamespaceCounts() {
        var in = mesh().sidecarHosts("a", "default", "./*", "istio-system/istiod.istio-system.svc.cluster.local")
                .sidecarHosts("b", "default", "*/*")
                .sidecarHosts("c", "default", "*/api.example.com").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void exclusionOfTheRootNamespaceDoesNotCount() {
        var in = mesh().sidecarHosts("a", "default", "./*", "~istio-system/*").build();

        assertThat(MsRun.codes(run(analyzer, in))).containsExactly("MS0013");
    }

    @Test
    void rootNamespaceComesFromMeshConfig() {
        var in = mesh().meshConfig(MeshConfig.defaults().withRootNamespace("mesh-root"))
                .sidecarHosts("a", "default", "./*", "istio-system/*")
                .sidecarHosts("b", "default", "./*", "mesh-root/*")
                .sidecarHosts("mesh-root", "default", "./*").build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m ->
                assertThat(m.resource().nsName()).isEqualTo("a/default"));
    }

    @Test
    void workloadSidecarsAndSidecarsWithoutEgressAreNotJudged() {
        var in = mesh().sidecar("a", "s").selector(Map.of("app", "x")).egress("./*").add()
                .sidecar("b", "default").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
