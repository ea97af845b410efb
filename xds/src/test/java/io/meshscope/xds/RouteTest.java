package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RDS (domains, VirtualService routes, catch-all) and the proxyless gRPC shapes. */
class RouteTest {
    static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: reviews}
              ports: [{name: http, port: 80, targetPort: 9080}, {name: grpc, port: 9090}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ratings, namespace: app}
            spec:
              clusterIP: 10.0.0.2
              selector: {app: ratings}
              ports: [{name: http, port: 80}, {name: http-admin, port: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: details, namespace: other}
            spec:
              clusterIP: 10.0.1.1
              selector: {app: details}
              ports: [{name: http, port: 80}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: app}
            spec:
              host: reviews
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: app}
            spec:
              hosts: [reviews]
              http:
              - name: canary-path
                match: [{uri: {prefix: /v2}}]
                route: [{destination: {host: reviews, subset: v2}}]
              - name: health
                match: [{uri: {exact: /health}}, {uri: {regex: "/status/.*"}}]
                route: [{destination: {host: ratings}}]
              - name: from-elsewhere
                match: [{sourceNamespace: elsewhere}]
                route: [{destination: {host: ratings}}]
              - name: split
                route:
                - {destination: {host: reviews, subset: v1}, weight: 90}
                - {destination: {host: reviews, subset: v2}, weight: 10}
              - name: never
                route: [{destination: {host: ratings}}]
            """;

    private static XdsSnapshot snapshot;
    private static final Proxy CLIENT = Proxy.sidecar("app", Map.of("app", "client"));

    @BeforeAll
    static void build() {
        snapshot = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(MESH)));
    }

    private static VirtualHost vhost(ProxyResources r, String route, String name) {
        RouteConfiguration rc = (RouteConfiguration) r.find(XdsType.ROUTE, route).resource();
        return rc.getVirtualHostsList().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void domainsExpandShortNamesOnlyAsTheProxyNamespaceResolvesThem() {
        ProxyResources r = snapshot.resourcesFor(CLIENT, null);
        RouteConfiguration rc = (RouteConfiguration) r.find(XdsType.ROUTE, "80").resource();
        assertThat(rc.getIgnorePortInHostMatching()).isTrue();
        assertThat(rc.getValidateClusters().getValue()).isFalse();
        assertThat(vhost(r, "80", "ratings.app.svc.cluster.local:80").getDomainsList()).containsExactly(
                "ratings.app.svc.cluster.local", "ratings.app.svc.cluster.local.", "ratings", "ratings.app.svc",
                "ratings.app", "10.0.0.2");
        assertThat(vhost(r, "80", "details.other.svc.cluster.local:80").getDomainsList()).containsExactly(
                "details.other.svc.cluster.local", "details.other.svc.cluster.local.", "details.other",
                "details.other.svc", "10.0.1.1");
        assertThat(rc.getVirtualHostsList()).extracting(VirtualHost::getName).containsExactly(
                "details.other.svc.cluster.local:80", "ratings.app.svc.cluster.local:80",
                "reviews.app.svc.cluster.local:80", "allow_any");
        Route def = vhost(r, "80", "ratings.app.svc.cluster.local:80").getRoutes(0);
        assertThat(def.getName()).isEqualTo("default");
        assertThat(def.getMatch().getPrefix()).isEqualTo("/");
        assertThat(def.getRoute().getCluster()).isEqualTo("outbound|80||ratings.app.svc.cluster.local");
        assertThat(def.getRoute().getRetryPolicy().getNumRetries().getValue()).isEqualTo(2);
    }

    @Test
    void virtualServiceRoutesTranslateMatchesSubsetsAndWeights() {
        ProxyResources r = snapshot.resourcesFor(CLIENT, null);
        List<Route> routes = vhost(r, "80", "reviews.app.svc.cluster.local:80").getRoutesList();
        assertThat(routes).extracting(Route::getName).containsExactly("canary-path", "health", "health", "split");
        assertThat(routes.get(0).getMatch().getPrefix()).isEqualTo("/v2");
        assertThat(routes.get(0).getRoute().getCluster()).isEqualTo("outbound|80|v2|reviews.app.svc.cluster.local");
        assertThat(routes.get(1).getMatch().getPath()).isEqualTo("/health");
        assertThat(routes.get(2).getMatch().getSafeRegex().getRegex()).isEqualTo("/status/.*");
        // ratings has two ports and the destination names none: the listener port is used.
        assertThat(routes.get(1).getRoute().getCluster()).isEqualTo("outbound|80||ratings.app.svc.cluster.local");
        assertThat(routes.get(3).getRoute().getWeightedClusters().getClustersList())
                .extracting(WeightedCluster.ClusterWeight::getName, c -> c.getWeight().getValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("outbound|80|v1|reviews.app.svc.cluster.local", 90),
                        org.assertj.core.groups.Tuple.tuple("outbound|80|v2|reviews.app.svc.cluster.local", 10));
        // The same VirtualService on the gRPC port routes to that port's clusters.
        List<Route> grpc = vhost(r, "9090", "reviews.app.svc.cluster.local:9090").getRoutesList();
        assertThat(grpc.get(0).getRoute().getCluster()).isEqualTo("outbound|9090|v2|reviews.app.svc.cluster.local");
        // As in istiod, a port-less destination on a multi-port service takes the listener port even when the
        // service has no such port: the route names a cluster that does not exist (Envoy answers 503 NC).
        assertThat(grpc.get(1).getRoute().getCluster()).isEqualTo("outbound|9090||ratings.app.svc.cluster.local");
        assertThat(Invariants.check(r)).containsExactly(DANGLING);
    }

    private static final String DANGLING = "cluster referenced but not generated: outbound|9090||ratings.app.svc.cluster.local";

    @Test
    void proxylessGetsApiListenersRoutesAndEdsClusters() {
        ProxyResources r = snapshot.resourcesFor(CLIENT, null, true);
        assertThat(Invariants.check(r)).containsExactly(DANGLING);
        assertThat(r.proxyless()).isTrue();
        assertThat(Invariants.names(r.listeners())).containsExactly("details.other.svc.cluster.local:80",
                "ratings.app.svc.cluster.local:80", "ratings.app.svc.cluster.local:8080",
                "reviews.app.svc.cluster.local:80", "reviews.app.svc.cluster.local:9090");
        assertThat(Invariants.names(r.routes())).isEqualTo(Invariants.names(r.listeners()));
        Listener l = (Listener) r.find(XdsType.LISTENER, "reviews.app.svc.cluster.local:9090").resource();
        assertThat(l.getAddress().getSocketAddress().getAddress()).isEqualTo("10.0.0.1");
        HttpConnectionManager hcm = Invariants.unpack(l.getApiListener().getApiListener(), HttpConnectionManager.class);
        assertThat(hcm.getRds().getConfigSource().hasAds()).isTrue();
        assertThat(hcm.getRds().getRouteConfigName()).isEqualTo("reviews.app.svc.cluster.local:9090");
        assertThat(hcm.getHttpFiltersList()).extracting(HttpFilter::getName).last().isEqualTo("envoy.filters.http.router");
        assertThat(hcm.getHttpFiltersList().get(hcm.getHttpFiltersCount() - 1).getTypedConfig().getTypeUrl())
                .isEqualTo("type.googleapis.com/envoy.extensions.filters.http.router.v3.Router");
        RouteConfiguration rc = (RouteConfiguration) r.find(XdsType.ROUTE, "ratings.app.svc.cluster.local:8080").resource();
        assertThat(rc.getVirtualHostsCount()).isEqualTo(1);
        assertThat(rc.getVirtualHosts(0).getDomainsList()).contains("ratings.app.svc.cluster.local:8080",
                "ratings.app.svc.cluster.local", "ratings:8080");
        assertThat(rc.getVirtualHosts(0).getRoutes(0).getRoute().hasRetryPolicy()).isFalse();
        assertThat(Invariants.names(r.clusters())).containsExactlyInAnyOrder(
                "outbound|80||details.other.svc.cluster.local",
                "outbound|80||ratings.app.svc.cluster.local",
                "outbound|80||reviews.app.svc.cluster.local",
                "outbound|80|v1|reviews.app.svc.cluster.local",
                "outbound|80|v2|reviews.app.svc.cluster.local",
                "outbound|8080||ratings.app.svc.cluster.local",
                "outbound|9090||reviews.app.svc.cluster.local",
                "outbound|9090|v1|reviews.app.svc.cluster.local",
                "outbound|9090|v2|reviews.app.svc.cluster.local");
        for (NamedResource c : r.clusters()) {
            Cluster cluster = (Cluster) c.resource();
            assertThat(cluster.getType()).isEqualTo(Cluster.DiscoveryType.EDS);
            assertThat(cluster.getEdsClusterConfig().getEdsConfig().hasAds()).isTrue();
        }
        assertThat(Invariants.names(r.endpoints())).isEqualTo(Invariants.names(r.clusters()));
        assertThat(r.inbound().listeners()).isEmpty();
    }
}
