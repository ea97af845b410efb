package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.hosts;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.proxy;
import static io.meshscope.core.scope.Fixtures.router;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.OutboundMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Sidecar applies to a proxy (spec §3): precedence, tie-breaks, root defaults, routers, shadowing. */
class SidecarSelectionTest {
    private static final Map<String, String> APP_A = Map.of("app", "a");

    private static String chosen(MeshIndex idx, Proxy p) {
        SidecarSelection s = idx.select(p);
        return s.sidecar() == null ? null : s.sidecar().meta().id().nsName();
    }

    private static Fixtures services() {
        return mesh().kube("ns1", "a", 80).kube("ns2", "b", 80).kube("ns3", "c", 80)
                .kube("istio-system", "istiod", 15012);
    }

    @Test
    void noSidecarGivesBuiltInDefaultScopeImportingEveryVisibleService() {
        MeshIndex idx = services().kube("ns2", "hidden", 0, ".", 80).index();
        SidecarSelection sel = idx.select(proxy("ns1"));
        assertThat(sel.sidecar()).isNull();
        assertThat(sel.selectedBy()).isEqualTo(SelectedBy.NONE);
        SidecarScope scope = idx.scope(proxy("ns1"));
        assertThat(scope.name()).isEqualTo("default-sidecar");
        assertThat(scope.namespace()).isEqualTo("ns1");
        assertThat(scope.egress()).hasSize(1);
        assertThat(scope.egress().get(0).listener().isCatchAll()).isTrue();
        assertThat(scope.egress().get(0).listener().hosts()).containsExactly("*/*");
        assertThat(hosts(scope.services())).containsExactly(fqdn("a", "ns1"), fqdn("b", "ns2"), fqdn("c", "ns3"),
                fqdn("istiod", "istio-system"));
    }

    @Test
    void selectorSidecarBeatsNamespaceDefault() {
        MeshIndex idx = services()
                .sidecar("ns1", "default").created("2020-01-01T00:00:00Z").egress("./*").add()
                .sidecar("ns1", "for-a").created("2024-01-01T00:00:00Z").selector(APP_A).egress("ns2/*").add()
                .index();
        assertThat(chosen(idx, proxy("ns1", APP_A))).isEqualTo("ns1/for-a");
        assertThat(idx.select(proxy("ns1", APP_A)).selectedBy()).isEqualTo(SelectedBy.WORKLOAD_SELECTOR);
        assertThat(hosts(idx.scope(proxy("ns1", APP_A)).services())).containsExactly(fqdn("b", "ns2"));
    }

    @Test
    void namespaceDefaultBeatsRootDefault() {
        MeshIndex idx = services()
                .sidecarHosts("istio-system", "global", "istio-system/*")
                .sidecarHosts("ns1", "default", "./*")
                .index();
        SidecarSelection sel = idx.select(proxy("ns1"));
        assertThat(chosen(idx, proxy("ns1"))).isEqualTo("ns1/default");
        assertThat(sel.selectedBy()).isEqualTo(SelectedBy.NAMESPACE_DEFAULT);
        assertThat(sel.shadowed()).extracting(s -> s.sidecar().meta().id().nsName()).containsExactly("istio-system/global");
        assertThat(sel.shadowed().get(0).reason()).isNotBlank();
    }

    @Test
    void rootDefaultAppliesToNamespaceWithoutSidecar() {
        MeshIndex idx = services().sidecarHosts("istio-system", "global", "istio-system/*").index();
        SidecarSelection sel = idx.select(proxy("ns2"));
        assertThat(chosen(idx, proxy("ns2"))).isEqualTo("istio-system/global");
        assertThat(sel.selectedBy()).isEqualTo(SelectedBy.ROOT_NAMESPACE_DEFAULT);
        SidecarScope scope = idx.scope(proxy("ns2"));
        assertThat(scope.name()).isEqualTo("global");
        assertThat(scope.namespace()).isEqualTo("ns2");
    }

