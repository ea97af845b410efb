package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Map;

/**
 * A small mesh (reviews with subsets v1/v2, ratings, details) plus one VirtualService {@code app/reviews} whose
 * {@code http} list a test writes, and the routes of {@code reviews}' virtual host as a proxy receives them.
 */
final class VsRouteFixture {
    static final String SERVICES = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              ports: [{name: http, port: 80}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ratings, namespace: app}
            spec:
              clusterIP: 10.0.0.2
              ports: [{name: http, port: 80}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: details, namespace: other}
            spec:
              clusterIP: 10.0.1.1
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
            """;
    static final Proxy CLIENT = Proxy.sidecar("app", Map.of("app", "client"));
    static final String VHOST = "reviews.app.svc.cluster.local:80";
    /** istiod's default {@code retry.ConvertPolicy(nil, false)} in Envoy JSON. */
    static final String DEFAULT_RETRY = """
            {"retry_on": "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
             "num_retries": 2, "host_selection_retry_max_attempts": "5",
             "retry_host_predicate": [{"name": "envoy.retry_host_predicates.previous_hosts", "typed_config":
               {"@type": "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate"}}]}""";
    static final String METADATA = """
            {"filter_metadata": {"istio": {"config": "/apis/networking.istio.io/v1/namespaces/app/virtual-service/reviews"}}}""";

    private VsRouteFixture() {
    }

    /** The snapshot of the mesh with {@code http} (YAML list items, indented two spaces) as the VirtualService's routes. */
    static XdsSnapshot snapshot(String http) {
        return XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(SERVICES + http)));
    }

    /** reviews' routes for a sidecar proxy ({@code proxyless} false) or a proxyless client. */
    static List<Route> routes(XdsSnapshot snapshot, Proxy proxy, boolean proxyless) {
        ProxyResources r = snapshot.resourcesFor(proxy, null, proxyless);
        RouteConfiguration rc = (RouteConfiguration) r.find(XdsType.ROUTE, proxyless ? VHOST : "80").resource();
        return rc.getVirtualHostsList().stream().filter(v -> v.getName().equals(VHOST)).findFirst()
                .map(VirtualHost::getRoutesList).orElseThrow();
    }

    static List<Route> routes(String http) {
        return routes(snapshot(http), CLIENT, false);
    }

    /** An Envoy Route from its JSON (proto or JSON field names). */
    static Route route(String json) {
        Route.Builder b = Route.newBuilder();
        try {
            JsonFormat.parser().usingTypeRegistry(ConfigDumps.TYPES).merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
        return b.build();
    }

    /** Asserts equality through Envoy's JSON, so a failure shows a readable diff. */
    static void assertRoute(Route actual, String expectedJson) {
        assertThat(print(actual)).isEqualTo(print(route(expectedJson)));
    }

    static String print(Route r) {
        try {
            return JsonFormat.printer().usingTypeRegistry(ConfigDumps.TYPES).preservingProtoFieldNames().print(r);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
