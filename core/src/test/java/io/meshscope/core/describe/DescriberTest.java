package io.meshscope.core.describe;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.ConfigKey;
import io.meshscope.core.scope.Fixtures;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.ProxyType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The describe view (cli.md {@code describe}) and the affected-proxies answer (cli.md {@code affected}). */
class DescriberTest {

    private static Workload workload(MeshIndex idx, String ns, String name) {
        return idx.input().workloads().stream()
                .filter(w -> w.namespace().equals(ns) && w.name().equals(name)).findFirst().orElseThrow();
    }

    private static Fixtures world() {
        return mesh()
                .kube("ns1", "a", 80, 8080)
                .kube("ns2", "b", 80)
                .kube("backend", "orders-service", 80)
                .vs("ns1", "a-vs", "a.ns1.svc.cluster.local").http("a", 80).add()
                .dr("ns1", "a-dr", "a.ns1.svc.cluster.local")
                .pod("ns1", "p", Map.of("app", "p"))
                .pod("istio-system", "ingress", Map.of("istio", "ingressgateway"));
    }

    @Test
    void describesAppliedSidecarListenersAndScope() {
        MeshIndex idx = world()
                .sidecar("ns1", "default").egressPort(80, "HTTP", "./*").egress("ns2/*", "backend/orders-service")
                .ingress(9080).outbound(OutboundMode.REGISTRY_ONLY).add()
                .index();
        Description d = new Describer(idx).describe(workload(idx, "ns1", "p"), ProxyType.SIDECAR);
        assertThat(d.sidecar()).isEqualTo("ns1/default");
        assertThat(d.selectedBy()).isEqualTo("namespaceDefault");
        assertThat(d.proxyType()).isEqualTo("sidecar");
        assertThat(d.outboundTrafficPolicy()).isEqualTo("REGISTRY_ONLY");
        assertThat(d.egress()).hasSize(2);

        Description.EgressView port80 = d.egress().get(0);
        assertThat(port80.port()).isEqualTo(80L);
        assertThat(port80.services()).containsExactly(fqdn("a", "ns1"));
        assertThat(port80.servicePorts()).containsEntry(fqdn("a", "ns1"), List.of(80));
        assertThat(port80.serviceNamespaces()).containsEntry(fqdn("a", "ns1"), "ns1");
        assertThat(port80.virtualServices()).containsExactly("ns1/a-vs");
        assertThat(port80.hostMatches()).containsEntry("./*", List.of("VirtualService ns1/a-vs", fqdn("a", "ns1")));

        Description.EgressView catchAll = d.egress().get(1);
        assertThat(catchAll.port()).isNull();
        assertThat(catchAll.services()).containsExactly(fqdn("b", "ns2"));
        assertThat(catchAll.unmatchedHosts()).containsExactly("backend/orders-service");
        assertThat(catchAll.hostMatches()).containsEntry("backend/orders-service", List.of());

        assertThat(d.scopeServices()).containsExactly(fqdn("a", "ns1"), fqdn("b", "ns2"));
        assertThat(d.scopeServicePorts()).containsEntry(fqdn("a", "ns1"), List.of(80));
        assertThat(d.destinationRules()).containsEntry(fqdn("a", "ns1"), "ns1/a-dr");
        assertThat(d.ingress()).hasSize(1);
        assertThat(d.ingress().get(0).port()).isEqualTo(9080L);
    }

    @Test
    void describesDefaultScopeWithImplicitListener() {
        MeshIndex idx = world().index();
        Description d = new Describer(idx).describe(workload(idx, "ns1", "p"), ProxyType.SIDECAR);
        assertThat(d.sidecar()).isNull();
        assertThat(d.selectedBy()).isEqualTo("none");
        assertThat(d.outboundTrafficPolicy()).isEqualTo("ALLOW_ANY");
        assertThat(d.egress()).hasSize(1);
        assertThat(d.egress().get(0).port()).isNull();
        assertThat(d.egress().get(0).hosts()).containsExactly("*/*");
        assertThat(d.scopeServices()).containsExactly(fqdn("a", "ns1"), fqdn("b", "ns2"),
                fqdn("orders-service", "backend"));
        assertThat(d.scopeServicePorts()).containsEntry(fqdn("a", "ns1"), List.of(80, 8080));
    }

