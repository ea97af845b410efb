package io.meshscope.core.whatif;

import io.meshscope.core.deps.Caller;

/** One workload's config size per proxy without Sidecars and with the Sidecars evaluated, and its proxy count. */
public record WorkloadSize(Caller caller, String sidecar, long unscoped, long scoped) {
    /** Saved over all of the workload's proxies. */
    public long saved() {
        return (unscoped - scoped) * caller.replicas();
    }
}
