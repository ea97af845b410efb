package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshscope.core.model.TrafficPolicy;

/**
 * The part of a DestinationRule policy istiod's gRPC generator applies to a proxyless client's cluster
 * ({@code grpcgen/cds.go applyTrafficPolicy}): {@code applyLoadBalancing} (a consistent hash becomes RING_HASH or
 * MAGLEV via {@code ApplyRingHashLoadBalancer}; LEAST_REQUEST; ROUND_ROBIN is gRPC's default and sets nothing) and
 * {@code applyCircuitBreakers} (only {@code http2MaxRequests}, gRFC A32). Everything else — connection pool
 * limits, outlier detection, TLS other than ISTIO_MUTUAL, proxy protocol — istiod does not send either.
 */
final class ProxylessPolicies {
    private ProxylessPolicies() {
    }

    static void apply(Cluster.Builder c, TrafficPolicy policy) {
        if (policy == null) {
            return;
        }
        TrafficPolicy.LoadBalancer lb = policy.loadBalancer();
        if (lb != null) {
            if (lb.consistentHash() != null) {
                ClusterPolicies.ringHash(c, lb.consistentHash());
            } else if (lb.simple().equals("LEAST_REQUEST")) {
                c.setLbPolicy(Cluster.LbPolicy.LEAST_REQUEST);
            }
        }
        if (policy.connectionPool() != null && policy.connectionPool().http() != null) {
            Object v = policy.connectionPool().http().get("http2MaxRequests");
            if (v == null) {
                v = policy.connectionPool().http().get("http2_max_requests");
            }
            long max = v instanceof Number n ? n.longValue() : 0;
            if (max > 0) {
                c.setCircuitBreakers(CircuitBreakers.newBuilder().addThresholds(CircuitBreakers.Thresholds.newBuilder()
                        .setMaxRequests(Protos.u32((int) max))));
            }
        }
    }
}
