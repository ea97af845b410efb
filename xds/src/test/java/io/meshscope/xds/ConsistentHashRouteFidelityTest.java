package io.meshscope.xds;

import static io.meshscope.xds.DrPolicyFixture.routes;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden {@code hash_policy} of routes to a destination whose DestinationRule has a consistent hash, derived from
 * istiod's {@code ConsistentHashToHashPolicy}, {@code hashForService}, {@code HashForHTTPDestination},
 * {@code applyHTTPRouteDestination} and {@code retry.ConvertPolicy} ({@code pilot/pkg/networking/core/route}).
 */
class ConsistentHashRouteFidelityTest {
    private static final String VS = """
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: app}
            spec:
              hosts: [reviews]
              http:
              - route: [{destination: {host: reviews, subset: v1}}]
            """;

    private static RouteAction.HashPolicy hash(String json) {
        RouteAction.HashPolicy.Builder b = RouteAction.HashPolicy.newBuilder();
        DrPolicyFixture.merge(json, b);
        return b.build();
    }

    @Test
    void consistentHashToHashPolicyOnTheDefaultRouteForEachKey() {
        // buildSidecarVirtualHostForService + hashForService: the default route keeps istiod's default retry policy
        // (BuildDefaultHTTPOutboundRoute passes hashPolicy=false).
        String[][] cases = {
                {"{httpHeaderName: x-user}", "{\"header\": {\"header_name\": \"x-user\"}}"},
                {"{httpCookie: {name: user, ttl: 10s, path: /, attributes: [{name: SameSite, value: Strict}]}}",
                        "{\"cookie\": {\"name\": \"user\", \"ttl\": \"10s\", \"path\": \"/\", \"attributes\":"
                                + " [{\"name\": \"SameSite\", \"value\": \"Strict\"}]}}"},
                {"{useSourceIp: true}", "{\"connection_properties\": {\"source_ip\": true}}"},
                {"{httpQueryParameterName: user}", "{\"query_parameter\": {\"name\": \"user\"}}"}};
        for (String[] c : cases) {
            List<Route> routes = routes(DrPolicyFixture.snapshot("""
                      trafficPolicy:
                        loadBalancer: {consistentHash: %s}
                    """.formatted(c[0]), ""));
            assertThat(routes).hasSize(1);
            assertThat(routes.get(0).getRoute().getHashPolicyList()).as(c[0]).containsExactly(hash(c[1]));
            assertThat(routes.get(0).getRoute().getRetryPolicy().getRetryHostPredicateCount()).isEqualTo(1);
        }
    }

    @Test
    void hashForHttpDestinationPrefersTheSubsetAndDropsThePreviousHostsRetryPredicate() {
        // HashForHTTPDestination: the subset's hash wins over the rule's; applyHTTPRouteDestination then converts
        // the retry policy with hashPolicy=true (DefaultConsistentHashPolicy: no previous_hosts predicate).
        List<Route> routes = routes(DrPolicyFixture.snapshot("""
                  trafficPolicy:
                    loadBalancer: {consistentHash: {httpHeaderName: x-rule}}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      loadBalancer: {consistentHash: {httpHeaderName: x-subset}}
                """, VS));
        RouteAction action = routes.get(0).getRoute();
        assertThat(action.getCluster()).isEqualTo("outbound|80|v1|reviews.app.svc.cluster.local");
        assertThat(action.getHashPolicyList()).containsExactly(hash("{\"header\": {\"header_name\": \"x-subset\"}}"));
        assertThat(action.getRetryPolicy().getRetryHostPredicateCount()).isZero();
        assertThat(action.getRetryPolicy().getNumRetries().getValue()).isEqualTo(2);
    }

    @Test
    void portLevelConsistentHashAppliesOnlyToItsPort() {
        // hashForService: a port-level consistent hash replaces the rule's for that port only.
        List<Route> routes = routes(DrPolicyFixture.snapshot("""
                  trafficPolicy:
                    loadBalancer: {consistentHash: {httpHeaderName: x-rule}}
                    portLevelSettings:
                    - port: {number: 80}
                      loadBalancer: {consistentHash: {httpQueryParameterName: q}}
                """, ""));
        assertThat(routes.get(0).getRoute().getHashPolicyList())
                .containsExactly(hash("{\"query_parameter\": {\"name\": \"q\"}}"));
    }
}
