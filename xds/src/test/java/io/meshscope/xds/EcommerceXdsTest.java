package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.MeshIndex;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator over the e-commerce example: names, invariants, sharing, scoping and determinism. */
class EcommerceXdsTest {
    private static final Set<String> APP_NAMESPACES = Set.of("frontend", "catalog", "orders", "shipping", "shared");
    private static final Pattern OUTBOUND_CLUSTER = Pattern.compile("outbound\\|\\d+\\|[^|]*\\|[a-z0-9.*-]+");
    private static final Pattern INBOUND_CLUSTER = Pattern.compile("inbound\\|\\d+\\|\\|");
    private static final Pattern LISTENER = Pattern.compile("[0-9.]+_\\d+");

    private static MeshInput input;
    private static XdsSnapshot snapshot;

    @BeforeAll
    static void load() {
        input = XdsFixtures.ecommerce();
        snapshot = XdsSnapshot.build(MeshIndex.build(input));
    }

    private static List<Workload> appWorkloads() {
        return input.workloads().stream().filter(w -> APP_NAMESPACES.contains(w.namespace())).toList();
    }

    /** The sidecar of a Deployment (its pod template; no pod IPs). */
    private static ProxyResources sidecar(String ns, String name) {
        Workload w = XdsFixtures.workload(input, ns, name);
        return snapshot.resourcesFor(XdsFixtures.proxy(w), w);
    }

    @Test
    void everyWorkloadSatisfiesTheInvariantsScopedUnscopedAndProxyless() {
        assertThat(appWorkloads()).filteredOn(w -> w.kind() == WorkloadKind.DEPLOYMENT).hasSize(10);
        for (Workload w : appWorkloads()) {
            for (boolean proxyless : new boolean[] {false, true}) {
                ProxyResources scoped = snapshot.resourcesFor(XdsFixtures.proxy(w), w, proxyless);
                ProxyResources unscoped = snapshot.withoutSidecars().resourcesFor(XdsFixtures.proxy(w), w, proxyless);
                assertThat(Invariants.check(scoped)).as("%s proxyless=%s", w.id(), proxyless).isEmpty();
                assertThat(Invariants.check(unscoped)).as("%s unscoped proxyless=%s", w.id(), proxyless).isEmpty();
            }
        }
    }

    @Test
    void namesFollowIstiod() {
        ProxyResources r = sidecar("frontend", "web-ui");
        for (NamedResource c : r.clusters()) {
            assertThat(c.name()).matches(n -> OUTBOUND_CLUSTER.matcher(n).matches() || INBOUND_CLUSTER.matcher(n).matches()
                    || Set.of("BlackHoleCluster", "PassthroughCluster", "InboundPassthroughCluster").contains(n));
        }
        for (NamedResource l : r.listeners()) {
            assertThat(l.name()).matches(n -> LISTENER.matcher(n).matches()
                    || n.equals("virtualOutbound") || n.equals("virtualInbound"));
        }
        // The gateway's status-port has no protocol prefix and a VIP: sniffed, with a route of its own.
        assertThat(Invariants.names(r.routes())).containsExactly("15010", "15014", "80", "9090",
                "istio-ingressgateway.istio-system.svc.cluster.local:15021");
        assertThat(Invariants.names(r.clusters())).contains("inbound|8080||",
                "outbound|80||product-service.catalog.svc.cluster.local",
                "outbound|9090||product-service.catalog.svc.cluster.local",
                "outbound|443||api.stripe.com", "outbound|587||smtp.sendgrid.net");
        // shipping is not imported by frontend/default
        assertThat(Invariants.names(r.clusters())).noneMatch(n -> n.contains("shipping"));
        assertThat(Invariants.names(r.listeners())).contains("0.0.0.0_80", "0.0.0.0_9090", "0.0.0.0_443",
                "10.96.0.10_443", "10.96.0.10_15012", "10.96.0.20_15021", "virtualOutbound", "virtualInbound");
        Listener outbound = (Listener) r.find(XdsType.LISTENER, "virtualOutbound").resource();
        assertThat(outbound.getAddress().getSocketAddress().getPortValue()).isEqualTo(15001);
        assertThat(outbound.getUseOriginalDst().getValue()).isTrue();
        assertThat(outbound.getFilterChainsList()).extracting(FilterChain::getName)
                .containsExactly("virtualOutbound-blackhole", "virtualOutbound-catchall-tcp");
        Listener inbound = (Listener) r.find(XdsType.LISTENER, "virtualInbound").resource();
        assertThat(inbound.getAddress().getSocketAddress().getPortValue()).isEqualTo(15006);
        // PERMISSIVE (no PeerAuthentication): buildInboundPassthroughChains' five sniffed chains, then the port's
        // mTLS and plaintext HTTP chains (inboundPermissiveHTTPFilterChainMatchWithMxcOptions).
        assertThat(inbound.getFilterChainsList()).extracting(FilterChain::getName).containsExactly(
                "virtualInbound-blackhole", "virtualInbound-catchall-http", "virtualInbound-catchall-http",
                "virtualInbound", "virtualInbound", "virtualInbound", "0.0.0.0_8080", "0.0.0.0_8080");
        RouteConfiguration route80 = (RouteConfiguration) r.find(XdsType.ROUTE, "80").resource();
        List<String> vhosts = route80.getVirtualHostsList().stream().map(VirtualHost::getName).toList();
        assertThat(vhosts).contains("web-ui.frontend.svc.cluster.local:80",
                "product-service.catalog.svc.cluster.local:80").endsWith("allow_any");
    }

