package io.meshscope.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Default scopes of namespaces that import alike borrow one scope's collections, and equal a scope built alone. */
class SharedDefaultScopeTest {
    static final List<String> NAMESPACES = List.of("ns1", "ns2", "ns3", "empty", Fixtures.ROOT);

    static Fixtures plain() {
        return Fixtures.mesh().kube("ns1", "a", 80).kube("ns2", "b", 80, 9090).kube("ns3", "c", 8080)
                .se("ns3", "ext", List.of("api.example.com"), 443)
                .dr("ns2", "b-everywhere", "b.ns2.svc.cluster.local", "*");
    }

    static ScopeBuilder builder(MeshIndex index) {
        return new ScopeBuilder(index.mesh(), index.registry(), index.virtualServices(), index.destinationRuleIndex());
    }

    /** Every namespace's default scope from the sharing path equals the one built from scratch. */
    static void assertEqualToScratch(MeshIndex index) {
        ScopeBuilder shared = builder(index);
        ScopeBuilder scratch = builder(index);
        for (String ns : NAMESPACES) {
            assertThat(shared.forSidecar(null, ns)).as(ns).isEqualTo(scratch.build(null, ns));
        }
    }

    @Test
    void namespacesWithoutRulesOfTheirOwnShareOneScopesCollections() {
        MeshIndex index = plain().index();
        ScopeBuilder b = builder(index);
        SidecarScope ns1 = b.forSidecar(null, "ns1");
        SidecarScope ns3 = b.forSidecar(null, "ns3");
        assertThat(ns3.namespace()).isEqualTo("ns3");
        assertThat(ns3.services()).isSameAs(ns1.services());
        assertThat(ns3.dependencies()).isSameAs(ns1.dependencies());
        assertThat(ns3.dependencies()).contains(new ConfigKey(ConfigKey.DESTINATION_RULE, "ns2", "b-everywhere"));
        assertEqualToScratch(index);
    }

    @Test
    void aNamespaceWithItsOwnRuleOrTheRootNamespaceGetsItsOwnScope() {
        MeshIndex index = plain().dr("ns1", "local-b", "b.ns2.svc.cluster.local").index();
        ScopeBuilder b = builder(index);
        SidecarScope ns3 = b.forSidecar(null, "ns3");
        assertThat(b.forSidecar(null, "ns1").dependencies()).isNotSameAs(ns3.dependencies())
                .contains(new ConfigKey(ConfigKey.DESTINATION_RULE, "ns1", "local-b"));
        assertThat(b.forSidecar(null, Fixtures.ROOT).services()).isNotSameAs(ns3.services());
        assertEqualToScratch(index);
    }

    @Test
    void aRuleExportedToSomeNamespacesOnlyTurnsSharingOff() {
        MeshIndex index = plain().dr("ns3", "c-to-ns1", "c.ns3.svc.cluster.local", "ns1").index();
        ScopeBuilder b = builder(index);
        assertThat(b.forSidecar(null, "ns2").services()).isNotSameAs(b.forSidecar(null, "ns1").services());
        assertEqualToScratch(index);
    }

    @Test
    void privateServicesDuplicatedHostnamesAndVirtualServicesTurnSharingOff() {
        for (Fixtures f : List.of(plain().kube("ns2", "secret", 0, ".", 80),
                plain().se("ns1", "ext-again", List.of("api.example.com"), 443),
                plain().vs("ns1", "r", "a.ns1.svc.cluster.local").http("b.ns2.svc.cluster.local", 80).add())) {
            MeshIndex index = f.index();
            assertThat(index.defaultScopesImportAlike()).isFalse();
            ScopeBuilder b = builder(index);
            assertThat(b.forSidecar(null, "ns2").services()).isNotSameAs(b.forSidecar(null, "ns1").services());
            assertEqualToScratch(index);
        }
        assertThat(plain().index().defaultScopesImportAlike()).isTrue();
    }
}
