package io.meshscope.core.deps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evidence resolved against the manifests: the calls tied to callers and services, and those that were not. The
 * calls are also indexed by caller once, so asking for each caller's calls costs its own calls, not all of them
 * (it was a scan of every call per caller: quadratic in generate's and whatif's evidence summary).
 */
public final class Resolution {
    private final List<ResolvedCall> calls;
    private final List<Unresolved> unresolved;
    private final Callers callers;
    private final Evidence evidence;
    private final Map<String, List<ResolvedCall>> byCaller;

    public Resolution(List<ResolvedCall> calls, List<Unresolved> unresolved, Callers callers, Evidence evidence) {
        this.calls = List.copyOf(calls);
        this.unresolved = List.copyOf(unresolved);
        this.callers = callers;
        this.evidence = evidence;
        Map<String, List<ResolvedCall>> index = new HashMap<>();
        for (ResolvedCall c : this.calls) {
            index.computeIfAbsent(c.caller().id(), k -> new ArrayList<>()).add(c);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byCaller = index;
    }

    /** Every resolved call, in evidence order. */
    public List<ResolvedCall> calls() {
        return calls;
    }

    /** Calls that could not be tied to a caller or a service, and why. */
    public List<Unresolved> unresolved() {
        return unresolved;
    }

    /** The callers the manifests define. */
    public Callers callers() {
        return callers;
    }

    /** The evidence as read. */
    public Evidence evidence() {
        return evidence;
    }

    /** The resolved calls of one caller, in order. */
    public List<ResolvedCall> callsOf(Caller c) {
        return byCaller.getOrDefault(c.id(), List.of());
    }
}