    @Test
    void rootSidecarDotMeansConsumerNamespace() {
        MeshIndex idx = services().sidecarHosts("istio-system", "global", "./*").index();
        assertThat(hosts(idx.scope(proxy("ns2")).services())).containsExactly(fqdn("b", "ns2"));
        assertThat(hosts(idx.scope(proxy("ns3")).services())).containsExactly(fqdn("c", "ns3"));
        assertThat(hosts(idx.scope(proxy("istio-system")).services())).containsExactly(fqdn("istiod", "istio-system"));
    }

    @Test
    void rootSidecarIngressAndOutboundPolicyApplyToInheritingNamespaces() {
        MeshIndex idx = services().sidecar("istio-system", "global").egress("./*").ingress(8080)
                .outbound(OutboundMode.REGISTRY_ONLY).add().index();
        SidecarScope scope = idx.scope(proxy("ns1"));
        assertThat(scope.outboundMode()).isEqualTo(OutboundMode.REGISTRY_ONLY);
        assertThat(scope.ingress()).hasSize(1);
    }

    @Test
    void selectorNoMatchFallsToNamespaceDefault() {
        MeshIndex idx = services()
                .sidecar("ns1", "for-a").selector(APP_A).egress("ns2/*").add()
                .sidecarHosts("ns1", "default", "./*")
                .index();
        assertThat(chosen(idx, proxy("ns1", Map.of("app", "other")))).isEqualTo("ns1/default");
        assertThat(idx.select(proxy("ns1", Map.of("app", "other"))).shadowed()).isEmpty();
    }

    @Test
    void selectorOnlyNoMatchFallsToRootDefault() {
        MeshIndex idx = services()
                .sidecar("ns1", "for-a").selector(APP_A).egress("ns2/*").add()
                .sidecarHosts("istio-system", "global", "./*")
                .index();
        assertThat(chosen(idx, proxy("ns1", Map.of("app", "other")))).isEqualTo("istio-system/global");
    }

    @Test
    void selectorOnlyNoMatchAndNoRootGivesNone() {
        MeshIndex idx = services().sidecar("ns1", "for-a").selector(APP_A).egress("ns2/*").add().index();
        assertThat(chosen(idx, proxy("ns1", Map.of("app", "other")))).isNull();
        assertThat(idx.scope(proxy("ns1", Map.of("app", "other"))).name()).isEqualTo("default-sidecar");
    }

    @Test
    void selectorRequiresEveryLabel() {
        MeshIndex idx = services()
                .sidecar("ns1", "two-labels").selector(Map.of("app", "a", "version", "v1")).egress("ns2/*").add()
                .index();
        assertThat(chosen(idx, proxy("ns1", APP_A))).isNull();
        assertThat(chosen(idx, proxy("ns1", Map.of("app", "a", "version", "v1", "extra", "x"))))
                .isEqualTo("ns1/two-labels");
    }

    @Test
    void oldestMatchingSelectorSidecarWinsAndLoserIsShadowedWithReason() {
        MeshIndex idx = services()
                .sidecar("ns1", "aaa-newer").created("2024-06-01T00:00:00Z").selector(APP_A).egress("ns3/*").add()
                .sidecar("ns1", "zzz-older").created("2024-01-01T00:00:00Z").selector(APP_A).egress("ns2/*").add()
                .index();
        SidecarSelection sel = idx.select(proxy("ns1", APP_A));
        assertThat(chosen(idx, proxy("ns1", APP_A))).isEqualTo("ns1/zzz-older");
        assertThat(sel.shadowed()).hasSize(1);
        assertThat(sel.shadowed().get(0).sidecar().meta().name()).isEqualTo("aaa-newer");
        assertThat(sel.shadowed().get(0).reason()).contains("oldest");
    }

    @Test
    void sameCreationTimeTieBrokenByName() {
        MeshIndex idx = services()
                .sidecar("ns1", "beta").created("2024-01-01T00:00:00Z").selector(APP_A).egress("ns3/*").add()
                .sidecar("ns1", "alpha").created("2024-01-01T00:00:00Z").selector(APP_A).egress("ns2/*").add()
                .index();
        assertThat(chosen(idx, proxy("ns1", APP_A))).isEqualTo("ns1/alpha");
        assertThat(idx.select(proxy("ns1", APP_A)).shadowed().get(0).reason()).contains("name");
    }

