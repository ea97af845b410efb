package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.hosts;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.ports;
import static io.meshscope.core.scope.Fixtures.proxy;
import static io.meshscope.core.scope.Fixtures.t;
import static io.meshscope.core.scope.Fixtures.vsKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.registry.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VirtualService import by the VS's own namespace and VS-inferred services (spec §4.8). */
class VirtualServiceImportTest {
    private static final String REVIEWS = fqdn("reviews", "default");

    private static Fixtures reviewsRoutedFromRouting() {
        return mesh().kube("default", "reviews", 9080)
                .vs("routing", "reviews-route", REVIEWS).http(REVIEWS, 0).add();
    }

    private static SidecarScope scope(Fixtures f, String ns, String... hosts) {
        return f.copy().sidecarHosts(ns, "default", hosts).index().scope(proxy(ns));
    }

    @Test
    void virtualServiceImportedViaItsOwnNamespace() {
        SidecarScope s = scope(reviewsRoutedFromRouting(), "client", "default/*", "routing/*");
        assertThat(hosts(s.egress().get(0).services())).containsExactly(REVIEWS);
        assertThat(vsKeys(s.egress().get(0))).containsExactly("routing/reviews-route");
    }

    @Test
    void virtualServiceNotImportedFromServiceNamespace() {
        SidecarScope s = scope(reviewsRoutedFromRouting(), "client", "default/*");
        assertThat(hosts(s.egress().get(0).services())).containsExactly(REVIEWS);
        assertThat(s.egress().get(0).virtualServices()).isEmpty();
    }

    @Test
    void virtualServiceImportedByWildcardNamespaceExactHost() {
        SidecarScope s = scope(reviewsRoutedFromRouting(), "client", "*/" + REVIEWS);
        assertThat(vsKeys(s.egress().get(0))).containsExactly("routing/reviews-route");
    }

    @Test
    void virtualServiceExportedPrivatelyIsNotImported() {
        Fixtures f = mesh().kube("default", "reviews", 9080)
                .vs("routing", "reviews-route", REVIEWS).exportTo(".").http(REVIEWS, 0).add();
        assertThat(scope(f, "client", "default/*", "routing/*").egress().get(0).virtualServices()).isEmpty();
    }

    @Test
    void gatewayOnlyVirtualServiceIsNotImported() {
        Fixtures f = mesh().kube("default", "reviews", 9080)
                .vs("routing", "gw", REVIEWS).gateways("istio-system/ingress").http(REVIEWS, 0).add();
        assertThat(scope(f, "client", "*/*").egress().get(0).virtualServices()).isEmpty();
    }

    @Test
    void excludedVirtualServiceHostIsNotImported() {
        SidecarScope s = scope(reviewsRoutedFromRouting(), "client", "*/*", "~routing/" + REVIEWS);
        assertThat(s.egress().get(0).virtualServices()).isEmpty();
        assertThat(hosts(s.egress().get(0).services())).containsExactly(REVIEWS);
    }

    @Test
    void virtualServiceHostMatchingIsBidirectional() {
        Fixtures f = mesh().vs("routing", "wild", "*.com").tcp("backend.example.com", 0).add()
                .vs("routing", "exact", "api.example.com").tcp("backend.example.com", 0).add();
        // a wildcard VS host is imported by an exact egress host and vice versa
        assertThat(vsKeys(scope(f, "client", "routing/a.com").egress().get(0))).containsExactly("routing/wild");
        assertThat(vsKeys(scope(f, "client", "routing/*.example.com").egress().get(0)))
                .containsExactly("routing/exact", "routing/wild");
    }

    @Test
    void virtualServiceShortHostIsResolvedAgainstItsNamespace() {
        Fixtures f = mesh().kube("foo", "virtualbar", 80)
                .vs("foo", "virtualbar", "virtualbar").http("virtualbar", 0).add();
        assertThat(vsKeys(scope(f, "client", "foo/virtualbar.foo.svc.cluster.local").egress().get(0)))
                .containsExactly("foo/virtualbar");
        assertThat(scope(f, "client", "foo/virtualbar").egress().get(0).virtualServices()).isEmpty();
    }

