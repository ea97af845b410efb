package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.OutboundMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentedBehaviourAnalyzerTest {
    private final DocumentedBehaviourAnalyzer analyzer = new DocumentedBehaviourAnalyzer();

    private static List<String> messages(List<AnalysisMessage> out) {
        assertThat(out).allSatisfy(m -> assertThat(m.code()).isEqualTo("MS0011"));
        return out.stream().map(m -> m.resource().nsName() + ": " + m.message()).toList();
    }

    @Test
    void newerNamespaceDefaultNeverApplies() {
        var in = mesh().sidecar("ns1", "default").created("2026-01-01T00:00:00Z").egress("./*").add()
                .sidecar("ns1", "production").created("2026-01-02T00:00:00Z").egress("./*", "ns2/*").add().build();

        assertThat(messages(run(analyzer, in))).singleElement().asString()
                .startsWith("ns1/production: this Sidecar never applies: ns1/default is the oldest Sidecar without"
                        + " workloadSelector in namespace ns1 (created earlier, 2026-01-01T00:00:00Z)");
    }

    @Test
    void emptySelectorOutranksTheNamespaceDefault() {
        var in = mesh().sidecar("ns1", "default").created("2026-01-01T00:00:00Z").egress("./*").add()
                .sidecar("ns1", "everyone").created("2026-01-02T00:00:00Z").selector(Map.of()).egress("./*", "ns2/*")
                .add().build();

        assertThat(messages(run(analyzer, in))).singleElement().asString()
                .contains("ns1/default: this Sidecar never applies to a workload of namespace ns1: ns1/everyone has"
                        + " workloadSelector: {}");
    }

    @Test
    void overlappingSelectorsNameTheWinner() {
        var in = mesh().pod("ns1", "reviews-1", Map.of("app", "reviews", "v", "1"))
                .sidecar("ns1", "by-app").created("2026-01-01T00:00:00Z").selector(Map.of("app", "reviews"))
                .egress("./*").add()
                .sidecar("ns1", "by-version").created("2026-01-02T00:00:00Z").selector(Map.of("v", "1"))
                .egress("./*").add().build();

        assertThat(messages(run(analyzer, in))).singleElement().asString()
                .startsWith("ns1/by-version: this Sidecar does not apply to reviews-1: ns1/by-app also selects it and"
                        + " wins (created earlier, 2026-01-01T00:00:00Z)");
    }

    @Test
    void outboundPolicyWithoutModeIsRegistryOnly() {
        var in = mesh().sidecar("ns1", "s").egress("./*").outbound(null).add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("spec.outboundTrafficPolicy");
            assertThat(m.message()).contains("Istio reads that as REGISTRY_ONLY");
        });
    }

    @Test
    void explicitOutboundModeIsFine() {
        var in = mesh().sidecar("ns1", "s").egress("./*").outbound(OutboundMode.ALLOW_ANY).add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void bindOnTheCatchAllListenerIsHonoured() {
        var in = mesh().sidecar("ns1", "s").egressBound(0, "HTTP", "127.0.0.2", "./*").add().build();
        // egressBound with port 0 is a UDS-style port listener; build the catch-all explicitly instead.
        var catchAll = new io.meshscope.core.model.Sidecar(io.meshscope.core.scope.Fixtures.meta("Sidecar", "ns1", "c"),
                null, List.of(), List.of(new io.meshscope.core.model.EgressListener(null, "127.0.0.2", null,
                List.of("./*"))), null, null);

        assertThat(run(analyzer, in)).isEmpty();
        assertThat(run(analyzer, mesh().sidecar(catchAll).build())).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("spec.egress[0].bind");
            assertThat(m.message()).contains("every imported service port gets a listener on 127.0.0.2");
        });
    }

    @Test
    void ingressOnAWorkloadNoServiceSelectsIsStillOpened() {
        var in = mesh().pod("ns1", "worker", Map.of("app", "worker"))
                .sidecar("ns1", "s").selector(Map.of("app", "worker")).ingress(8080).egress("./*").add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("spec.ingress");
            assertThat(m.message()).startsWith("spec.ingress: no Service selects ns1/worker, yet Istio opens inbound"
                    + " port 8080 on it");
        });
    }

    @Test
    void ingressOnAServedWorkloadIsFine() {
        var in = mesh().kube("ns1", "worker", 80).pod("ns1", "worker", Map.of("app", "worker"))
                .sidecar("ns1", "s").selector(Map.of("app", "worker")).ingress(8080).egress("./*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void virtualServiceOfAnotherNamespaceIsNotImportedByTheServicesNamespace() {
        var in = mesh().kube("default", "reviews", 80)
                .vs("routing", "reviews-vs", "reviews.default.svc.cluster.local")
                .http("reviews.default.svc.cluster.local", 80).add()
                .sidecarHosts("client", "s", "default/*").build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("spec.egress[0].hosts[0]");
            assertThat(m.message()).startsWith("spec.egress[0].hosts[0] \"default/*\" imports"
                            + " reviews.default.svc.cluster.local but not VirtualService routing/reviews-vs")
                    .endsWith("Add \"routing/reviews.default.svc.cluster.local\".");
        });
    }

    @Test
    void importedVirtualServiceIsFine() {
        var in = mesh().kube("default", "reviews", 80)
                .vs("routing", "reviews-vs", "reviews.default.svc.cluster.local")
                .http("reviews.default.svc.cluster.local", 80).add()
                .sidecarHosts("client", "s", "default/*", "routing/*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void clientNamespaceDestinationRuleWinsOverTheImportedNamespacesOne() {
        var in = mesh().kube("backend", "api", 80)
                .dr("backend", "api-dr", "api.backend.svc.cluster.local")
                .dr("frontend", "local-dr", "api.backend.svc.cluster.local")
                .sidecarHosts("frontend", "s", "backend/*").build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .startsWith("DestinationRule backend/api-dr in the namespace of api.backend.svc.cluster.local is not"
                        + " used by these workloads: frontend/local-dr in their own namespace frontend wins.");
    }

    @Test
    void cleanMeshReliesOnNothingUndocumented() {
        var in = mesh().kube("ns1", "a", 80).pod("ns1", "a", Map.of("app", "a"))
                .sidecarHosts("ns1", "default", "./*").dr("ns1", "a-dr", "a.ns1.svc.cluster.local").build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
