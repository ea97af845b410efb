package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/** A DestinationRule: host (short names resolved by the engine), visibility, selector, subsets and policy. */
public record DestinationRule(
        ObjectMeta meta,
        String host,
        List<String> exportTo,
        WorkloadSelector workloadSelector,
        List<Subset> subsets,
        String tlsMode,
        String loadBalancer) implements MeshObject {

    public DestinationRule {
        exportTo = List.copyOf(exportTo);
        subsets = List.copyOf(subsets);
        tlsMode = tlsMode == null ? "" : tlsMode;
        loadBalancer = loadBalancer == null ? "" : loadBalancer;
    }

    /** A named subset of the host's endpoints. */
    public record Subset(String name, Map<String, String> labels) {
        public Subset {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }
}