    // ---------------------------------------------------------------- inferred services

    @Test
    void inferredServiceAddedToScopeButNotListener() {
        Fixtures f = mesh().kube("ns3", "baz", 80).kube("ns3", "other", 80)
                .vs("foo", "virtualbar", "virtualbar").http("baz.ns3.svc.cluster.local", 0).add();
        SidecarScope s = scope(f, "mynamespace", "foo/virtualbar.foo.svc.cluster.local");
        assertThat(vsKeys(s.egress().get(0))).containsExactly("foo/virtualbar");
        assertThat(s.egress().get(0).services()).isEmpty();
        assertThat(hosts(s.services())).containsExactly(fqdn("baz", "ns3"));
    }

    @Test
    void inferredServicesFromMirrorsTcpAndTlsRoutes() {
        Fixtures f = mesh().kube("ns3", "a", 80).kube("ns3", "m", 80).kube("ns3", "t", 9000)
                .se("ns4", "x", List.of("x.example.com"), 443)
                .vs("foo", "v", "v.example.com")
                .httpMirror("a.ns3.svc.cluster.local", 0, "m.ns3.svc.cluster.local")
                .tcp("t.ns3.svc.cluster.local", 9000)
                .tls("x.example.com", 443).add();
        SidecarScope s = scope(f, "client", "foo/*");
        assertThat(hosts(s.services())).containsExactly(fqdn("a", "ns3"), fqdn("m", "ns3"), fqdn("t", "ns3"),
                "x.example.com");
    }

    @Test
    void inferredServiceIsTrimmedToDestinationPorts() {
        Fixtures f = mesh().kube("ns3", "multi", 80, 8080, 9090)
                .vs("foo", "v", "v.example.com").http("multi.ns3.svc.cluster.local", 8080)
                .tcp("multi.ns3.svc.cluster.local", 9090).add();
        assertThat(ports(scope(f, "client", "foo/*").services()))
                .containsEntry(fqdn("multi", "ns3"), List.of(8080, 9090));
    }

    @Test
    void inferredServiceDestinationWithoutPortKeepsAllPorts() {
        Fixtures f = mesh().kube("ns3", "multi", 80, 8080)
                .vs("foo", "v", "v.example.com").http("multi.ns3.svc.cluster.local", 8080)
                .http("multi.ns3.svc.cluster.local", 0).add();
        assertThat(ports(scope(f, "client", "foo/*").services()))
                .containsEntry(fqdn("multi", "ns3"), List.of(80, 8080));
    }

    @Test
    void inferredServiceWithNoMatchingDestinationPortIsNotAdded() {
        Fixtures f = mesh().kube("ns3", "multi", 80, 8080)
                .vs("foo", "v", "v.example.com").http("multi.ns3.svc.cluster.local", 7777).add();
        assertThat(scope(f, "client", "foo/*").services()).isEmpty();
    }

    @Test
    void inferredServiceFromRouteForOtherSourceNamespaceIsNotAdded() {
        Fixtures f = mesh().kube("ns3", "a", 80).kube("ns3", "b", 80)
                .vs("foo", "v", "v.example.com")
                .httpFrom("a.ns3.svc.cluster.local", 0, "someone-else")
                .httpFrom("b.ns3.svc.cluster.local", 0, "client").add();
        assertThat(hosts(scope(f, "client", "foo/*").services())).containsExactly(fqdn("b", "ns3"));
    }

    @Test
    void inferredServicePrefersConsumerNamespaceWithoutVisibilityCheck() {
        Fixtures f = mesh()
                .se("ns2", "api-public", t("2020-01-01T00:00:00Z"), List.of("api.example.com"), List.of(), "NONE", 443)
                .se("client", "api-hidden", t("2024-01-01T00:00:00Z"), List.of("api.example.com"), List.of("~"),
                        "NONE", 443)
                .vs("foo", "v", "v.example.com").tls("api.example.com", 443).add();
        SidecarScope s = scope(f, "client", "foo/*");
        assertThat(s.service("api.example.com").namespace()).isEqualTo("client");
    }

