package io.meshscope.core.whatif;

import io.meshscope.core.deps.Resolution;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of {@link WhatIf}: every observed call that would break, the evidence that could not be tied to the
 * manifests (in {@code resolution}), and config size per workload in the size model's unit.
 */
public record WhatIfReport(Resolution resolution, List<BrokenCall> broken, List<WorkloadSize> sizes, String unit) {
    public WhatIfReport {
        broken = List.copyOf(broken);
        sizes = List.copyOf(sizes);
    }

    /** The broken calls grouped by caller id, callers sorted. */
    public Map<String, List<BrokenCall>> byWorkload() {
        Map<String, List<BrokenCall>> out = new TreeMap<>();
        for (BrokenCall b : broken) {
            out.computeIfAbsent(b.call().caller().id(), k -> new java.util.ArrayList<>()).add(b);
        }
        return out;
    }

    /** Total over every proxy (workload size times replicas) without any Sidecar. */
    public long totalUnscoped() {
        return sizes.stream().mapToLong(s -> s.unscoped() * s.caller().replicas()).sum();
    }

    /** Total over every proxy under the Sidecars evaluated. */
    public long totalScoped() {
        return sizes.stream().mapToLong(s -> s.scoped() * s.caller().replicas()).sum();
    }

    public long saved() {
        return totalUnscoped() - totalScoped();
    }

    /** Resolved calls checked. */
    public int observed() {
        return resolution.calls().size();
    }
}
