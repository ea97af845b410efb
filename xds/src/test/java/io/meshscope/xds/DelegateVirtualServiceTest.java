package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.Route;
import io.meshscope.core.scope.ConfigKey;
import io.meshscope.core.scope.MeshIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delegate VirtualServices as istiod merges them ({@code mergeVirtualServices}, {@code MergeHTTPRoutes},
 * {@code mergeHTTPRoute}, {@code mergeHTTPMatchRequests}, {@code hasConflict}), then translated like any route.
 */
class DelegateVirtualServiceTest {
    private static final String DELEGATE = """
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews-api, namespace: team}
            spec:
              http:
              - name: v2
                match: [{uri: {prefix: /api/v2}, headers: {x-team: {exact: a}}}]
                timeout: 3s
                route: [{destination: {host: reviews.app.svc.cluster.local, subset: v2}}]
              - name: elsewhere
                match: [{uri: {prefix: /other}}]
                route: [{destination: {host: reviews.app.svc.cluster.local, subset: v2}}]
              - name: rest
                route: [{destination: {host: reviews.app.svc.cluster.local, subset: v1}}]
            """;
    private static final String ROOT = """
              - name: api
                match: [{uri: {prefix: /api}}]
                retries: {attempts: 5}
                delegate: {name: reviews-api, namespace: team}
              - name: missing
                match: [{uri: {prefix: /m}}]
                delegate: {name: nowhere}
              - name: fallback
                route: [{destination: {host: ratings}}]
            """;

    @Test
    void delegateRoutesAreMergedIntoTheRootWithTheRootsMatchesAndActions() {
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(VsRouteFixture.SERVICES + ROOT + DELEGATE)));
        List<Route> routes = VsRouteFixture.routes(s, VsRouteFixture.CLIENT, false);
        // "elsewhere" conflicts with the root's /api (not a sub-prefix) and is dropped; "missing" names no
        // delegate and is dropped; the root's retries fill in where the delegate route sets none.
        assertThat(routes).extracting(Route::getName).containsExactly("api-v2", "api-rest", "fallback");
        Route v2 = routes.get(0);
        assertThat(v2.getMatch().getPrefix()).isEqualTo("/api/v2");
        assertThat(v2.getMatch().getHeaders(0).getName()).isEqualTo("x-team");
        assertThat(v2.getRoute().getCluster()).isEqualTo("outbound|80|v2|reviews.app.svc.cluster.local");
        assertThat(v2.getRoute().getTimeout().getSeconds()).isEqualTo(3);
        assertThat(v2.getRoute().getRetryPolicy().getNumRetries().getValue()).isEqualTo(5);
        Route rest = routes.get(1);
        assertThat(rest.getMatch().getPrefix()).isEqualTo("/api");
        assertThat(rest.getRoute().getCluster()).isEqualTo("outbound|80|v1|reviews.app.svc.cluster.local");
    }

    @Test
    void aDelegateNotExportedToTheRootNamespaceIsIgnored() {
        String hidden = DELEGATE.replace("spec:\n  http:", "spec:\n  exportTo: [.]\n  http:");
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(VsRouteFixture.SERVICES + ROOT + hidden)));
        assertThat(VsRouteFixture.routes(s, VsRouteFixture.CLIENT, false)).extracting(Route::getName)
                .containsExactly("fallback");
    }

    @Test
    void proxiesThatImportTheRootDependOnItsDelegates() {
        MeshIndex index = MeshIndex.build(XdsFixtures.yaml(VsRouteFixture.SERVICES + ROOT + DELEGATE));
        var scope = index.scope(VsRouteFixture.CLIENT);
        assertThat(scope.dependsOn(new ConfigKey(ConfigKey.VIRTUAL_SERVICE, "team", "reviews-api"))).isTrue();
        // A delegate that does not exist yet is a dependency too: creating it changes the root's routes.
        assertThat(scope.dependsOn(new ConfigKey(ConfigKey.VIRTUAL_SERVICE, "app", "nowhere"))).isTrue();
    }
}
