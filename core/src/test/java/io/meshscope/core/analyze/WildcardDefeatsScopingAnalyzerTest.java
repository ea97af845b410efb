package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.scope.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WildcardDefeatsScopingAnalyzerTest {
    private final WildcardDefeatsScopingAnalyzer analyzer = new WildcardDefeatsScopingAnalyzer();

    private static Fixtures threeServices() {
        return mesh().kube("ns1", "a", 80).kube("ns2", "b", 80, 9090).kube("ns3", "c", 80);
    }

    @Test
    void starStarInANamespaceDefaultSaysHowManyServicesItImports() {
        var in = threeServices().sidecarHosts("ns1", "default", "./*", "*/*").build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0003");
            assertThat(m.field()).isEqualTo("spec.egress[0].hosts[1]");
            assertThat(m.message()).contains("in this namespace default Sidecar")
                    .contains("(3 services, 4 service ports), exactly what a proxy without any Sidecar gets");
        });
    }

    @Test
    void starStarInAWorkloadSidecarIsReportedToo() {
        var in = threeServices().sidecar("ns1", "w").selector(Map.of("app", "w")).egress("*/*").add().build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("in this workload Sidecar");
    }

    @Test
    void sidecarWithoutEgressGetsTheImplicitStarStar() {
        var in = threeServices().sidecar("ns1", "ingress-only").ingress(8080).add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("spec");
            assertThat(m.message()).contains("has no spec.egress, so Istio gives it the implicit \"*/*\"");
        });
    }

    @Test
    void starStarWithExclusionsIsAnOptOutListAndNotReported() {
        var in = threeServices().sidecarHosts("ns1", "default", "*/*", "~ns3/*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void scopedSidecarIsNotReported() {
        var in = threeServices().sidecarHosts("ns1", "default", "./*", "ns2/*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
