package io.meshscope.core.whatif;

import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.model.Sidecar;

/**
 * An observed call that would lose its route: what happens to it, the Sidecar responsible (null when none
 * applies), and the fix — the egress host line to add, on the listener of {@code listenerIndex} in
 * {@code spec.egress} ({@code -1}: a new catch-all listener, as the Sidecar has none) — or, when no host line
 * can help (the service is not exported to the caller's namespace), {@code fix} null and the reason in
 * {@code why}.
 */
public record BrokenCall(ResolvedCall call, Outcome outcome, Sidecar sidecar, String fix, int listenerIndex,
                         Integer listenerPort, String why) {

    /** {@code ns/name} of the responsible Sidecar, or {@code none}. */
    public String sidecarName() {
        return sidecar == null ? "none" : sidecar.meta().id().nsName();
    }

    /** Where the fix goes, in the words of a field path: {@code spec.egress[0].hosts}. */
    public String fixField() {
        if (fix == null) {
            return null;
        }
        return listenerIndex < 0 ? "spec.egress (a new listener without port)" : "spec.egress[" + listenerIndex + "].hosts";
    }
}
