package io.meshscope.core.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.deps.Call;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.EvidenceKind;
import io.meshscope.core.deps.EvidenceSource;
import io.meshscope.core.deps.Unresolved;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatIfTest {
    static final EvidenceSource MAP = new EvidenceSource(EvidenceKind.DEPENDENCY_MAP, "deps.yaml", null);
    static final EvidenceSource PROM = new EvidenceSource(EvidenceKind.PROMETHEUS, "http://prom", "7d");

    /** ns1/a calls ns2/b; ns2 also has c; ns3 has a ServiceEntry for api.example.com on 443. */
    static Fixtures mesh() {
        return Fixtures.mesh()
                .kube("ns1", "a", 80).kube("ns2", "b", 80, 9090).kube("ns2", "c", 80)
                .se("ns3", "ext", List.of("api.example.com"), 443)
                .workload(WorkloadKind.DEPLOYMENT, "ns1", "a", Map.of("app", "a"))
                .workload(WorkloadKind.DEPLOYMENT, "ns2", "b", Map.of("app", "b"));
    }

    static Evidence calls(Call... calls) {
        return new Evidence(List.of(calls), List.of(MAP), List.of());
    }

    static Call call(String from, String host, String hostNs, Integer port) {
        String[] f = from.split("/");
        return new Call(f[0], f[1], host, hostNs, port, 5, PROM);
    }

    @Test
    void unimportedHostIsBlackHoleUnderRegistryOnlyWithTheFixingHostLine() {
        var in = mesh().outboundMode(OutboundMode.REGISTRY_ONLY).sidecarHosts("ns1", "default", "./*").build();
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, calls(call("ns1/a", "b", "ns2", null)));
        assertThat(r.broken()).singleElement().satisfies(b -> {
            assertThat(b.outcome()).isEqualTo(Outcome.BLACKHOLE);
            assertThat(b.sidecarName()).isEqualTo("ns1/default");
            assertThat(b.fix()).isEqualTo("ns2/b.ns2.svc.cluster.local");
            assertThat(b.fixField()).isEqualTo("spec.egress[0].hosts");
            assertThat(b.call().count()).isEqualTo(5);
        });
        assertThat(r.byWorkload()).containsOnlyKeys("ns1/a");
    }

    @Test
    void sameCallIsPassthroughUnderAllowAny() {
        var in = mesh().sidecarHosts("ns1", "default", "./*").build();
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, calls(call("ns1/a", "b.ns2.svc.cluster.local", null, 80)));
        assertThat(r.broken()).singleElement().extracting(BrokenCall::outcome).isEqualTo(Outcome.PASSTHROUGH);
    }

    @Test
    void importedHostIsRoutedAndWithoutSidecarNothingBreaks() {
        var scoped = mesh().outboundMode(OutboundMode.REGISTRY_ONLY)
                .sidecarHosts("ns1", "default", "ns2/b.ns2.svc.cluster.local", "ns3/api.example.com").build();
        var ev = calls(call("ns1/a", "b", "ns2", 9090), call("ns1/a", "api.example.com", null, null));
        assertThat(new WhatIf(SizeModel.CLUSTERS).evaluate(scoped, ev).broken()).isEmpty();
        var bare = mesh().outboundMode(OutboundMode.REGISTRY_ONLY).build();
        assertThat(new WhatIf(SizeModel.CLUSTERS).evaluate(bare, ev).broken()).isEmpty();
    }

    @Test
    void portListenerLocksItsPortSoTheCatchAllImportDoesNotRouteIt() {
        var in = mesh().outboundMode(OutboundMode.REGISTRY_ONLY)
                .sidecar("ns1", "default").egressPort(443, "TLS", "ns3/other.example.com").egress("ns3/*").add()
                .build();
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, calls(call("ns1/a", "api.example.com", null, 443),
                call("ns1/a", "api.example.com", null, null)));
        assertThat(r.broken()).hasSize(2).allSatisfy(b -> {
            assertThat(b.fix()).isEqualTo("ns3/api.example.com");
            assertThat(b.listenerIndex()).isZero();
            assertThat(b.listenerPort()).isEqualTo(443);
        });
    }

    @Test
    void sidecarWithOnlyPortListenersGetsTheFixOnANewCatchAll() {
        var in = mesh().outboundMode(OutboundMode.REGISTRY_ONLY)
                .sidecar("ns1", "default").egressPort(443, "TLS", "ns3/api.example.com").add().build();
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, calls(call("ns1/a", "c", "ns2", null)));
        assertThat(r.broken()).singleElement().satisfies(b -> {
            assertThat(b.listenerIndex()).isEqualTo(-1);
            assertThat(b.fixField()).startsWith("spec.egress (a new listener");
        });
    }

    @Test
    void serviceHiddenByExportToHasNoFixingHostLine() {
        var in = Fixtures.mesh().kube("ns1", "a", 80).kube("ns2", "secret", 0, ".", 80)
                .workload(WorkloadKind.DEPLOYMENT, "ns1", "a", Map.of("app", "a")).build();
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, calls(call("ns1/a", "secret", "ns2", null)));
        assertThat(r.broken()).singleElement().satisfies(b -> {
            assertThat(b.fix()).isNull();
            assertThat(b.why()).contains("not exported to namespace ns1");
        });
    }

    @Test
    void unknownCallersServicesAndExternalHostsAreReportedNotBroken() {
        var in = mesh().outboundMode(OutboundMode.REGISTRY_ONLY).sidecarHosts("ns1", "default", "./*").build();
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, calls(call("ns9/ghost", "b", "ns2", null),
                call("ns1/a", "gone", "ns2", null), call("ns1/a", "api.stripe.com", null, null)));
        assertThat(r.broken()).isEmpty();
        assertThat(r.resolution().unresolved()).extracting(Unresolved::reason).containsExactly(
                Unresolved.Reason.UNKNOWN_SOURCE, Unresolved.Reason.UNKNOWN_SERVICE, Unresolved.Reason.NO_SERVICE_ENTRY);
    }

    @Test
    void callerNamedByItsServiceResolvesToTheWorkloadTheServiceSelects() {
        var in = Fixtures.mesh().kube("ns1", "frontend", 80).kube("ns2", "b", 80)
                .workload(WorkloadKind.DEPLOYMENT, "ns1", "frontend-v2", Map.of("app", "frontend"))
                .outboundMode(OutboundMode.REGISTRY_ONLY).sidecarHosts("ns1", "default", "./*").build();
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, calls(call("ns1/frontend", "b", "ns2", null)));
        assertThat(r.broken()).singleElement().satisfies(b -> assertThat(b.call().caller().id())
                .isEqualTo("ns1/frontend-v2"));
    }

    @Test
    void sameCallFromTwoInputsIsCheckedOnceWithCountsAdded() {
        var in = mesh().build();
        List<Call> cs = new ArrayList<>(List.of(call("ns1/a", "b", "ns2", null), call("ns1/a", "b", "ns2", null)));
        cs.add(new Call("ns1", "a", "b.ns2.svc.cluster.local", null, null, 0, MAP));
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, new Evidence(cs, List.of(MAP, PROM), List.of()));
        assertThat(r.resolution().calls()).singleElement().satisfies(c -> {
            assertThat(c.count()).isEqualTo(10);
            assertThat(c.sources()).containsExactly(MAP, PROM);
        });
    }

    @Test
    void sizesCountClustersPerProxyWithAndWithoutSidecars() {
        var in = mesh().sidecarHosts("ns1", "default", "ns2/b.ns2.svc.cluster.local").build();
        var r = new WhatIf(SizeModel.CLUSTERS).evaluate(in, Evidence.empty());
        // Without Sidecars every proxy sees a:80, b:80, b:9090, c:80, api.example.com:443.
        assertThat(r.sizes()).extracting(s -> s.caller().id() + " " + s.scoped() + "/" + s.unscoped())
                .containsExactly("ns1/a 2/5", "ns2/b 5/5");
        assertThat(r.totalUnscoped()).isEqualTo(10);
        assertThat(r.saved()).isEqualTo(3);
        assertThat(r.unit()).isEqualTo("clusters");
    }

    @Test
    void injectedSizeModelIsWhatGetsReported() {
        var in = mesh().sidecarHosts("ns1", "default", "./*").build();
        var r = new WhatIf(new SizeModel(s -> 1000L * s.services().size(), "bytes")).evaluate(in, Evidence.empty());
        assertThat(r.unit()).isEqualTo("bytes");
        assertThat(r.sizes()).first().extracting(WorkloadSize::scoped).isEqualTo(1000L);
    }
}