    @Test
    void oldestSelectorlessSidecarWinsForTheNamespace() {
        MeshIndex idx = services()
                .sidecar("ns1", "a-newer").created("2024-06-01T00:00:00Z").egress("ns3/*").add()
                .sidecar("ns1", "z-older").created("2024-01-01T00:00:00Z").egress("ns2/*").add()
                .index();
        assertThat(chosen(idx, proxy("ns1"))).isEqualTo("ns1/z-older");
        assertThat(idx.select(proxy("ns1")).selectedBy()).isEqualTo(SelectedBy.NAMESPACE_DEFAULT);
        assertThat(idx.select(proxy("ns1")).shadowed()).extracting(s -> s.sidecar().meta().name())
                .containsExactly("a-newer");
    }

    @Test
    void emptyWorkloadSelectorOutranksOlderSelectorlessSidecar() {
        MeshIndex idx = services()
                .sidecar("ns1", "default").created("2024-01-01T00:00:00Z").egress("./*").add()
                .sidecar("ns1", "empty-selector").created("2024-06-01T00:00:00Z").selector(Map.of()).egress("ns2/*").add()
                .index();
        SidecarSelection sel = idx.select(proxy("ns1"));
        assertThat(chosen(idx, proxy("ns1"))).isEqualTo("ns1/empty-selector");
        assertThat(sel.selectedBy()).isEqualTo(SelectedBy.WORKLOAD_SELECTOR);
        assertThat(sel.shadowed()).extracting(s -> s.sidecar().meta().name()).containsExactly("default");
        assertThat(sel.shadowed().get(0).reason()).contains("workloadSelector");
        assertThat(hosts(idx.scope(proxy("ns1")).services())).containsExactly(fqdn("b", "ns2"));
    }

    @Test
    void emptyWorkloadSelectorInRootIsNeverTheRootDefault() {
        MeshIndex idx = services()
                .sidecar("istio-system", "empty-selector").selector(Map.of()).egress("ns2/*").add()
                .index();
        assertThat(chosen(idx, proxy("ns1"))).isNull();
        assertThat(chosen(idx, proxy("istio-system"))).isEqualTo("istio-system/empty-selector");
    }

    @Test
    void rootSelectorSidecarsApplyOnlyToRootPods() {
        MeshIndex idx = services()
                .sidecar("istio-system", "root-a").selector(APP_A).egress("ns2/*").add()
                .sidecarHosts("istio-system", "global", "./*")
                .index();
        assertThat(chosen(idx, proxy("ns1", APP_A))).isEqualTo("istio-system/global");
        assertThat(chosen(idx, proxy("istio-system", APP_A))).isEqualTo("istio-system/root-a");
        assertThat(idx.select(proxy("istio-system", APP_A)).selectedBy()).isEqualTo(SelectedBy.WORKLOAD_SELECTOR);
    }

    @Test
    void rootDefaultIsTheOldestSelectorlessRootSidecar() {
        MeshIndex idx = services()
                .sidecar("istio-system", "a-newer").created("2024-06-01T00:00:00Z").egress("ns3/*").add()
                .sidecar("istio-system", "z-older").created("2024-01-01T00:00:00Z").egress("ns2/*").add()
                .index();
        assertThat(chosen(idx, proxy("ns1"))).isEqualTo("istio-system/z-older");
    }

    @Test
    void rootPodWithOnlyRootDefaultReportsNamespaceDefaultTier() {
        MeshIndex idx = services().sidecarHosts("istio-system", "global", "./*").index();
        assertThat(chosen(idx, proxy("istio-system"))).isEqualTo("istio-system/global");
        // for workloads in the root namespace, the namespace default and root default are the same Sidecar
        assertThat(idx.select(proxy("istio-system")).shadowed()).isEmpty();
    }

    @Test
    void selectorSidecarInOtherNamespaceIsIgnored() {
        MeshIndex idx = services().sidecar("ns2", "for-a").selector(APP_A).egress("ns2/*").add().index();
        assertThat(chosen(idx, proxy("ns1", APP_A))).isNull();
    }

