package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.scope.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootNamespaceSelectorAnalyzerTest {
    private final RootNamespaceSelectorAnalyzer analyzer = new RootNamespaceSelectorAnalyzer();

    @Test
    void emptySelectorInTheRootNamespaceIsNotTheMeshDefault() {
        var in = mesh().sidecar(Fixtures.ROOT, "global").selector(Map.of()).egress("./*").add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0005");
            assertThat(m.message()).contains("is {} in the root namespace istio-system")
                    .contains("never the mesh-wide default");
        });
    }

    @Test
    void selectorMatchingOnlyOtherNamespacesIsReported() {
        var in = mesh().pod("ns1", "web-1", Map.of("tier", "web")).pod("ns2", "web-2", Map.of("tier", "web"))
                .sidecar(Fixtures.ROOT, "web").selector(Map.of("tier", "web")).egress("./*").add().build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("tier=web in the root namespace istio-system applies only to workloads in istio-system")
                .contains("It matches 2 workloads in other namespaces (ns1/web-1, ns2/web-2)");
    }

    @Test
    void selectorMatchingRootWorkloadsIsFine() {
        var in = mesh().pod(Fixtures.ROOT, "tool", Map.of("app", "tool")).pod("ns1", "tool", Map.of("app", "tool"))
                .sidecar(Fixtures.ROOT, "tool").selector(Map.of("app", "tool")).egress("./*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void selectorSidecarsOutsideTheRootNamespaceAreNotConcerned() {
        var in = mesh().pod("ns2", "web", Map.of("tier", "web"))
                .sidecar("ns1", "web").selector(Map.of("tier", "web")).egress("./*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
