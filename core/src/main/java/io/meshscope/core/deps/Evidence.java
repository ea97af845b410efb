package io.meshscope.core.deps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Calls from any combination of inputs, with the inputs they came from and notes about what an input held
 * that could not be attributed to a call (unknown sources, passthrough traffic to raw IPs, ...). Immutable.
 */
public record Evidence(List<Call> calls, List<EvidenceSource> sources, List<String> notes, List<String> workloads) {
    public Evidence {
        calls = List.copyOf(calls);
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
        workloads = List.copyOf(workloads);
    }

    /** Evidence that speaks only for the sources of its calls. */
    public Evidence(List<Call> calls, List<EvidenceSource> sources, List<String> notes) {
        this(calls, sources, notes, List.of());
    }

    /**
     * This evidence also speaking for {@code ids} ({@code namespace/name}) whether or not they made calls: a
     * dependency map's keys ({@code calls: []} says "calls nothing"), an access log's workload. generate tells
     * a workload that calls nothing from one it has no evidence for by this.
     */
    public Evidence covering(List<String> ids) {
        // a set, not List.contains: a dependency map names every workload, and 50,000 made this quadratic
        Set<String> w = new LinkedHashSet<>(workloads);
        w.addAll(ids);
        return new Evidence(calls, sources, notes, List.copyOf(w));
    }

    /** No evidence at all. */
    public static Evidence empty() {
        return new Evidence(List.of(), List.of(), List.of());
    }

    /** This evidence and {@code other} together. */
    public Evidence plus(Evidence other) {
        List<Call> c = new ArrayList<>(calls);
        c.addAll(other.calls);
        List<EvidenceSource> s = new ArrayList<>(sources);
        other.sources.stream().filter(x -> !s.contains(x)).forEach(s::add);
        List<String> n = new ArrayList<>(notes);
        n.addAll(other.notes);
        return new Evidence(c, s, n).covering(workloads).covering(other.workloads);
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }
}
