package io.meshscope.core.model;

import java.util.Map;

/** A {@code workloadSelector}; present with empty labels is distinct from absent (selects every workload). */
public record WorkloadSelector(Map<String, String> labels) {
    public WorkloadSelector {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
