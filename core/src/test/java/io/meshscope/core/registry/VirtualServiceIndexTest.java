package io.meshscope.core.registry;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.scope.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** VirtualService visibility (spec §5.2) and destination collection for inferred services (§4.8). */
class VirtualServiceIndexTest {

    private static VirtualServiceIndex index(Fixtures f) {
        return VirtualServiceIndex.build(f.build().virtualServices(), MeshConfig.defaults());
    }

    private static List<String> visible(VirtualServiceIndex idx, String ns) {
        return idx.visibleTo(ns).stream().map(ResolvedVirtualService::key).toList();
    }

    @Test
    void visibilityOrderIsPrivateThenExportedThenPublic() {
        VirtualServiceIndex idx = index(mesh()
                .vs("pub", "a-public", "a.example.com").created(1).add()
                .vs("other", "b-exported", "b.example.com").exportTo("client").created(2).add()
                .vs("client", "c-private", "c.example.com").exportTo(".").created(3).add());
        assertThat(visible(idx, "client")).containsExactly("client/c-private", "other/b-exported", "pub/a-public");
        assertThat(visible(idx, "elsewhere")).containsExactly("pub/a-public");
    }

    @Test
    void dotExportIsPrivateToTheVirtualServiceNamespace() {
        VirtualServiceIndex idx = index(mesh().vs("routing", "r", "reviews.default.svc.cluster.local").exportTo(".").add());
        assertThat(visible(idx, "routing")).containsExactly("routing/r");
        assertThat(visible(idx, "client")).isEmpty();
    }

    @Test
    void tildeExportHidesFromEveryone() {
        VirtualServiceIndex idx = index(mesh().vs("routing", "r", "x.example.com").exportTo("~").add());
        assertThat(visible(idx, "routing")).isEmpty();
        assertThat(idx.all()).hasSize(1);
    }

    @Test
    void onlyMeshBoundVirtualServicesAreCandidates() {
        VirtualServiceIndex idx = index(mesh()
                .vs("ns", "gw-only", "a.example.com").gateways("istio-system/gw").add()
                .vs("ns", "gw-and-mesh", "b.example.com").gateways("istio-system/gw", "mesh").add()
                .vs("ns", "implicit-mesh", "c.example.com").add());
        assertThat(visible(idx, "ns")).containsExactlyInAnyOrder("ns/gw-and-mesh", "ns/implicit-mesh");
    }

    @Test
    void meshDefaultExportToAppliesWhenAbsent() {
        MeshConfig privateDefault = new MeshConfig("istio-system", null, List.of("*"), List.of("."), List.of("*"),
                "cluster.local", 15001, 15006);
        VirtualServiceIndex idx = VirtualServiceIndex.build(
                mesh().vs("routing", "r", "x.example.com").add().build().virtualServices(), privateDefault);
        assertThat(visible(idx, "routing")).containsExactly("routing/r");
        assertThat(visible(idx, "client")).isEmpty();
    }

    @Test
    void hostsAreResolvedRelativeToTheVirtualServiceNamespace() {
        VirtualServiceIndex idx = index(mesh().vs("foo", "v", "virtualbar", "x.example.com", "*").add());
        assertThat(idx.all().get(0).hosts())
                .containsExactly("virtualbar.foo.svc.cluster.local", "x.example.com", "*");
    }

    private static Map<String, Set<Integer>> destinations(Fixtures f, String configNs) {
        return index(f).all().get(0).destinationsFor(configNs);
    }

    @Test
    void destinationsCollectHttpRoutesMirrorsTcpAndTlsWithShortNamesResolved() {
        Map<String, Set<Integer>> d = destinations(mesh().vs("foo", "v", "v.example.com")
                .httpMirror("a", 80, "mirror.other.svc.cluster.local")
                .tcp("b.ns3.svc.cluster.local", 9000)
                .tls("c.example.com", 443).add(), "client");
        assertThat(d).containsOnlyKeys(fqdn("a", "foo"), fqdn("mirror", "other"), fqdn("b", "ns3"), "c.example.com");
        assertThat(d.get(fqdn("a", "foo"))).containsExactly(80);
        assertThat(d.get(fqdn("mirror", "other"))).containsExactly(0);
    }

    @Test
    void destinationPortsAccumulatePerHostIncludingZero() {
        Map<String, Set<Integer>> d = destinations(mesh().vs("foo", "v", "v.example.com")
                .http("a.foo.svc.cluster.local", 80).http("a.foo.svc.cluster.local", 0).add(), "client");
        assertThat(d.get(fqdn("a", "foo"))).containsExactlyInAnyOrder(80, 0);
    }

    @Test
    void httpRouteWithForeignSourceNamespaceIsSkipped() {
        Map<String, Set<Integer>> d = destinations(mesh().vs("foo", "v", "v.example.com")
                .httpFrom("only-other.foo.svc.cluster.local", 0, "other")
                .httpFrom("mine.foo.svc.cluster.local", 0, "other", "client")
                .http("always.foo.svc.cluster.local", 0).add(), "client");
        assertThat(d).containsOnlyKeys(fqdn("mine", "foo"), fqdn("always", "foo"));
    }

    @Test
    void emptySourceNamespaceMatchDoesNotRescueRoute() {
        Map<String, Set<Integer>> d = destinations(mesh().vs("foo", "v", "v.example.com")
                .httpFrom("x.foo.svc.cluster.local", 0, "", "other").add(), "client");
        assertThat(d).isEmpty();
        Map<String, Set<Integer>> noSource = destinations(mesh().vs("foo", "v", "v.example.com")
                .httpFrom("y.foo.svc.cluster.local", 0, "").add(), "client");
        assertThat(noSource).containsOnlyKeys(fqdn("y", "foo"));
    }

    @Test
    void tcpRoutesAreNotFilteredBySourceNamespace() {
        VirtualService.Route tcp = new VirtualService.Route("", List.of(new VirtualService.Match("other", "", "", "", 0)),
                List.of(new VirtualService.Destination("t.foo.svc.cluster.local", "", 0, 0)), List.of());
        VirtualService vs = new VirtualService(Fixtures.meta("VirtualService", "foo", "v"), List.of("v.example.com"),
                List.of(), List.of(), List.of(), List.of(tcp), List.of());
        VirtualServiceIndex idx = VirtualServiceIndex.build(List.of(vs), MeshConfig.defaults());
        assertThat(idx.all().get(0).destinationsFor("client")).containsOnlyKeys(fqdn("t", "foo"));
    }
}
