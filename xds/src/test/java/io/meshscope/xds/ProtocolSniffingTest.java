package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.decode.InputException;
import io.meshscope.decode.ManifestReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ports without a protocol are sniffed as istiod sniffs them (HTTP inspector, an HTTP chain on RDS and TCP
 * fallback), on a manifest tree shaped like a public demo application: unnamed ports, no clusterIP, controllers
 * without Pods. Before, every such port was plain TCP and eight port-80 services collapsed onto one.
 */
class ProtocolSniffingTest {
    private static final String REAL_APP = "../examples/unnamed-ports";
    private static final List<String> PORT_80 = List.of("carts", "catalogue", "front-end", "orders", "payment",
            "queue-master", "shipping", "user");

    private static MeshInput input;
    private static XdsSnapshot snapshot;
    private static ProxyResources frontEnd;

    @BeforeAll
    static void build() throws InputException {
        input = new ManifestReader().read(List.of(REAL_APP), null, Optional.empty());
        snapshot = XdsSnapshot.build(MeshIndex.build(input));
        frontEnd = resources("front-end");
    }

    private static ProxyResources resources(String deployment) {
        var w = XdsFixtures.workload(input, WorkloadKind.DEPLOYMENT, "shop", deployment);
        return snapshot.resourcesFor(XdsFixtures.proxy(w), w);
    }

    private static Listener listener(ProxyResources r, String name) {
        NamedResource n = r.find(XdsType.LISTENER, name);
        assertThat(n).as("listener " + name).isNotNull();
        return (Listener) n.resource();
    }

    private static RouteConfiguration route(ProxyResources r, String name) {
        NamedResource n = r.find(XdsType.ROUTE, name);
        assertThat(n).as("route " + name).isNotNull();
        return (RouteConfiguration) n.resource();
    }

    private static String host(String service) {
        return service + ".shop.svc.cluster.local";
    }

    @Test
    void unnamedPort80ServicesShareOneSniffedListenerWithAVirtualHostEach() {
        Listener l = listener(frontEnd, "0.0.0.0_80");
        assertThat(l.getListenerFiltersList()).extracting(ListenerFilter::getName)
                .containsExactly("envoy.filters.listener.http_inspector");
        FilterChain http = l.getFilterChainsList().stream()
                .filter(c -> c.getFilterChainMatch().getApplicationProtocolsCount() > 0).findFirst().orElseThrow();
        assertThat(http.getFilterChainMatch().getApplicationProtocolsList()).containsExactly("http/1.1", "h2c");
        assertThat(http.getFilterChainMatch().getTransportProtocol()).isEqualTo("raw_buffer");
        assertThat(hcm(http.getFilters(0)).getRds().getRouteConfigName()).isEqualTo("80");
        // Non-HTTP bytes fall through to a TCP proxy: the first port-80 service's, as istiod merges them.
        assertThat(tcp(l.getDefaultFilterChain().getFilters(0)).getCluster()).startsWith("outbound|80||")
                .endsWith(".shop.svc.cluster.local");

        List<String> vhosts = route(frontEnd, "80").getVirtualHostsList().stream().map(VirtualHost::getName).toList();
        assertThat(vhosts).containsExactlyElementsOf(
                java.util.stream.Stream.concat(PORT_80.stream().map(s -> host(s) + ":80"), java.util.stream.Stream.of("allow_any"))
                        .toList());
        assertThat(route(frontEnd, "80").getVirtualHosts(1).getRoutes(0).getRoute().getCluster())
                .isEqualTo("outbound|80||" + host("catalogue"));
    }

    @Test
    void wellKnownServerFirstPortsStayTcpAndUnknownOnesWithoutVipAreSniffedOnTheWildcard() {
        Listener mongo = listener(frontEnd, "0.0.0.0_27017");
        assertThat(mongo.getListenerFiltersList()).isEmpty();
        assertThat(mongo.getFilterChainsList()).hasSize(1);
        assertThat(tcp(mongo.getFilterChains(0).getFilters(0)).getCluster()).isEqualTo("outbound|27017||" + host("carts-db"));

        Listener redis = listener(frontEnd, "0.0.0.0_6379");
        assertThat(redis.getListenerFiltersList()).extracting(ListenerFilter::getName)
                .containsExactly("envoy.filters.listener.http_inspector");
        assertThat(route(frontEnd, "6379").getVirtualHostsList()).extracting(VirtualHost::getName)
                .containsExactly(host("session-db") + ":6379", "allow_any");
    }

