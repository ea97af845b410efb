package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.scope.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExclusionImportsNothingAnalyzerTest {
    private final ExclusionImportsNothingAnalyzer analyzer = new ExclusionImportsNothingAnalyzer();

    private static Fixtures externalServices() {
        return mesh().se("orders", "payment-gateway", List.of("api.stripe.com", "api.paypal.com"), 443)
                .se("shared", "email", List.of("api.sendgrid.com"), 443)
                .kube("istio-system", "istiod", 15010);
    }

    @Test
    void tildeStarOnAPortListenerProposesTheServiceEntryHostsOfTheNamespace() {
        var in = externalServices().sidecar("orders", "payment").selector(java.util.Map.of("app", "payment"))
                .egress("./*", "istio-system/*").egressPort(443, "TLS", "~/*").add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0002");
            assertThat(m.field()).isEqualTo("spec.egress[1].hosts[0]");
            assertThat(m.message()).contains("\"~\" is an exclusion prefix, not the root namespace")
                    .contains("this listener on port 443 is empty")
                    .contains("The root namespace istio-system holds no ServiceEntry")
                    .endsWith("write \"orders/api.paypal.com\", \"orders/api.stripe.com\".");
        });
    }

    @Test
    void withoutOwnServiceEntriesEveryVisibleOneIsProposed() {
        var in = externalServices().sidecar("backend", "client").egressPort(443, "TLS", "~/*").egress("./*").add()
                .build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .endsWith("write \"orders/api.paypal.com\", \"orders/api.stripe.com\", \"shared/api.sendgrid.com\".");
    }

    @Test
    void tildeStarNextToOtherHostsWipesThemOut() {
        var in = externalServices().sidecarHosts("orders", "default", "./*", "~/*").build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("so this listener imports nothing at all: not even \"./*\" written next to it");
    }

    @Test
    void tildeStarAsTheSidecarsOnlyImportIsADeliberateTrim() {
        var in = externalServices().sidecarHosts("orders", "trim-everything", "~/*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void rootNamespaceServiceEntriesAreProposedAsRootStar() {
        var in = externalServices().se(Fixtures.ROOT, "global-api", List.of("api.global.example.com"), 443)
                .sidecar("orders", "s").egressPort(443, "TLS", "~/*").egress("./*").add().build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("For the root namespace's ServiceEntries write \"istio-system/*\".");
    }

    @Test
    void listenerWithOnlyExclusionsImportsNothing() {
        var in = externalServices().sidecarHosts("orders", "s", "~monitoring/*").build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("this listener has only \"~\" exclusions");
    }

    @Test
    void exclusionsNextToInclusionsAreAnOptOutList() {
        var in = externalServices().sidecarHosts("orders", "s", "*/*", "~monitoring/*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void anEgressListenerWithoutHostsIsLeftToValidation() {
        var in = externalServices().sidecar("orders", "no-hosts").egress().egressPort(443, "TLS").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
