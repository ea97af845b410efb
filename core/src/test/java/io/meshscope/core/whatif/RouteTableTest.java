package io.meshscope.core.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.Fixtures;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.SidecarScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    /** Three namespaces without Sidecars, every service public, hostnames distinct. */
    static Fixtures plain() {
        return Fixtures.mesh().kube("ns1", "a", 80).kube("ns2", "b", 80, 9090).kube("ns3", "c", 8080)
                .se("ns3", "ext", List.of("api.example.com"), 443);
    }

    @Test
    void namespacesWithoutSidecarsShareOneDefaultScopeWhenEveryServiceIsPublicAndUniquelyNamed() {
        MeshIndex index = plain().index();
        RouteTable routes = new RouteTable(index);
        SidecarScope first = routes.routingScope(Fixtures.proxy("ns1"));
        assertThat(routes.routingScope(Fixtures.proxy("ns2"))).isSameAs(first);
        assertThat(routes.routingScope(Fixtures.proxy("ns3"))).isSameAs(first);
    }

    @Test
    void sharedDefaultScopeRoutesEveryCallAsEachNamespacesOwnScopeDoes() {
        MeshIndex index = plain().index();
        RouteTable routes = new RouteTable(index);
        for (String ns : List.of("ns1", "ns2", "ns3", "elsewhere")) {
            SidecarScope own = index.scope(Fixtures.proxy(ns));
            SidecarScope shared = routes.routingScope(Fixtures.proxy(ns));
            for (MeshService target : index.registry().all()) {
                for (Integer port : new Integer[] {null, 80, 443, 8080, 9090, 1234}) {
                    assertThat(routes.routed(shared, target, port))
                            .as("%s -> %s:%s", ns, target.hostname(), port)
                            .isEqualTo(routes.routed(own, target, port));
                }
            }
        }
    }

    @Test
    void aServicePrivateToItsNamespaceMakesEveryNamespaceUseItsOwnScope() {
        MeshIndex index = plain().kube("ns2", "secret", 0, ".", 80).index();
        RouteTable routes = new RouteTable(index);
        assertThat(index.defaultScopesImportAlike()).isFalse();
        SidecarScope ns1 = routes.routingScope(Fixtures.proxy("ns1"));
        assertThat(ns1).isSameAs(index.scope(Fixtures.proxy("ns1")));
        MeshService secret = index.registry().all().stream().filter(s -> s.hostname().startsWith("secret."))
                .findFirst().orElseThrow();
        assertThat(routes.routed(ns1, secret, 80)).isFalse();
        assertThat(routes.routed(routes.routingScope(Fixtures.proxy("ns2")), secret, 80)).isTrue();
    }

    @Test
    void aHostnameDefinedInTwoNamespacesOrAVirtualServiceMakesDefaultScopesDiffer() {
        assertThat(plain().index().defaultScopesImportAlike()).isTrue();
        assertThat(plain().se("ns1", "ext-again", List.of("api.example.com"), 443).index()
                .defaultScopesImportAlike()).isFalse();
        assertThat(plain().vs("ns1", "r", "a.ns1.svc.cluster.local").http("b.ns2.svc.cluster.local", 80).add().index()
                .defaultScopesImportAlike()).isFalse();
    }

    @Test
    void aProxyWithASidecarIsRoutedByItsOwnScope() {
        MeshIndex index = plain().sidecarHosts("ns1", "default", "./*").index();
        RouteTable routes = new RouteTable(index);
        SidecarScope ns1 = routes.routingScope(Fixtures.proxy("ns1"));
        assertThat(ns1.sidecar()).isNotNull();
        MeshService b = index.registry().all().stream().filter(s -> s.namespace().equals("ns2")).findFirst()
                .orElseThrow();
        assertThat(routes.routed(ns1, b, 80)).isFalse();
        assertThat(routes.routed(routes.routingScope(Fixtures.proxy("ns2")), b, 80)).isTrue();
    }
}
