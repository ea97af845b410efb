package io.meshscope.xds;

import static io.meshscope.xds.DrPolicyFixture.print;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden outbound listeners for VirtualService {@code tcp} and {@code tls} routes and the DestinationRule's TCP
 * proxy settings, each derived from istiod's code ({@code pilot/pkg/networking/core}): the chains of
 * {@code buildSidecarOutboundTCPFilterChainOpts} and {@code buildSidecarOutboundTLSFilterChainOpts}
 * ({@code tls.go}), their TCP proxies from {@code buildOutboundNetworkFiltersWithSingleDestination},
 * {@code buildOutboundNetworkFiltersWithWeightedClusters} and {@code maybeSetHashPolicy} ({@code networkfilter.go}),
 * assembled by {@code buildListenerFromEntry} ({@code listener.go}).
 */
class L4RouteFidelityTest {
    private static final String DB = "db.app.svc.cluster.local";
    private static final String META = """
            "metadata": {"filter_metadata": {"istio": {
              "config": "/apis/networking.istio.io/v1/namespaces/app/virtual-service/%s"}}}""";
    private static final String TCP_PROXY = "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";
    private static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: app}
            spec:
              clusterIP: 10.0.0.10
              ports: [{name: tcp-pg, port: 5432}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: db, namespace: app}
            spec:
              host: db
              trafficPolicy:
                connectionPool: {tcp: {idleTimeout: 1h, maxConnectionDuration: 30m}}
                loadBalancer: {consistentHash: {useSourceIp: true}}
              subsets:
              - {name: v1, labels: {version: v1}}
              - name: v2
                labels: {version: v2}
                trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: api, namespace: app}
            spec:
              hosts: [api.example.com]
              location: MESH_EXTERNAL
              resolution: DNS
              ports: [{name: tls, number: 443, protocol: TLS}]
            ---
            """;
    private static final String TCP_VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: db, namespace: app}
            spec:
              hosts: [db]
              tcp:
              - match: [{port: 5432, sourceLabels: {track: canary}}]
                route: [{destination: {host: db, subset: v2}}]
              - match: [{destinationSubnets: [10.1.0.0/16]}, {sourceNamespace: other, destinationSubnets: [10.9.0.0/16]}]
                route:
                - {destination: {host: db, subset: v1}, weight: 80}
                - {destination: {host: db, subset: v2}, weight: 20}
                - {destination: {host: db, subset: v2}, weight: 0}
              - route: [{destination: {host: db, subset: v1}}]
            """;
    private static final String TLS_VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: api, namespace: app}
            spec:
              hosts: [api.example.com]
              tls:
              - match: [{sniHosts: [api.example.com], sourceLabels: {track: canary}}]
                route: [{destination: {host: api.example.com}}]
              - match: [{sniHosts: [api.example.com], port: 443}, {sniHosts: [api.example.com], port: 8443}]
                route: [{destination: {host: api.example.com, port: {number: 443}}}]
            """;
    private static final Proxy PLAIN = Proxy.sidecar("app", Map.of("app", "client"));
    private static final Proxy CANARY = Proxy.sidecar("app", Map.of("app", "client", "track", "canary"));

    private static Listener listener(String yaml, Proxy proxy, String name) {
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(yaml)));
        ProxyResources r = s.resourcesFor(proxy, null);
        assertThat(Invariants.check(r)).isEmpty();
        NamedResource l = r.find(XdsType.LISTENER, name);
        assertThat(l).as(name).isNotNull();
        return (Listener) l.resource();
    }

    private static void assertListener(Listener actual, String json) {
        DrPolicyFixture.assertJson(actual, Listener.newBuilder(), json);
    }

    /** The TCP proxy istiod builds for one destination with this test's DestinationRule. */
    private static String single(String cluster, boolean hash) {
        return """
                {"name": "envoy.filters.network.tcp_proxy", "typed_config": {"@type": "%s",
                  "stat_prefix": "%s", "cluster": "%s", "idle_timeout": "3600s",
                  "max_downstream_connection_duration": "1800s"%s}}"""
                .formatted(TCP_PROXY, cluster, cluster, hash ? ", \"hash_policy\": [{\"source_ip\": {}}]" : "");
    }

    @Test
    void buildSidecarOutboundTcpFilterChainOptsWithSubnetAndDefaultRoutes() {
        // A proxy the sourceLabels match does not select: the subnet route's chain (weighted clusters, stat prefix
        // <vs>.<ns>, no metadata, the rule's top-level hash), then the route without matches as the default chain
        // (with the VirtualService's config metadata), which ends the list: no chain of the service's own.
        String weighted = """
                {"name": "envoy.filters.network.tcp_proxy", "typed_config": {"@type": "%s",
                  "stat_prefix": "db.app", "weighted_clusters": {"clusters": [
                    {"name": "outbound|5432|v1|%s", "weight": 80}, {"name": "outbound|5432|v2|%s", "weight": 20}]},
                  "idle_timeout": "3600s", "max_downstream_connection_duration": "1800s",
                  "hash_policy": [{"source_ip": {}}]}}""".formatted(TCP_PROXY, DB, DB);
        assertListener(listener(MESH + TCP_VS, PLAIN, "10.0.0.10_5432"), """
                {"name": "10.0.0.10_5432",
                 "address": {"socket_address": {"address": "10.0.0.10", "port_value": 5432}},
                 "filter_chains": [{"filter_chain_match": {"prefix_ranges": [
                     {"address_prefix": "10.1.0.0", "prefix_len": 16}]},
                   "filters": [%s]}],
                 "default_filter_chain": {"filters": [%s], %s},
                 "traffic_direction": "OUTBOUND", "continue_on_listener_filters_timeout": true,
                 "bind_to_port": false, "listener_filters_timeout": "0s"}
                """.formatted(weighted, single("outbound|5432|v1|" + DB, true), META.formatted("db")));
    }

    @Test
    void matchTcpSourceLabelsRouteTakesAllTrafficOfTheProxiesItSelects() {
        // matchTCP selects the canary proxy: its route has no destinationSubnets, so it is the only chain. Its
        // subset v2 has a load balancer without a consistent hash, so maybeSetHashPolicy sets no hash.
        assertListener(listener(MESH + TCP_VS, CANARY, "10.0.0.10_5432"), """
                {"name": "10.0.0.10_5432",
                 "address": {"socket_address": {"address": "10.0.0.10", "port_value": 5432}},
                 "filter_chains": [{"filters": [%s], %s}],
                 "traffic_direction": "OUTBOUND", "continue_on_listener_filters_timeout": true,
                 "bind_to_port": false, "listener_filters_timeout": "0s"}
                """.formatted(single("outbound|5432|v2|" + DB, false), META.formatted("db")));
    }

    @Test
    void tcpProxySettingsFromTheDestinationRuleWithoutAnyVirtualService() {
        // buildOutboundNetworkFiltersWithSingleDestination for a plain TCP service: idle_timeout and
        // max_downstream_connection_duration from connectionPool.tcp, hash_policy from useSourceIp.
        assertListener(listener(MESH, PLAIN, "10.0.0.10_5432"), """
                {"name": "10.0.0.10_5432",
                 "address": {"socket_address": {"address": "10.0.0.10", "port_value": 5432}},
                 "filter_chains": [{"filters": [%s]}],
                 "traffic_direction": "OUTBOUND", "continue_on_listener_filters_timeout": true,
                 "bind_to_port": false, "listener_filters_timeout": "0s"}
                """.formatted(single("outbound|5432||" + DB, true)));
    }

    @Test
    void buildSidecarOutboundTlsFilterChainOptsMatchesSniHosts() {
        // No VIP: 0.0.0.0_443. The sourceLabels match does not select this proxy; the port-443 match gives a chain
        // on server_names (the port-8443 one does not apply; a repeated SNI would be skipped). Traffic with another
        // SNI takes the PassthroughFilterChain (ALLOW_ANY).
        String proxy = """
                {"name": "envoy.filters.network.tcp_proxy", "typed_config": {"@type": "%s",
                  "stat_prefix": "outbound|443||api.example.com", "cluster": "outbound|443||api.example.com"}}"""
                .formatted(TCP_PROXY);
        assertListener(listener(MESH + TLS_VS, PLAIN, "0.0.0.0_443"), """
                {"name": "0.0.0.0_443",
                 "address": {"socket_address": {"address": "0.0.0.0", "port_value": 443}},
                 "filter_chains": [{"filter_chain_match": {"server_names": ["api.example.com"]},
                   "filters": [%s], %s}],
                 "default_filter_chain": {"name": "PassthroughFilterChain", "filter_chain_match": {},
                   "filters": [{"name": "envoy.filters.network.tcp_proxy", "typed_config": {"@type": "%s",
                     "stat_prefix": "PassthroughCluster", "cluster": "PassthroughCluster"}}]},
                 "listener_filters": [{"name": "envoy.filters.listener.tls_inspector", "typed_config": {
                   "@type": "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector"}}],
                 "traffic_direction": "OUTBOUND", "continue_on_listener_filters_timeout": true,
                 "bind_to_port": false, "listener_filters_timeout": "0s"}
                """.formatted(proxy, META.formatted("api"), TCP_PROXY));
    }

    @Test
    void aTcpMatchMeshscopeCannotExpressIsOmittedNeverWidened() {
        // istiod ignores sourceSubnet (matchTCP never reads it), which would turn this route into a catch-all for
        // every client; meshscope leaves the match out (validate warns), so the route after it applies.
        String vs = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: db, namespace: app}
                spec:
                  hosts: [db]
                  tcp:
                  - match: [{sourceSubnet: 10.20.0.0/16}]
                    route: [{destination: {host: db, subset: v2}}]
                  - route: [{destination: {host: db, subset: v1}}]
                """;
        assertListener(listener(MESH + vs, PLAIN, "10.0.0.10_5432"), """
                {"name": "10.0.0.10_5432",
                 "address": {"socket_address": {"address": "10.0.0.10", "port_value": 5432}},
                 "filter_chains": [{"filters": [%s], %s}],
                 "traffic_direction": "OUTBOUND", "continue_on_listener_filters_timeout": true,
                 "bind_to_port": false, "listener_filters_timeout": "0s"}
                """.formatted(single("outbound|5432|v1|" + DB, true), META.formatted("db")));
    }

    @Test
    void proxiesSelectedByTheSameTcpSourceLabelsShareOneOutboundInstance() {
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(MESH + TCP_VS)));
        ScopeResources a = s.resourcesFor(PLAIN, null).outbound();
        ScopeResources b = s.resourcesFor(Proxy.sidecar("app", Map.of("app", "other")), null).outbound();
        ScopeResources c = s.resourcesFor(CANARY, null).outbound();
        assertThat(a).isSameAs(b);
        assertThat(c).isNotSameAs(a);
        assertThat(print(s.resourcesFor(CANARY, null).find(XdsType.LISTENER, "10.0.0.10_5432").resource()))
                .isNotEqualTo(print(s.resourcesFor(PLAIN, null).find(XdsType.LISTENER, "10.0.0.10_5432").resource()));
    }
}
