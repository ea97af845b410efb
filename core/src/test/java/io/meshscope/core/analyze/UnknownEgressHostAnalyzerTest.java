package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.namespace;
import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.analyze.MsRun.withNamespaces;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.scope.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownEgressHostAnalyzerTest {
    private final UnknownEgressHostAnalyzer analyzer = new UnknownEgressHostAnalyzer();

    @Test
    void shortNameIsReportedWithTheFqdnItProbablyMeant() {
        var in = mesh().kube("backend", "orders-service", 80)
                .sidecarHosts("frontend", "checkout", "backend/orders-service", "istio-system/*")
                .kube("istio-system", "istiod", 15010).build();

        List<AnalysisMessage> out = run(analyzer, in);

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0001");
            assertThat(m.resource().nsName()).isEqualTo("frontend/checkout");
            assertThat(m.field()).isEqualTo("spec.egress[0].hosts[0]");
            assertThat(m.message()).startsWith("spec.egress[0].hosts[0] \"backend/orders-service\" imports nothing")
                    .contains("never short-name expanded")
                    .endsWith("did you mean \"backend/orders-service.backend.svc.cluster.local\"?");
        });
    }

    @Test
    void fqdnOfAVisibleServiceIsNotReported() {
        var in = mesh().kube("backend", "orders-service", 80)
                .sidecarHosts("frontend", "checkout", "backend/orders-service.backend.svc.cluster.local").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void serviceEntryHostWrittenWithTheWrongNamespaceNamesItsOwn() {
        var in = mesh().se("orders", "payment-gateway", List.of("api.stripe.com"), 443)
                .sidecarHosts("shared", "s", "shared/api.stripe.com").build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("write \"orders/api.stripe.com\"");
    }

    @Test
    void hostThatOnlyAVirtualServiceMatchesIsNotReported() {
        var in = mesh().kube("ns1", "a", 80).vs("ns1", "vs", "foo.example.com").http("a", 80).add()
                .sidecarHosts("ns2", "s", "ns1/foo.example.com").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void virtualServiceHiddenByExportToIsExplained() {
        var in = mesh().kube("ns1", "a", 80).vs("routing", "a-route", "a.ns1.svc.cluster.local").exportTo(".")
                .http("a.ns1.svc.cluster.local", 80).add()
                .sidecarHosts("client", "s", "routing/*").build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .endsWith("VirtualService routing/a-route matches it, but its exportTo hides it from namespace client.");
    }

    @Test
    void serviceHiddenByExportToIsExplained() {
        var in = mesh().kube("ns1", "a", 0, ".", 80)
                .sidecarHosts("ns2", "s", "ns1/a.ns1.svc.cluster.local").build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("Service ns1/a defines it, but its exportTo [.] hides it from namespace ns2");
    }

    @Test
    void namespaceTheInputNeverShowedIsNotJudgedEvenWhenNamespacesAreListed() {
        Fixtures base = mesh().kube("ns1", "a", 80).sidecarHosts("ns1", "s", "./*", "istio-system/*",
                "*/istiod.istio-system.svc.cluster.local");

        assertThat(run(analyzer, base.build())).isEmpty();
        assertThat(run(analyzer, withNamespaces(base.build(), namespace("ns1", Map.of())))).isEmpty();
    }

    @Test
    void namespaceShownByItsNamespaceObjectAloneIsJudged() {
        Fixtures base = mesh().kube("ns1", "a", 80).sidecarHosts("ns1", "s", "./*", "other/*");

        assertThat(run(analyzer, withNamespaces(base.build(), namespace("other", Map.of()))))
                .singleElement().extracting(AnalysisMessage::message).asString()
                .contains("\"other/*\" imports nothing");
    }

    @Test
    void namespaceShownByAnyOfItsObjectsIsJudged() {
        var in = mesh().kube("ns1", "a", 80).kube("other", "b", 80)
                .sidecarHosts("ns1", "s", "./*", "other/c.other.svc.cluster.local").build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("\"other/c.other.svc.cluster.local\" imports nothing");
    }

    @Test
    void namespaceQualifiedShortFormsSuggestTheFqdn() {
        var in = mesh().kube("orders", "order-service", 80)
                .sidecarHosts("shipping", "s", "orders/order-service.orders", "orders/order-service.orders.svc",
                        "*/order-service.orders").build();

        assertThat(run(analyzer, in)).extracting(AnalysisMessage::message).containsExactlyInAnyOrder(
                msg(0, "orders/order-service.orders", "orders/order-service.orders.svc.cluster.local"),
                msg(1, "orders/order-service.orders.svc", "orders/order-service.orders.svc.cluster.local"),
                msg(2, "*/order-service.orders", "*/order-service.orders.svc.cluster.local"));
    }

    private static String msg(int j, String written, String meant) {
        return "spec.egress[0].hosts[" + j + "] \"" + written + "\" imports nothing: no service, ServiceEntry or"
                + " VirtualService visible to namespace shipping matches it. Sidecar hosts are never expanded to the"
                + " service's FQDN; did you mean \"" + meant + "\"?";
    }

    @Test
    void nearMissNameSuggestsTheClosestServiceOfThatNamespace() {
        var in = mesh().kube("orders", "order-service", 80).kube("orders", "payment-service", 80)
                .sidecarHosts("shipping", "s", "orders/order-svc.orders.svc.cluster.local", "orders/ordr-service")
                .build();

        assertThat(run(analyzer, in)).extracting(AnalysisMessage::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("spec.egress[0].hosts[0]")
                        .endsWith(" Did you mean \"orders/order-service.orders.svc.cluster.local\"?"),
                m -> assertThat(m).startsWith("spec.egress[0].hosts[1]")
                        .endsWith("did you mean \"orders/order-service.orders.svc.cluster.local\"?"));
    }

    @Test
    void farOffNameSuggestsNothing() {
        var in = mesh().kube("orders", "order-service", 80)
                .sidecarHosts("shipping", "s", "orders/inventory.orders.svc.cluster.local").build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .endsWith("matches it.");
    }

    @Test
    void inputWithoutAnyServiceIsNotJudged() {
        var in = mesh().sidecarHosts("ns1", "s", "ns2/b.ns2.svc.cluster.local").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void rootDefaultHostIsReadInEveryNamespaceThatInheritsIt() {
        // Visible to ns2 only: the root namespace cannot see it, ns2 (which inherits the root default) can.
        var in = mesh().kube("ns1", "a", 0, "ns2", 80).pod("ns2", "p", Map.of("app", "p"))
                .sidecarHosts(Fixtures.ROOT, "default", "ns1/a.ns1.svc.cluster.local").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void exclusionsAreNeverReported() {
        var in = mesh().kube("ns1", "a", 80).sidecarHosts("ns1", "s", "*/*", "~ns9/nothing.example.com").build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