    @Test
    void describesGatewayAsIgnoringSidecars() {
        MeshIndex idx = world().sidecarHosts("istio-system", "default", "./*").index();
        Description d = new Describer(idx).describe(workload(idx, "istio-system", "ingress"), ProxyType.ROUTER);
        assertThat(d.sidecar()).isNull();
        assertThat(d.proxyType()).isEqualTo("router");
        assertThat(d.selectedBy()).isEqualTo("none");
        assertThat(d.shadowed()).extracting(Description.ShadowedView::sidecar).containsExactly("istio-system/default");
        assertThat(d.scopeServices()).hasSize(3);
    }

    @Test
    void shadowedSidecarsAreListedWithReasons() {
        MeshIndex idx = world()
                .sidecar("ns1", "older").created("2020-01-01T00:00:00Z").egress("./*").add()
                .sidecar("ns1", "newer").created("2024-01-01T00:00:00Z").egress("ns2/*").add()
                .index();
        Description d = new Describer(idx).describe(workload(idx, "ns1", "p"), ProxyType.SIDECAR);
        assertThat(d.sidecar()).isEqualTo("ns1/older");
        assertThat(d.shadowed()).hasSize(1);
        assertThat(d.shadowed().get(0).sidecar()).isEqualTo("ns1/newer");
        assertThat(d.shadowed().get(0).reason()).isNotBlank();
    }

    @Test
    void affectedRecognisesGatewaysAndAppliesPushRules() {
        MeshIndex idx = world().sidecarHosts("ns1", "default", "./*").index();
        AffectedProxies affected = new AffectedProxies(idx);
        ChangeSpec change = ChangeSpec.parse("service:" + fqdn("b", "ns2")).orElseThrow();
        List<AffectedProxies.Answer> answers = affected.evaluate(change, idx.input().workloads(), null, false);
        assertThat(answers).hasSize(2);
        AffectedProxies.Answer pod = answers.stream().filter(a -> a.workload().name().equals("p")).findFirst().orElseThrow();
        AffectedProxies.Answer gw = answers.stream().filter(a -> a.workload().name().equals("ingress")).findFirst()
                .orElseThrow();
        assertThat(pod.proxyType()).isEqualTo(ProxyType.SIDECAR);
        assertThat(pod.push()).isFalse();
        assertThat(gw.proxyType()).isEqualTo(ProxyType.ROUTER);
        assertThat(gw.push()).isTrue();
    }

    @Test
    void affectedSidecarChangeNeverPushesToGateway() {
        MeshIndex idx = world().sidecarHosts("istio-system", "default", "./*").index();
        ChangeSpec change = ChangeSpec.parse("Sidecar/istio-system/default").orElseThrow();
        List<AffectedProxies.Answer> answers = new AffectedProxies(idx).evaluate(change,
                List.of(workload(idx, "istio-system", "ingress")), null, false);
        assertThat(answers.get(0).push()).isFalse();
        // the same pod forced to be a sidecar inherits the root Sidecar... it is in the root namespace itself
        List<AffectedProxies.Answer> asSidecar = new AffectedProxies(idx).evaluate(change,
                List.of(workload(idx, "istio-system", "ingress")), ProxyType.SIDECAR, false);
        assertThat(asSidecar.get(0).push()).isTrue();
    }

    @Test
    void affectedForcedPushesEveryone() {
        MeshIndex idx = world().sidecarHosts("ns1", "default", "~/*").index();
        ChangeSpec change = ChangeSpec.parse("service:nothing.example.com").orElseThrow();
        assertThat(new AffectedProxies(idx).evaluate(change, idx.input().workloads(), null, true))
                .allMatch(AffectedProxies.Answer::push);
        assertThat(change.keys(idx.registry())).containsExactly(new ConfigKey("ServiceEntry", null, "nothing.example.com"));
    }

    @Test
    void gatewayRecognizer() {
        Fixtures f = mesh()
                .pod("ns", "ig", Map.of("istio", "ingressgateway"))
                .pod("ns", "eg", Map.of("istio", "egressgateway"))
                .pod("ns", "api", Map.of("gateway.networking.k8s.io/gateway-name", "gw"))
                .pod("ns", "app", Map.of("app", "x"));
        MeshIndex idx = f.index();
        assertThat(GatewayRecognizer.typeOf(workload(idx, "ns", "ig"))).isEqualTo(ProxyType.ROUTER);
        assertThat(GatewayRecognizer.typeOf(workload(idx, "ns", "eg"))).isEqualTo(ProxyType.ROUTER);
        assertThat(GatewayRecognizer.typeOf(workload(idx, "ns", "api"))).isEqualTo(ProxyType.ROUTER);
        assertThat(GatewayRecognizer.typeOf(workload(idx, "ns", "app"))).isEqualTo(ProxyType.SIDECAR);
    }
}
