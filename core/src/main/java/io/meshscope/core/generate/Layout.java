package io.meshscope.core.generate;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The Sidecars of one namespace as host sets: the namespace default's hosts (null: no default), each workload
 * override's hosts by caller id, the total size over every proxy of the namespace, and which layout it is.
 */
public record Layout(String namespace, String label, SortedSet<String> defaultHosts,
                     Map<String, SortedSet<String>> overrides, long cost) {
    public Layout {
        overrides = Map.copyOf(overrides);
    }

    /** How many Sidecars the layout writes. */
    public int sidecars() {
        return overrides.size() + (defaultHosts == null ? 0 : 1);
    }

    /** The override caller ids, sorted. */
    public List<String> overridden() {
        return overrides.keySet().stream().sorted().toList();
    }
}