    @Test
    void inferredServicePicksKubernetesThenOldestVisibleNamespace() {
        Fixtures f = mesh()
                .se("aaa", "se-old", t("2020-01-01T00:00:00Z"), List.of(REVIEWS), List.of(), "NONE", 9080)
                .kube("default", "reviews", t("2024-01-01T00:00:00Z"), null, 9080)
                .vs("foo", "v", "v.example.com").http(REVIEWS, 0).add();
        SidecarScope s = scope(f, "client", "foo/*");
        assertThat(s.service(REVIEWS).registry()).isEqualTo(Registry.KUBERNETES);

        Fixtures g = mesh()
                .se("zzz", "older", t("2020-01-01T00:00:00Z"), List.of("api.example.com"), List.of(), "NONE", 443)
                .se("aaa", "newer", t("2024-01-01T00:00:00Z"), List.of("api.example.com"), List.of(), "NONE", 443)
                .se("bbb", "invisible", t("2010-01-01T00:00:00Z"), List.of("api.example.com"), List.of("."), "NONE",
                        443)
                .vs("foo", "v", "v.example.com").tls("api.example.com", 443).add();
        assertThat(scope(g, "client", "foo/*").service("api.example.com").namespace()).isEqualTo("zzz");
    }

    @Test
    void inferredServiceNotVisibleAnywhereIsNotAdded() {
        Fixtures f = mesh().kube("ns3", "secret", 0, ".", 80)
                .vs("foo", "v", "v.example.com").http("secret.ns3.svc.cluster.local", 0).add();
        assertThat(scope(f, "client", "foo/*").services()).isEmpty();
    }

    @Test
    void inferredServiceNeverOverridesExplicitlyImportedHostname() {
        Fixtures f = mesh()
                .se("ns2", "a", t("2024-01-01T00:00:00Z"), List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns3", "b", t("2020-01-01T00:00:00Z"), List.of("api.example.com"), List.of(), "NONE", 443)
                .vs("foo", "v", "v.example.com").tls("api.example.com", 443).add();
        SidecarScope s = scope(f, "client", "ns2/*", "foo/*");
        assertThat(s.service("api.example.com").namespace()).isEqualTo("ns2");
    }

    @Test
    void inferredServiceFromUnknownHostIsIgnored() {
        Fixtures f = mesh().vs("foo", "v", "v.example.com").http("nowhere.example.com", 0).add();
        assertThat(scope(f, "client", "foo/*").services()).isEmpty();
    }

    @Test
    void inferredServicesAreAddedEvenFromNamespacesNotListedInHosts() {
        Fixtures f = reviewsRoutedFromRouting();
        SidecarScope s = scope(f, "client", "routing/*");
        assertThat(s.egress().get(0).services()).isEmpty();
        assertThat(hosts(s.services())).containsExactly(REVIEWS);
    }

    @Test
    void inferredServiceOnCatchAllListenerKeepsDestinationPortsOnly() {
        Fixtures f = mesh().kube("ns3", "multi", 80, 8080)
                .vs("foo", "v", "v.example.com").http("multi.ns3.svc.cluster.local", 8080).add()
                .sidecar("client", "default").egress("foo/*").add();
        assertThat(ports(f.index().scope(proxy("client")).services())).containsEntry(fqdn("multi", "ns3"), List.of(8080));
    }

    @Test
    void inferredServiceOnPortListenerIsTrimmedToListenerPort() {
        Fixtures f = mesh().kube("ns3", "multi", 80, 8080)
                .vs("foo", "v", "v.example.com").http("multi.ns3.svc.cluster.local", 0).add()
                .sidecar("client", "default").egressPort(8080, "HTTP", "foo/*").add();
        assertThat(ports(f.index().scope(proxy("client")).services())).containsEntry(fqdn("multi", "ns3"), List.of(8080));
        Fixtures g = mesh().kube("ns3", "multi", 80, 8080)
                .vs("foo", "v", "v.example.com").http("multi.ns3.svc.cluster.local", 0).add()
                .sidecar("client", "default").egressPort(9999, "HTTP", "foo/*").add();
        assertThat(g.index().scope(proxy("client")).services()).isEmpty();
    }
}
