package io.meshscope.core.deps;

import java.util.List;

/** Evidence resolved against the manifests: the calls tied to callers and services, and those that were not. */
public record Resolution(List<ResolvedCall> calls, List<Unresolved> unresolved, Callers callers, Evidence evidence) {
    public Resolution {
        calls = List.copyOf(calls);
        unresolved = List.copyOf(unresolved);
    }

    /** The resolved calls of one caller, in order. */
    public List<ResolvedCall> callsOf(Caller c) {
        return calls.stream().filter(x -> x.caller().id().equals(c.id())).toList();
    }
}