    @Test
    void portSpecificListenerLocksItsPortAgainstTheCatchAll() {
        Listener payment = (Listener) sidecar("orders", "payment-service").find(XdsType.LISTENER, "0.0.0.0_443").resource();
        assertThat(payment.getFilterChainsList()).flatExtracting(fc -> fc.getFilterChainMatch().getServerNamesList())
                .containsExactly("api.paypal.com", "api.stripe.com");
        Listener web = (Listener) sidecar("frontend", "web-ui").find(XdsType.LISTENER, "0.0.0.0_443").resource();
        assertThat(web.getFilterChainsList()).flatExtracting(fc -> fc.getFilterChainMatch().getServerNamesList())
                .containsExactly("api.paypal.com", "api.sendgrid.com", "api.stripe.com");
        assertThat(web.getDefaultFilterChain().getName()).isEqualTo("PassthroughFilterChain");
    }

    @Test
    void endpointsComeFromEndpointSlicesWithZones() {
        ProxyResources r = sidecar("orders", "order-service");
        assertThat(r.find(XdsType.ENDPOINT, "outbound|80||web-ui.frontend.svc.cluster.local"))
                .isNull(); // orders/default does not import frontend
        ClusterLoadAssignment cla = (ClusterLoadAssignment) r.find(XdsType.ENDPOINT,
                "outbound|80||product-service.catalog.svc.cluster.local").resource();
        assertThat(cla.getEndpointsList()).hasSize(3);
        assertThat(cla.getEndpointsList()).extracting(l -> l.getLocality().getZone())
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(cla.getEndpointsList()).allSatisfy(l -> {
            assertThat(l.getLoadBalancingWeight().getValue()).isEqualTo(1);
            assertThat(l.getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress().getPortValue()).isEqualTo(8080);
        });
    }

    @Test
    void proxiesSharingAScopeShareTheOutboundInstances() {
        ProxyResources web = sidecar("frontend", "web-ui");
        ProxyResources bff = sidecar("frontend", "mobile-bff");
        assertThat(bff.outbound()).isSameAs(web.outbound());
        assertThat(bff.outbound().clusters()).isSameAs(web.outbound().clusters());
        assertThat(bff.routes()).isSameAs(web.routes());
        assertThat(bff.endpoints()).isSameAs(web.endpoints());
        // Different scopes in one namespace: the override Sidecar gives payment-service its own.
        assertThat(sidecar("orders", "payment-service").outbound())
                .isNotSameAs(sidecar("orders", "order-service").outbound());
        // Asking again returns the cached inbound part too.
        assertThat(sidecar("frontend", "web-ui").inbound()).isSameAs(web.inbound());
    }

    @Test
    void scopedIsASubsetOfUnscoped() {
        for (Workload w : appWorkloads()) {
            ProxyResources scoped = snapshot.resourcesFor(XdsFixtures.proxy(w), w);
            ProxyResources unscoped = snapshot.withoutSidecars().resourcesFor(XdsFixtures.proxy(w), w);
            for (XdsType t : XdsType.values()) {
                assertThat(Invariants.names(unscoped.resources(t))).as("%s %s", w.id(), t)
                        .containsAll(Invariants.names(scoped.resources(t)));
            }
            for (NamedResource c : scoped.clusters()) {
                assertThat(unscoped.find(XdsType.CLUSTER, c.name()).version()).as(c.name()).isEqualTo(c.version());
            }
            assertThat(scoped.totalWireBytes()).isLessThanOrEqualTo(unscoped.totalWireBytes());
        }
    }

    @Test
    void twoBuildsGiveEqualBytes() {
        XdsSnapshot other = XdsSnapshot.build(MeshIndex.build(XdsFixtures.ecommerce()));
        for (Workload w : appWorkloads()) {
            for (boolean proxyless : new boolean[] {false, true}) {
                ProxyResources a = snapshot.resourcesFor(XdsFixtures.proxy(w), w, proxyless);
                ProxyResources b = other.resourcesFor(XdsFixtures.proxy(w), w, proxyless);
                for (XdsType t : XdsType.values()) {
                    assertThat(a.resources(t)).hasSameSizeAs(b.resources(t));
                    for (int i = 0; i < a.resources(t).size(); i++) {
                        assertThat(NamedResource.deterministicBytes(b.resources(t).get(i).resource()))
                                .isEqualTo(NamedResource.deterministicBytes(a.resources(t).get(i).resource()));
                        assertThat(b.resources(t).get(i).version()).isEqualTo(a.resources(t).get(i).version());
                    }
                    assertThat(b.resources(t)).extracting(NamedResource::name)
                            .isEqualTo(a.resources(t).stream().map(NamedResource::name).toList());
                }
                assertThat(ConfigDumps.json(b)).isEqualTo(ConfigDumps.json(a));
            }
        }
    }

    @Test
    void totalsAreTheSumOfPackedSizes() {
        ProxyResources r = sidecar("shared", "notification-service");
        for (XdsType t : XdsType.values()) {
            long sum = r.resources(t).stream()
                    .mapToLong(n -> com.google.protobuf.Any.pack(n.resource()).getSerializedSize()).sum();
            assertThat(r.wireBytes(t)).isEqualTo(sum);
            assertThat(r.count(t)).isEqualTo(r.resources(t).size());
        }
        assertThat(r.totalCount()).isEqualTo(r.clusters().size() + r.endpoints().size() + r.listeners().size()
                + r.routes().size());
    }
}
