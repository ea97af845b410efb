package io.meshscope.core.deps;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls from any combination of inputs, with the inputs they came from and notes about what an input held
 * that could not be attributed to a call (unknown sources, passthrough traffic to raw IPs, ...). Immutable.
 */
public record Evidence(List<Call> calls, List<EvidenceSource> sources, List<String> notes) {
    public Evidence {
        calls = List.copyOf(calls);
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
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
        return new Evidence(c, s, n);
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }
}
