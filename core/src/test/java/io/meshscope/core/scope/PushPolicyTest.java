package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.proxy;
import static io.meshscope.core.scope.Fixtures.router;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Push relevance of config changes (spec §8). */
class PushPolicyTest {

    private static ConfigKey svc(String host, String ns) {
        return new ConfigKey(ConfigKey.SERVICE_ENTRY, ns, host);
    }

    private static boolean push(MeshIndex idx, Proxy p, ConfigKey key) {
        return idx.needsPush(p, null, List.of(key), false);
    }

    private static Fixtures abc() {
        return mesh().kube("ns1", "a", 80).kube("ns2", "b", 80).kube("ns3", "c", 80);
    }

    @Test
    void scopedSidecarDoesNotPushForUnrelatedService() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "./*").index();
        assertThat(push(idx, proxy("ns1"), svc(fqdn("b", "ns2"), "ns2"))).isFalse();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.ENDPOINTS, "ns2", fqdn("b", "ns2")))).isFalse();
        assertThat(push(idx, proxy("ns1"), svc(fqdn("a", "ns1"), "ns1"))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.ENDPOINTS, "ns1", fqdn("a", "ns1")))).isTrue();
    }

    @Test
    void defaultScopePushesForServiceInOtherNamespace() {
        MeshIndex idx = abc().index();
        assertThat(push(idx, proxy("ns1"), svc(fqdn("b", "ns2"), "ns2"))).isTrue();
    }

    @Test
    void serviceKeyIsMatchedByHostnameAndNamespace() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "./*").index();
        assertThat(push(idx, proxy("ns1"), svc(fqdn("a", "ns1"), "ns9"))).isFalse();
        assertThat(push(idx, proxy("ns1"), svc("a", "ns1"))).isFalse();
    }

    @Test
    void vsInferredServiceIsADependency() {
        MeshIndex idx = mesh().kube("ns3", "baz", 80).kube("ns3", "other", 80)
                .vs("foo", "virtualbar", "virtualbar").http("baz.ns3.svc.cluster.local", 0).add()
                .sidecarHosts("mynamespace", "default", "foo/virtualbar.foo.svc.cluster.local").index();
        assertThat(push(idx, proxy("mynamespace"), svc(fqdn("baz", "ns3"), "ns3"))).isTrue();
        assertThat(push(idx, proxy("mynamespace"), svc(fqdn("other", "ns3"), "ns3"))).isFalse();
        assertThat(push(idx, proxy("mynamespace"), new ConfigKey(ConfigKey.VIRTUAL_SERVICE, "foo", "virtualbar")))
                .isTrue();
    }

    @Test
    void importedVirtualServiceIsADependencyButOthersAreNot() {
        MeshIndex idx = abc()
                .vs("ns1", "mine", "a.ns1.svc.cluster.local").http("a", 0).add()
                .vs("ns2", "theirs", "b.ns2.svc.cluster.local").http("b", 0).add()
                .sidecarHosts("ns1", "default", "./*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.VIRTUAL_SERVICE, "ns1", "mine"))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.VIRTUAL_SERVICE, "ns2", "theirs"))).isFalse();
    }

    @Test
    void selectedDestinationRuleIsADependencyButUnselectedIsNot() {
        MeshIndex idx = abc()
                .dr("ns1", "a-dr", "a.ns1.svc.cluster.local")
                .dr("ns2", "b-dr", "b.ns2.svc.cluster.local")
                .dr("istio-system", "mesh-dr", "*.local")
                .sidecarHosts("ns1", "default", "./*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.DESTINATION_RULE, "ns1", "a-dr"))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.DESTINATION_RULE, "ns2", "b-dr"))).isFalse();
        // a-dr shadows the root rule for a, so the root rule is not selected for anything in scope
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.DESTINATION_RULE, "istio-system", "mesh-dr")))
                .isFalse();
    }

    @Test
    void rootDestinationRuleSelectedForImportedServiceIsADependency() {
        MeshIndex idx = abc().dr("istio-system", "mesh-dr", "*.local").sidecarHosts("ns1", "default", "./*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.DESTINATION_RULE, "istio-system", "mesh-dr")))
                .isTrue();
    }

    @Test
    void ownServicePushesEvenWhenOutOfScope() {
        MeshIndex idx = abc().kube("ns1", "p", 80).sidecarHosts("ns1", "default", "ns2/*").index();
        // the fixture's Service "p" selects app=p, the proxy's own label
        assertThat(push(idx, proxy("ns1"), svc(fqdn("p", "ns1"), "ns1"))).isTrue();
        assertThat(push(idx, proxy("ns1", Map.of("app", "q")), svc(fqdn("p", "ns1"), "ns1"))).isFalse();
    }

    @Test
    void ownSidecarChangePushesOthersDoNot() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "./*").sidecarHosts("ns2", "default", "./*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.SIDECAR, "ns1", "default"))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.SIDECAR, "ns2", "default"))).isFalse();
    }

    @Test
    void inheritedRootSidecarChangePushesToInheritingNamespace() {
        MeshIndex idx = abc().sidecarHosts("istio-system", "global", "./*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.SIDECAR, "istio-system", "global"))).isTrue();
    }

    @Test
    void gatewayIgnoresSidecarKind() {
        MeshIndex idx = abc().sidecarHosts("istio-system", "default", "./*").index();
        assertThat(push(idx, router("istio-system"), new ConfigKey(ConfigKey.SIDECAR, "istio-system", "default")))
                .isFalse();
    }

    @Test
    void gatewayPushesForServicesInItsScopeOnly() {
        MeshIndex idx = abc().kube("ns2", "private", 0, ".", 80).index();
        assertThat(push(idx, router("istio-system"), svc(fqdn("b", "ns2"), "ns2"))).isTrue();
        assertThat(push(idx, router("istio-system"), svc(fqdn("private", "ns2"), "ns2"))).isFalse();
        assertThat(push(idx, router("istio-system"), new ConfigKey(ConfigKey.VIRTUAL_SERVICE, "x", "y"))).isTrue();
        assertThat(push(idx, router("istio-system"), new ConfigKey("Gateway", "x", "y"))).isTrue();
    }

    @Test
    void sidecarNeverPushedForGatewayKind() {
        MeshIndex idx = abc().index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey("Gateway", "ns1", "gw"))).isFalse();
    }

    @Test
    void unknownKindsPushToEveryone() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "~/*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey("ServiceAccount", "ns9", "x"))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey("WorkloadEntry", "ns9", "x"))).isTrue();
    }

    @Test
    void namespaceScopedKindsPushOnlyToSameOrRootNamespace() {
        MeshIndex idx = abc().index();
        for (String kind : List.of("EnvoyFilter", "AuthorizationPolicy", "RequestAuthentication", "WasmPlugin",
                "Telemetry", "TrafficExtension")) {
            assertThat(push(idx, proxy("ns1"), new ConfigKey(kind, "ns1", "x"))).as(kind + " same ns").isTrue();
            assertThat(push(idx, proxy("ns1"), new ConfigKey(kind, "istio-system", "x"))).as(kind + " root").isTrue();
            assertThat(push(idx, proxy("ns1"), new ConfigKey(kind, "ns2", "x"))).as(kind + " other").isFalse();
        }
    }

    @Test
    void peerAuthenticationPushesFromRootOwnAndImportedServiceNamespaces() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "ns2/*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey("PeerAuthentication", "istio-system", "x"))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey("PeerAuthentication", "ns1", "x"))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey("PeerAuthentication", "ns2", "x"))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey("PeerAuthentication", "ns3", "x"))).isFalse();
    }

    @Test
    void forcedPushGoesToEveryone() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "~/*").index();
        assertThat(idx.needsPush(proxy("ns1"), null, List.of(svc(fqdn("b", "ns2"), "ns2")), true)).isTrue();
        assertThat(idx.needsPush(proxy("ns1"), null, List.of(), true)).isTrue();
        assertThat(idx.needsPush(router("ns1"), null, List.of(), true)).isTrue();
    }

    @Test
    void noChangesNoPush() {
        MeshIndex idx = abc().index();
        assertThat(idx.needsPush(proxy("ns1"), null, List.of(), false)).isFalse();
    }

    @Test
    void anyRelevantKeyAmongSeveralPushes() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "./*").index();
        assertThat(idx.needsPush(proxy("ns1"), null,
                List.of(svc(fqdn("b", "ns2"), "ns2"), svc(fqdn("a", "ns1"), "ns1")), false)).isTrue();
    }

    @Test
    void previousScopeDependencyStillPushes() {
        // before: ns1 imported ns2/*; after: only ./*. A change to b must still reach ns1's proxies.
        MeshIndex before = abc().sidecarHosts("ns1", "default", "ns2/*").index();
        MeshIndex after = abc().sidecarHosts("ns1", "default", "./*").index();
        assertThat(after.needsPush(proxy("ns1"), before, List.of(svc(fqdn("b", "ns2"), "ns2")), false)).isTrue();
        assertThat(after.needsPush(proxy("ns1"), null, List.of(svc(fqdn("b", "ns2"), "ns2")), false)).isFalse();
        assertThat(after.needsPush(proxy("ns1"), before, List.of(svc(fqdn("c", "ns3"), "ns3")), false)).isFalse();
    }

    @Test
    void keyWithoutNamespaceMatchesAnyNamespace() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "./*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.SERVICE_ENTRY, null, fqdn("a", "ns1")))).isTrue();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.SERVICE_ENTRY, null, fqdn("b", "ns2")))).isFalse();
    }

    @Test
    void scopeDependenciesListSidecarServicesEndpointsAndVirtualServices() {
        MeshIndex idx = abc().vs("ns1", "mine", "a.ns1.svc.cluster.local").http("a", 0).add()
                .sidecarHosts("ns1", "default", "./*").index();
        assertThat(idx.scope(proxy("ns1")).dependencies()).containsExactlyInAnyOrder(
                new ConfigKey(ConfigKey.SIDECAR, "ns1", "default"),
                new ConfigKey(ConfigKey.VIRTUAL_SERVICE, "ns1", "mine"),
                new ConfigKey(ConfigKey.SERVICE_ENTRY, "ns1", fqdn("a", "ns1")),
                new ConfigKey(ConfigKey.ENDPOINTS, "ns1", fqdn("a", "ns1")));
    }

    @Test
    void vsInferredServiceEndpointsAndDestinationRuleAreDependencies() {
        MeshIndex idx = mesh().kube("ns3", "baz", 80).kube("ns3", "other", 80)
                .dr("ns3", "baz-dr", "baz")
                .dr("ns3", "other-dr", "other")
                .vs("foo", "virtualbar", "virtualbar").http("baz.ns3.svc.cluster.local", 0).add()
                .sidecarHosts("mynamespace", "default", "foo/virtualbar.foo.svc.cluster.local").index();
        Proxy p = proxy("mynamespace");
        assertThat(push(idx, p, new ConfigKey(ConfigKey.ENDPOINTS, "ns3", fqdn("baz", "ns3")))).isTrue();
        assertThat(push(idx, p, new ConfigKey(ConfigKey.DESTINATION_RULE, "ns3", "baz-dr"))).isTrue();
        assertThat(push(idx, p, new ConfigKey(ConfigKey.DESTINATION_RULE, "ns3", "other-dr"))).isFalse();
    }

    @Test
    void clientNamespaceRuleForServiceOutOfScopeIsNotADependency() {
        MeshIndex idx = abc().dr("ns1", "for-b", "b.ns2.svc.cluster.local").dr("ns1", "for-a", "a")
                .sidecarHosts("ns1", "default", "./*").index();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.DESTINATION_RULE, "ns1", "for-b"))).isFalse();
        assertThat(push(idx, proxy("ns1"), new ConfigKey(ConfigKey.DESTINATION_RULE, "ns1", "for-a"))).isTrue();
    }

    @Test
    void excludedServiceIsNotADependency() {
        MeshIndex idx = abc().sidecarHosts("ns1", "default", "*/*", "~ns2/*").index();
        assertThat(push(idx, proxy("ns1"), svc(fqdn("b", "ns2"), "ns2"))).isFalse();
        assertThat(push(idx, proxy("ns1"), svc(fqdn("c", "ns3"), "ns3"))).isTrue();
    }

    @Test
    void theEndpointRuleAnswersAsTheGeneralRuleForEveryKeySetSmallOrLarge() {
        MeshIndex idx = abc().kube("ns1", "d", 80).sidecarHosts("ns1", "default", "./*", "ns2/*").index();
        List<ConfigKey> all = new java.util.ArrayList<>();
        for (String ns : List.of("ns1", "ns2", "ns3", "ns9")) {
            for (String name : List.of("a", "b", "c", "d")) {
                all.add(new ConfigKey(ConfigKey.ENDPOINTS, ns, fqdn(name, ns)));
            }
        }
        java.util.Random random = new java.util.Random(14);
        for (Proxy p : List.of(proxy("ns1"), proxy("ns2"), router("ns1"))) {
            SidecarScope scope = idx.scope(p);
            for (int i = 0; i < 500; i++) {
                java.util.Set<ConfigKey> keys = new java.util.LinkedHashSet<>();
                int size = random.nextInt(all.size() + 1); // both sides of the smaller-set switch, and empty
                while (keys.size() < size) {
                    keys.add(all.get(random.nextInt(all.size())));
                }
                assertThat(idx.pushPolicy().needsEndpointPush(p, scope, keys)).as("%s %s", p, keys)
                        .isEqualTo(idx.pushPolicy().needsPush(p, scope, null, keys, false, List.of()));
            }
        }
    }
}
