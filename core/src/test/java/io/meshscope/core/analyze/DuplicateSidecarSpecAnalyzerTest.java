package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplicateSidecarSpecAnalyzerTest {
    private final DuplicateSidecarSpecAnalyzer analyzer = new DuplicateSidecarSpecAnalyzer();

    @Test
    void identicalSpecsInOneNamespaceAreReportedOnTheNewerOne() {
        var in = mesh().sidecar("ns1", "copy").created("2026-01-02T00:00:00Z").egress("./*", "ns2/*").add()
                .sidecar("ns1", "original").created("2026-01-01T00:00:00Z").egress("ns2/*", "./*").add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0010");
            assertThat(m.resource().nsName()).isEqualTo("ns1/copy");
            assertThat(m.message()).startsWith("this Sidecar has the same spec as ns1/original (ns1-original.yaml:1:1)");
        });
    }

    @Test
    void sameSpecInDifferentNamespacesIsFine() {
        var in = mesh().sidecarHosts("ns1", "default", "./*").sidecarHosts("ns2", "default", "./*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void differentSelectorsMakeDifferentSpecs() {
        var in = mesh().sidecar("ns1", "a").selector(Map.of("app", "a")).egress("./*").add()
                .sidecar("ns1", "b").selector(Map.of("app", "b")).egress("./*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void listenerOrderMatters() {
        var in = mesh().sidecar("ns1", "a").egressPort(80, "HTTP", "./*").egressPort(443, "TLS", "./*").add()
                .sidecar("ns1", "b").egressPort(443, "TLS", "./*").egressPort(80, "HTTP", "./*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
