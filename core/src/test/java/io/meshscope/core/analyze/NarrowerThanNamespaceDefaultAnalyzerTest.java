package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Severity;
import io.meshscope.core.scope.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NarrowerThanNamespaceDefaultAnalyzerTest {
    private final NarrowerThanNamespaceDefaultAnalyzer analyzer = new NarrowerThanNamespaceDefaultAnalyzer();

    private static Fixtures orders() {
        return mesh().kube("orders", "order", 80).kube("catalog", "product", 80).kube("shipping", "ship", 80);
    }

    @Test
    void workloadSidecarDroppingANamespaceOfItsDefaultIsInfo() {
        var in = orders().sidecarHosts("orders", "default", "./*", "catalog/*", "shipping/*")
                .sidecar("orders", "payment").selector(Map.of("app", "payment")).egress("./*").add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0008");
            assertThat(m.level()).isEqualTo(Severity.INFO);
            assertThat(m.resource().nsName()).isEqualTo("orders/payment");
            assertThat(m.message()).contains("replaces the namespace default orders/default")
                    .contains("import nothing from namespaces catalog, shipping")
                    .endsWith("add \"catalog/*\", \"shipping/*\" or the exact hosts.");
        });
    }

    @Test
    void workloadSidecarThatKeepsTheDefaultsNamespacesIsFine() {
        var in = orders().sidecarHosts("orders", "default", "./*", "catalog/*")
                .sidecar("orders", "payment").selector(Map.of("app", "payment"))
                .egress("./*", "catalog/product.catalog.svc.cluster.local").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void rootDefaultIsTheDefaultWhereTheNamespaceHasNone() {
        var in = orders().sidecarHosts(Fixtures.ROOT, "default", "./*", "shipping/*")
                .sidecar("orders", "payment").selector(Map.of("app", "payment")).egress("./*").add().build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("replaces the namespace default istio-system/default").contains("from namespace shipping,");
    }

    @Test
    void withoutAnyDefaultThereIsNothingToNarrow() {
        var in = orders().sidecar("orders", "payment").selector(Map.of("app", "payment")).egress("./*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