    @Test
    void routersIgnoreSidecarsAndReportThemShadowed() {
        MeshIndex idx = services().sidecarHosts("istio-system", "default", "./*").index();
        Proxy gw = router("istio-system");
        SidecarSelection sel = idx.select(gw);
        assertThat(sel.sidecar()).isNull();
        assertThat(sel.selectedBy()).isEqualTo(SelectedBy.NONE);
        assertThat(sel.shadowed()).hasSize(1);
        assertThat(sel.shadowed().get(0).sidecar().meta().name()).isEqualTo("default");
        assertThat(sel.shadowed().get(0).reason()).containsIgnoringCase("gateway");
        SidecarScope scope = idx.scope(gw);
        assertThat(scope.name()).isEqualTo("default-sidecar");
        assertThat(scope.sidecar()).isNull();
        assertThat(hosts(scope.services())).containsExactly(fqdn("a", "ns1"), fqdn("b", "ns2"), fqdn("c", "ns3"),
                fqdn("istiod", "istio-system"));
    }

    @Test
    void routerScopeIgnoresRootSidecarOutboundPolicy() {
        MeshIndex idx = services().sidecar("istio-system", "global").egress("./*")
                .outbound(OutboundMode.REGISTRY_ONLY).add().index();
        assertThat(idx.scope(router("ns1")).outboundMode()).isEqualTo(OutboundMode.ALLOW_ANY);
        assertThat(idx.scope(proxy("ns1")).outboundMode()).isEqualTo(OutboundMode.REGISTRY_ONLY);
    }

    @Test
    void routersReportEveryCandidateSidecarAsShadowed() {
        MeshIndex idx = services()
                .sidecar("istio-system", "a").created("2024-01-01T00:00:00Z").egress("./*").add()
                .sidecar("istio-system", "b").created("2024-06-01T00:00:00Z").egress("./*").add()
                .index();
        SidecarSelection sel = idx.select(router("istio-system"));
        assertThat(sel.shadowed()).extracting(s -> s.sidecar().meta().name()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void gatewayScopeCarriesMeshBoundVirtualServicesVisibleToItsNamespace() {
        MeshIndex idx = services()
                .vs("ns1", "a-vs", "a.ns1.svc.cluster.local").http("a", 0).add()
                .vs("ns2", "private-vs", "b.ns2.svc.cluster.local").exportTo(".").http("b", 0).add()
                .vs("ns3", "gw-only", "c.ns3.svc.cluster.local").gateways("istio-system/ingress").http("c", 0).add()
                .index();
        SidecarScope s = idx.scope(router("istio-system"));
        assertThat(s.egress()).hasSize(1);
        assertThat(Fixtures.vsKeys(s.egress().get(0))).containsExactly("ns1/a-vs");
    }

    @Test
    void twoProxiesInSameNamespaceWithSameSidecarShareTheScopeInstance() {
        MeshIndex idx = services().sidecarHosts("ns1", "default", "./*").index();
        SidecarScope one = idx.scope(proxy("ns1", Map.of("app", "x")));
        SidecarScope two = idx.scope(proxy("ns1", Map.of("app", "y")));
        assertThat(one).isSameAs(two);
        // a different namespace inheriting nothing gets a different scope
        assertThat(idx.scope(proxy("ns2"))).isNotSameAs(one);
    }

    @Test
    void rootDefaultScopeIsMemoisedPerConsumingNamespace() {
        MeshIndex idx = services().sidecarHosts("istio-system", "global", "./*").index();
        assertThat(idx.scope(proxy("ns1", Map.of("app", "x")))).isSameAs(idx.scope(proxy("ns1", Map.of("app", "y"))));
        assertThat(idx.scope(proxy("ns1"))).isNotSameAs(idx.scope(proxy("ns2")));
    }

    @Test
    void defaultScopeIsMemoisedToo() {
        MeshIndex idx = services().index();
        assertThat(idx.scope(proxy("ns1", Map.of("app", "x")))).isSameAs(idx.scope(proxy("ns1", Map.of("app", "y"))));
        assertThat(idx.scope(router("ns1"))).isSameAs(idx.scope(router("ns1")));
        assertThat(idx.scope(router("ns1"))).isNotSameAs(idx.scope(proxy("ns1")));
    }
}
