package io.meshscope.xds;

import static io.meshscope.xds.VsRouteFixture.routes;
import static io.meshscope.xds.VsRouteFixture.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.Route;
import io.meshscope.core.scope.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Matches that depend on the proxy ({@code sourceMatchHTTP}: {@code sourceLabels}, {@code sourceNamespace},
 * match-level {@code gateways}), how they keep outbound resources shared, and what is omitted rather than widened.
 */
class SourceScopedRoutesTest {
    private static final String SOURCE_LABELS = """
              - name: for-canary-clients
                match: [{sourceLabels: {track: canary}}]
                route: [{destination: {host: reviews, subset: v2}}]
              - name: stable
                route: [{destination: {host: reviews, subset: v1}}]
            """;

    @Test
    void sourceLabelsRoutesReachOnlyTheProxiesTheySelect() {
        XdsSnapshot s = snapshot(SOURCE_LABELS);
        Proxy canary = Proxy.sidecar("app", Map.of("app", "client", "track", "canary"));
        Proxy plain = Proxy.sidecar("app", Map.of("app", "client"));
        // For a selected proxy the sourceLabels route is a catch-all: istiod stops there.
        assertThat(VsRouteFixture.routes(s, canary, false)).extracting(Route::getName)
                .containsExactly("for-canary-clients");
        assertThat(VsRouteFixture.routes(s, plain, false)).extracting(Route::getName).containsExactly("stable");
        assertThat(VsRouteFixture.routes(s, canary, true)).extracting(Route::getName)
                .containsExactly("for-canary-clients");
        assertThat(VsRouteFixture.routes(s, plain, true)).extracting(Route::getName).containsExactly("stable");
    }

    @Test
    void proxiesSatisfyingTheSameSourceSelectorsShareOneOutboundInstance() {
        XdsSnapshot s = snapshot(SOURCE_LABELS);
        ScopeResources a = s.resourcesFor(Proxy.sidecar("app", Map.of("app", "a")), null).outbound();
        ScopeResources b = s.resourcesFor(Proxy.sidecar("app", Map.of("app", "b")), null).outbound();
        ScopeResources c1 = s.resourcesFor(Proxy.sidecar("app", Map.of("app", "c", "track", "canary")), null).outbound();
        ScopeResources c2 = s.resourcesFor(Proxy.sidecar("app", Map.of("app", "d", "track", "canary")), null).outbound();
        assertThat(a).isSameAs(b);
        assertThat(c1).isSameAs(c2);
        assertThat(c1).isNotSameAs(a);
        // Only the route config differs; the clusters are the same interned instances.
        assertThat(c1.clusters()).isEqualTo(a.clusters());
    }

    @Test
    void sourceNamespaceAndMatchGatewaysFilterPerProxy() {
        List<Route> routes = routes("""
                  - name: from-elsewhere
                    match: [{sourceNamespace: elsewhere}]
                    route: [{destination: {host: ratings}}]
                  - name: from-app
                    match: [{sourceNamespace: app, uri: {prefix: /a}}]
                    route: [{destination: {host: ratings}}]
                  - name: gateway-only
                    match: [{gateways: [istio-system/ingress]}]
                    route: [{destination: {host: ratings}}]
                  - name: mesh-but-other-clients
                    match: [{gateways: [mesh], sourceLabels: {app: someone-else}}]
                    route: [{destination: {host: ratings}}]
                  - name: mesh
                    match: [{gateways: [mesh], uri: {prefix: /m}}]
                    route: [{destination: {host: ratings}}]
                  - name: rest
                    route: [{destination: {host: reviews}}]
                """);
        // istiod would keep "mesh-but-other-clients" for every sidecar (it skips sourceLabels when gateways is
        // written); meshscope never widens a match, so the route reaches only the labelled clients.
        assertThat(routes).extracting(Route::getName).containsExactly("from-app", "mesh", "rest");
    }

    @Test
    void matchesMeshscopeCannotExpressAreOmittedAndTheRoutesAfterThemKept() {
        List<Route> routes = routes("""
                  - name: jwt
                    match: [{headers: {"@request.auth.claims.group": {exact: admin}}}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - name: delegated
                    match: [{uri: {prefix: /d}}]
                    delegate: {name: reviews-delegate, namespace: app}
                  - name: rest
                    route: [{destination: {host: reviews, subset: v1}}]
                """);
        assertThat(routes).extracting(Route::getName).containsExactly("rest");
    }

    @Test
    void matchesWithValuesOfTheWrongTypeAreOmittedNotWidened() {
        // Decoding reports each wrong type (an input error); what is still generated must not match more.
        io.meshscope.core.model.MeshInput input = new io.meshscope.decode.ManifestReader().readString("bad.yaml",
                VsRouteFixture.SERVICES + """
                  - name: scalar-header
                    match: [{headers: {x-canary: "true"}}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - name: scalar-uri
                    match: [{uri: /v2}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - name: match-not-a-list
                    match: {headers: {x-canary: {exact: "true"}}}
                    route: [{destination: {host: reviews, subset: v2}}]
                  - name: port-not-a-number
                    match: [{port: eighty}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - name: rest
                    route: [{destination: {host: reviews, subset: v1}}]
                """, java.util.Optional.empty());
        assertThat(input.problems()).isNotEmpty();
        assertThat(input.virtualServices()).as(input.problems().toString()).hasSize(1);
        XdsSnapshot s = XdsSnapshot.build(io.meshscope.core.scope.MeshIndex.build(input));
        assertThat(VsRouteFixture.routes(s, VsRouteFixture.CLIENT, false)).extracting(Route::getName)
                .containsExactly("rest");
    }

    @Test
    void proxylessRoutesUseMaxStreamDurationAndCarryNoCorsOrDefaultRetries() {
        XdsSnapshot s = snapshot("""
                  - name: r
                    timeout: 3s
                    corsPolicy: {allowOrigins: [{exact: "https://a.example"}]}
                    fault: {abort: {grpcStatus: UNAVAILABLE, percentage: {value: 50}}}
                    route: [{destination: {host: reviews}}]
                """);
        Route r = VsRouteFixture.routes(s, VsRouteFixture.CLIENT, true).get(0);
        assertThat(r.getRoute().getTimeout().getSeconds()).isEqualTo(3);
        assertThat(r.getRoute().getMaxStreamDuration().getMaxStreamDuration().getSeconds()).isEqualTo(3);
        assertThat(r.getRoute().hasRetryPolicy()).isFalse();
        assertThat(r.getTypedPerFilterConfigMap()).containsOnlyKeys("envoy.filters.http.fault");
        Route sidecar = VsRouteFixture.routes(s, VsRouteFixture.CLIENT, false).get(0);
        assertThat(sidecar.getTypedPerFilterConfigMap()).containsOnlyKeys("envoy.filters.http.fault",
                "envoy.filters.http.cors");
    }
}
