package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * A DestinationRule: host (short names resolved by the engine), visibility, selector, subsets and the top-level
 * traffic policy (null when absent).
 */
public record DestinationRule(
        ObjectMeta meta,
        String host,
        List<String> exportTo,
        WorkloadSelector workloadSelector,
        List<Subset> subsets,
        TrafficPolicy trafficPolicy) implements MeshObject {

    public DestinationRule {
        exportTo = List.copyOf(exportTo);
        subsets = List.copyOf(subsets);
    }

    /** The top-level policy, {@link TrafficPolicy#NONE} when absent. */
    public TrafficPolicy policy() {
        return trafficPolicy == null ? TrafficPolicy.NONE : trafficPolicy;
    }

    /** A rule whose policy is only a TLS mode and a simple load balancer ("" for absent), as tests write them. */
    public DestinationRule(ObjectMeta meta, String host, List<String> exportTo, WorkloadSelector workloadSelector,
                           List<Subset> subsets, String tlsMode, String loadBalancer) {
        this(meta, host, exportTo, workloadSelector, subsets, simplePolicy(tlsMode, loadBalancer));
    }

    private static TrafficPolicy simplePolicy(String tlsMode, String loadBalancer) {
        boolean tls = tlsMode != null && !tlsMode.isEmpty();
        boolean lb = loadBalancer != null && !loadBalancer.isEmpty();
        if (!tls && !lb) {
            return null;
        }
        return new TrafficPolicy(lb ? new TrafficPolicy.LoadBalancer(loadBalancer, null, null, null, null, null) : null,
                null, null, tls ? new TrafficPolicy.ClientTls(tlsMode, "", "", "", "", null, "", null, "") : null,
                null, null, List.of(), null, List.of());
    }

    /** The top-level TLS mode ("" when absent). */
    public String tlsMode() {
        return policy().tls() == null ? "" : policy().tls().mode();
    }

    /** The top-level simple load balancer ("" when absent). */
    public String loadBalancer() {
        return policy().loadBalancer() == null ? "" : policy().loadBalancer().simple();
    }

    /** A named subset of the host's endpoints, with its own traffic policy (null when absent). */
    public record Subset(String name, Map<String, String> labels, TrafficPolicy trafficPolicy) {
        public Subset {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        /** The subset's policy, {@link TrafficPolicy#NONE} when absent. */
        public TrafficPolicy policy() {
            return trafficPolicy == null ? TrafficPolicy.NONE : trafficPolicy;
        }

        /** A subset without a traffic policy. */
        public Subset(String name, Map<String, String> labels) {
            this(name, labels, null);
        }
    }
}
