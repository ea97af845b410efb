package io.meshscope.xds;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.TrafficPolicy;
import java.util.List;

/**
 * Which DestinationRule policy applies to a cluster, merged as istiod merges it
 * ({@code util.GetPortLevelTrafficPolicy}, {@code util.MergeSubsetTrafficPolicy}, {@code model.MergeTrafficPolicy})
 * and which consistent hash applies to a route destination ({@code hashForService},
 * {@code HashForHTTPDestination} in {@code route/route.go}).
 */
final class TrafficPolicies {
    private TrafficPolicies() {
    }

    /**
     * {@code GetPortLevelTrafficPolicy}: the port's entry of {@code portLevelSettings} replaces the whole policy
     * (nothing inherited: fields it omits take their defaults, and proxyProtocol/tunnel are dropped); otherwise
     * the policy itself. Null when {@code policy} is null.
     */
    static TrafficPolicy forPort(TrafficPolicy policy, int port) {
        if (policy == null) {
            return null;
        }
        TrafficPolicy.PortPolicy p = portEntry(policy.portLevelSettings(), port);
        return p == null ? policy : p.asPolicy();
    }

    /** {@code MergeSubsetTrafficPolicy}: the rule's port policy overlaid with the subset's (port) policy. */
    static TrafficPolicy forSubset(TrafficPolicy rule, TrafficPolicy subset, int port) {
        TrafficPolicy original = forPort(rule, port);
        if (subset == null) {
            return original;
        }
        boolean hasPortLevel = portEntry(subset.portLevelSettings(), port) != null;
        TrafficPolicy sub = forPort(subset, port);
        if (original == null) {
            return sub;
        }
        // MergeTrafficPolicy: a subset block replaces the rule's; a subset port policy replaces all four blocks.
        return new TrafficPolicy(
                sub.loadBalancer() != null || hasPortLevel ? sub.loadBalancer() : original.loadBalancer(),
                sub.connectionPool() != null || hasPortLevel ? sub.connectionPool() : original.connectionPool(),
                sub.outlierDetection() != null || hasPortLevel ? sub.outlierDetection() : original.outlierDetection(),
                sub.tls() != null || hasPortLevel ? sub.tls() : original.tls(),
                sub.proxyProtocol() != null ? sub.proxyProtocol() : original.proxyProtocol(),
                sub.tunnel() != null ? sub.tunnel() : original.tunnel(),
                List.of(), sub.retryBudget() != null ? sub.retryBudget() : original.retryBudget(), List.of());
    }

    /** The policy of a cluster: the rule's for {@code subset} "" (the service's own cluster), else the subset's. */
    static TrafficPolicy forCluster(DestinationRule dr, String subset, int port) {
        if (dr == null) {
            return null;
        }
        if (subset == null || subset.isEmpty()) {
            return forPort(dr.trafficPolicy(), port);
        }
        for (DestinationRule.Subset s : dr.subsets()) {
            if (s.name().equals(subset)) {
                return forSubset(dr.trafficPolicy(), s.trafficPolicy(), port);
            }
        }
        return forPort(dr.trafficPolicy(), port);
    }

    /**
     * {@code hashForService} / {@code HashForHTTPDestination}: the consistent hash for a destination: the subset's
     * port-level one, else the subset's, else the rule's port-level one, else the rule's. For a service's default
     * route ({@code subset} "") only the rule's port-level and top-level hashes apply.
     */
    static TrafficPolicy.ConsistentHash hash(DestinationRule dr, String subset, int port) {
        if (dr == null) {
            return null;
        }
        TrafficPolicy rule = dr.policy();
        TrafficPolicy.ConsistentHash hash = consistentHash(rule.loadBalancer());
        TrafficPolicy.ConsistentHash pls = portHash(rule, port);
        TrafficPolicy.ConsistentHash subsetHash = null;
        TrafficPolicy.ConsistentHash subsetPls = null;
        if (subset != null && !subset.isEmpty()) {
            for (DestinationRule.Subset s : dr.subsets()) {
                if (s.name().equals(subset)) {
                    subsetHash = consistentHash(s.policy().loadBalancer());
                    subsetPls = portHash(s.policy(), port);
                    break;
                }
            }
        }
        if (subsetPls != null) {
            return subsetPls;
        }
        if (subsetHash != null) {
            return subsetHash;
        }
        return pls != null ? pls : hash;
    }

    private static TrafficPolicy.ConsistentHash portHash(TrafficPolicy policy, int port) {
        if (port == 0) {
            return null; // a destination without a port number matches no port-level setting
        }
        TrafficPolicy.PortPolicy p = portEntry(policy.portLevelSettings(), port);
        return p == null ? null : consistentHash(p.loadBalancer());
    }

    private static TrafficPolicy.ConsistentHash consistentHash(TrafficPolicy.LoadBalancer lb) {
        return lb == null ? null : lb.consistentHash();
    }

    private static TrafficPolicy.PortPolicy portEntry(List<TrafficPolicy.PortPolicy> settings, int port) {
        for (TrafficPolicy.PortPolicy p : settings) {
            if (p.port() != null && p.port() == port) {
                return p;
            }
        }
        return null;
    }
}
