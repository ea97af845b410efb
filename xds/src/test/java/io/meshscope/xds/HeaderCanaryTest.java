package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dangerous defect of issue 15: a header-matched canary route must carry its header matcher, and ordinary
 * requests must fall through to the next route (istiod's {@code TranslateRouteMatch} and
 * {@code IsCatchAllRoute}: a route with header matchers is never a catch-all).
 */
class HeaderCanaryTest {
    static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              ports: [{name: http, port: 80}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: app}
            spec:
              host: reviews
              subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: app}
            spec:
              hosts: [reviews]
              http:
              - name: canary
                match: [{headers: {x-canary: {exact: "true"}}}]
                route: [{destination: {host: reviews, subset: v2}}]
              - name: stable
                route: [{destination: {host: reviews, subset: v1}}]
            """;

    private static List<Route> routes(boolean proxyless) {
        XdsSnapshot snapshot = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(MESH)));
        ProxyResources r = snapshot.resourcesFor(Proxy.sidecar("app", Map.of("app", "client")), null, proxyless);
        String name = proxyless ? "reviews.app.svc.cluster.local:80" : "80";
        RouteConfiguration rc = (RouteConfiguration) r.find(XdsType.ROUTE, name).resource();
        VirtualHost vh = rc.getVirtualHostsList().stream()
                .filter(v -> v.getName().equals("reviews.app.svc.cluster.local:80")).findFirst().orElseThrow();
        return vh.getRoutesList();
    }

    @Test
    void headerMatchedCanaryCarriesItsHeaderMatcherAndOrdinaryRequestsFallThroughToStable() {
        for (boolean proxyless : new boolean[] {false, true}) {
            List<Route> routes = routes(proxyless);
            assertThat(routes).extracting(Route::getName).containsExactly("canary", "stable");
            Route canary = routes.get(0);
            assertThat(canary.getMatch().getPrefix()).isEqualTo("/");
            assertThat(canary.getMatch().getHeadersList()).containsExactly(HeaderMatcher.newBuilder()
                    .setName("x-canary").setStringMatch(io.envoyproxy.envoy.type.matcher.v3.StringMatcher.newBuilder()
                            .setExact("true")).build());
            assertThat(canary.getRoute().getCluster()).isEqualTo("outbound|80|v2|reviews.app.svc.cluster.local");
            Route stable = routes.get(1);
            assertThat(stable.getMatch().getHeadersCount()).isZero();
            assertThat(stable.getRoute().getCluster()).isEqualTo("outbound|80|v1|reviews.app.svc.cluster.local");
        }
    }
}
