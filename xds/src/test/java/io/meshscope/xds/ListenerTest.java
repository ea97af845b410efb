package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Outbound listeners: binds, capture modes, UDS, port locking and the outbound traffic policy. */
class ListenerTest {
    static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: svc-a, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: a}
              ports: [{name: http, port: 80}, {name: http-alt, port: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc-b, namespace: app}
            spec:
              clusterIP: 10.0.0.2
              selector: {app: b}
              ports: [{name: http, port: 80}, {name: http-alt, port: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc-c, namespace: app}
            spec:
              clusterIP: 10.0.0.3
              selector: {app: c}
              ports: [{name: http, port: 9080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: mysql, namespace: app}
            spec:
              clusterIP: 10.0.0.4
              selector: {app: mysql}
              ports: [{name: mysql, port: 3306}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: registry-only, namespace: app}
            spec:
              workloadSelector: {labels: {app: locked-down}}
              egress: [{hosts: ["./*"]}]
              outboundTrafficPolicy: {mode: REGISTRY_ONLY}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: bound, namespace: app}
            spec:
              workloadSelector: {labels: {app: bound}}
              egress:
              - port: {number: 9080, protocol: HTTP, name: http}
                bind: 127.0.0.2
                hosts: ["./svc-c.app.svc.cluster.local"]
              - port: {number: 8080, protocol: HTTP, name: http-alt}
                captureMode: NONE
                hosts: ["./*"]
              - port: {number: 0, protocol: HTTP, name: uds}
                bind: unix:///var/run/app.sock
                hosts: ["./svc-a.app.svc.cluster.local"]
              - hosts: ["./*"]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: locked, namespace: app}
            spec:
              workloadSelector: {labels: {app: locked}}
              egress:
              - port: {number: 80, protocol: HTTP, name: http}
                hosts: ["./svc-a.app.svc.cluster.local"]
              - hosts: ["./*"]
            """;

    private static XdsSnapshot snapshot;

    @BeforeAll
    static void build() {
        snapshot = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(MESH)));
    }

    private static ProxyResources proxy(String app) {
        return snapshot.resourcesFor(Proxy.sidecar("app", Map.of("app", app)), null);
    }

    private static Listener listener(ProxyResources r, String name) {
        NamedResource n = r.find(XdsType.LISTENER, name);
        assertThat(n).as(name).isNotNull();
        return (Listener) n.resource();
    }

    private static RouteConfiguration route(ProxyResources r, String name) {
        NamedResource n = r.find(XdsType.ROUTE, name);
        assertThat(n).as(name).isNotNull();
        return (RouteConfiguration) n.resource();
    }

    private static String tcpCluster(Filter f) {
        return Invariants.unpack(f.getTypedConfig(), TcpProxy.class).getCluster();
    }

    private static String rds(Listener l) {
        Filter f = l.getFilterChains(0).getFilters(0);
        return Invariants.unpack(f.getTypedConfig(), HttpConnectionManager.class).getRds().getRouteConfigName();
    }

    @Test
    void invariantsHoldForEveryProxy() {
        for (String app : List.of("default", "locked-down", "bound", "locked")) {
            assertThat(Invariants.check(proxy(app))).as(app).isEmpty();
        }
    }

    @Test
    void defaultScopeAllowsAnyAndSharesHttpPorts() {
        ProxyResources r = proxy("default");
        assertThat(Invariants.names(r.listeners())).containsExactly("0.0.0.0_80", "0.0.0.0_8080", "0.0.0.0_9080",
                "10.0.0.4_3306", "virtualInbound", "virtualOutbound");
        Listener http = listener(r, "0.0.0.0_80");
        assertThat(http.getBindToPort().getValue()).isFalse();
        assertThat(http.hasBindToPort()).isTrue();
        assertThat(rds(http)).isEqualTo("80");
        assertThat(http.getFilterChains(0).getFilterChainMatch().getApplicationProtocolsList()).containsExactly("http/1.1", "h2c");
        assertThat(tcpCluster(http.getDefaultFilterChain().getFilters(0))).isEqualTo("PassthroughCluster");
        Listener mysql = listener(r, "10.0.0.4_3306");
        assertThat(mysql.getFilterChainsCount()).isEqualTo(1);
        assertThat(tcpCluster(mysql.getFilterChains(0).getFilters(0))).isEqualTo("outbound|3306||mysql.app.svc.cluster.local");
        assertThat(tcpCluster(listener(r, "virtualOutbound").getFilterChains(1).getFilters(0))).isEqualTo("PassthroughCluster");
        List<VirtualHost> vhosts = route(r, "80").getVirtualHostsList();
        assertThat(vhosts.get(vhosts.size() - 1).getName()).isEqualTo("allow_any");
        assertThat(vhosts.get(vhosts.size() - 1).getRoutes(0).getRoute().getCluster()).isEqualTo("PassthroughCluster");
    }

    @Test
    void registryOnlyBlackholesUnknownTraffic() {
        ProxyResources r = proxy("locked-down");
        Listener outbound = listener(r, "virtualOutbound");
        assertThat(outbound.getFilterChains(1).getName()).isEqualTo("virtualOutbound-catchall-tcp");
        assertThat(tcpCluster(outbound.getFilterChains(1).getFilters(0))).isEqualTo("BlackHoleCluster");
        assertThat(tcpCluster(listener(r, "0.0.0.0_80").getDefaultFilterChain().getFilters(0))).isEqualTo("BlackHoleCluster");
        VirtualHost last = route(r, "80").getVirtualHostsList().get(route(r, "80").getVirtualHostsCount() - 1);
        assertThat(last.getName()).isEqualTo("block_all");
        assertThat(last.getRoutes(0).getDirectResponse().getStatus()).isEqualTo(502);
    }

    @Test
    void bindCaptureModeAndUdsNameTheListener() {
        ProxyResources r = proxy("bound");
        Listener bound = listener(r, "127.0.0.2_9080");
        assertThat(bound.getAddress().getSocketAddress().getAddress()).isEqualTo("127.0.0.2");
        assertThat(bound.getBindToPort().getValue()).isFalse(); // iptables-captured even with a bind
        assertThat(rds(bound)).isEqualTo("9080");
        Listener none = listener(r, "127.0.0.1_8080");
        assertThat(none.hasBindToPort()).isFalse(); // captureMode NONE: a real listener (bind_to_port defaults true)
        assertThat(rds(none)).isEqualTo("8080");
        Listener uds = listener(r, "unix:///var/run/app.sock_0");
        assertThat(uds.getAddress().getPipe().getPath()).isEqualTo("/var/run/app.sock");
        assertThat(rds(uds)).isEqualTo("unix:///var/run/app.sock");
        RouteConfiguration udsRoutes = route(r, "unix:///var/run/app.sock");
        assertThat(udsRoutes.getVirtualHostsList()).extracting(VirtualHost::getName)
                .containsExactly("svc-a.app.svc.cluster.local:80", "svc-a.app.svc.cluster.local:8080", "allow_any");
        // Port 8080 on another port's listener keeps only port-qualified domains (mergeAllVirtualHosts).
        assertThat(udsRoutes.getVirtualHosts(1).getDomainsList()).allMatch(d -> d.contains(":"));
        assertThat(udsRoutes.getVirtualHosts(0).getDomainsList()).contains("svc-a", "svc-a:80");
        // The catch-all still adds the wildcard listeners of the other ports.
        assertThat(Invariants.names(r.listeners())).contains("0.0.0.0_80", "0.0.0.0_8080", "10.0.0.4_3306");
    }

    @Test
    void portSpecificListenerLocksItsPort() {
        ProxyResources r = proxy("locked");
        assertThat(rds(listener(r, "0.0.0.0_80"))).isEqualTo("80");
        assertThat(route(r, "80").getVirtualHostsList()).extracting(VirtualHost::getName)
                .containsExactly("svc-a.app.svc.cluster.local:80", "allow_any");
        assertThat(route(r, "8080").getVirtualHostsList()).extracting(VirtualHost::getName).containsExactly(
                "svc-a.app.svc.cluster.local:8080", "svc-b.app.svc.cluster.local:8080", "allow_any");
        // svc-b:80 is still a cluster (the scope union), just not reachable through the locked port.
        assertThat(Invariants.names(r.clusters())).contains("outbound|80||svc-b.app.svc.cluster.local");
    }
}
