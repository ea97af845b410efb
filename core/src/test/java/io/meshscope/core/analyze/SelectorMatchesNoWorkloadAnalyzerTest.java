package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.WorkloadKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorMatchesNoWorkloadAnalyzerTest {
    private final SelectorMatchesNoWorkloadAnalyzer analyzer = new SelectorMatchesNoWorkloadAnalyzer();

    @Test
    void selectorMatchingNoWorkloadOfAnyKindIsReportedWithTheLabelsInUse() {
        var in = mesh().workload(WorkloadKind.DEPLOYMENT, "ns1", "payments", Map.of("app", "payments"))
                .sidecar("ns1", "s").selector(Map.of("app", "payment")).egress("./*").add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0009");
            assertThat(m.field()).isEqualTo("spec.workloadSelector.labels.app");
            assertThat(m.message()).startsWith("spec.workloadSelector.labels app=payment selects no workload in"
                    + " namespace ns1").endsWith("Labels in use there: app=payments.");
        });
    }

    @Test
    void deploymentsCountForMs0009AndIst0101Alike() {
        var in = mesh().workload(WorkloadKind.DEPLOYMENT, "ns1", "reviews", Map.of("app", "reviews"))
                .sidecar("ns1", "s").selector(Map.of("app", "reviews")).egress("./*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
        assertThat(Analysis.run(in, List.of(new SidecarSelectorAnalyzer()))).isEmpty();
    }

    @Test
    void workloadsOfAnotherNamespaceDoNotCount() {
        var in = mesh().pod("ns2", "reviews", Map.of("app", "reviews")).pod("ns1", "ratings", Map.of("app", "ratings"))
                .sidecar("ns1", "s").selector(Map.of("app", "reviews")).egress("./*").add().build();

        assertThat(MsRun.codes(run(analyzer, in))).containsExactly("MS0009");
    }

    @Test
    void inputWithoutWorkloadsIsNotJudged() {
        var in = mesh().sidecar("ns1", "s").selector(Map.of("app", "reviews")).egress("./*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