    @Test
    void unknownProtocolOnItsOwnVipGetsARouteOfItsOwnWithoutCatchAll() {
        Listener l = listener(frontEnd, "10.96.7.20_5672");
        assertThat(tcp(l.getDefaultFilterChain().getFilters(0)).getCluster()).isEqualTo("outbound|5672||" + host("rabbitmq"));
        assertThat(l.getFilterChainsList()).hasSize(1);
        assertThat(hcm(l.getFilterChains(0).getFilters(0)).getRds().getRouteConfigName())
                .isEqualTo(host("rabbitmq") + ":5672");
        RouteConfiguration own = route(frontEnd, host("rabbitmq") + ":5672");
        assertThat(own.getVirtualHostsList()).hasSize(1);
        assertThat(own.getVirtualHosts(0).getName()).isEqualTo(host("rabbitmq") + ":5672");
        assertThat(own.getVirtualHosts(0).getDomainsList()).containsExactly("*");
        assertThat(own.getVirtualHosts(0).getRoutes(0).getRoute().getCluster()).isEqualTo("outbound|5672||" + host("rabbitmq"));
    }

    @Test
    void sniffedClustersUseTheDownstreamProtocol() {
        Cluster c = (Cluster) frontEnd.find(XdsType.CLUSTER, "outbound|80||" + host("carts")).resource();
        HttpProtocolOptions options = Invariants.unpack(c.getTypedExtensionProtocolOptionsOrThrow(
                "envoy.extensions.upstreams.http.v3.HttpProtocolOptions"), HttpProtocolOptions.class);
        assertThat(options.hasUseDownstreamProtocolConfig()).isTrue();
    }

    @Test
    void inboundOfAnUnnamedPortHasAnHttpAndATcpChain() {
        Listener inbound = listener(resources("carts"), "virtualInbound");
        List<FilterChain> port80 = inbound.getFilterChainsList().stream()
                .filter(c -> c.getFilterChainMatch().getDestinationPort().getValue() == 80).toList();
        // PERMISSIVE (istiod's default): inboundPermissiveFilterChainMatchWithMxcOptions, mTLS and plaintext each
        // sniffed as HTTP or TCP, then one-way TLS as TCP.
        assertThat(port80).hasSize(5);
        assertThat(port80.get(1).getFilterChainMatch().getApplicationProtocolsList()).containsExactly("http/1.1", "h2c");
        assertThat(port80.get(1).getFilters(0).getName()).isEqualTo("envoy.filters.network.http_connection_manager");
        assertThat(tcp(port80.get(3).getFilters(0)).getCluster()).isEqualTo("inbound|80||");
    }

    @Test
    void invariantsHoldForEveryWorkloadOfTheRealApplication() {
        for (String d : PORT_80) {
            assertThat(Invariants.check(resources(d))).as(d).isEmpty();
        }
    }

    @Test
    void httpAndTcpServicesSharingAWildcardPortBecomeOneSniffedListener() {
        MeshInput mesh = XdsFixtures.yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: a-raw, namespace: app}
                spec: {ports: [{name: tcp-raw, port: 80}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b-web, namespace: app}
                spec: {ports: [{name: http-web, port: 80}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: c-unknown, namespace: app}
                spec: {ports: [{port: 80}]}
                """);
        ProxyResources r = XdsSnapshot.build(MeshIndex.build(mesh)).resourcesFor(Proxy.sidecar("app", Map.of()), null);
        Listener l = listener(r, "0.0.0.0_80");
        // TCP first (match-all), then HTTP over TCP adds the ALPN chain; the unknown port's TCP chain conflicts.
        assertThat(tcp(l.getDefaultFilterChain().getFilters(0)).getCluster()).isEqualTo("outbound|80||a-raw.app.svc.cluster.local");
        assertThat(l.getFilterChainsList()).hasSize(1);
        assertThat(route(r, "80").getVirtualHostsList()).extracting(VirtualHost::getName).containsExactly(
                "b-web.app.svc.cluster.local:80", "c-unknown.app.svc.cluster.local:80", "allow_any");
        assertThat(Invariants.check(r)).isEmpty();
    }

    private static TcpProxy tcp(Filter f) {
        return Invariants.unpack(f.getTypedConfig(), TcpProxy.class);
    }

    private static HttpConnectionManager hcm(Filter f) {
        return Invariants.unpack(f.getTypedConfig(), HttpConnectionManager.class);
    }
}
