package io.meshscope.core.deps;

/** A call that could not be tied to the manifests, and why (reported, never silently dropped). */
public record Unresolved(Call call, Reason reason, String detail) {
    /** Why a call could not be resolved. */
    public enum Reason {
        /** The source is not a workload of the manifests. */
        UNKNOWN_SOURCE,
        /** The destination is a cluster service that is not in the manifests. */
        UNKNOWN_SERVICE,
        /** The destination is an external host that no ServiceEntry declares. */
        NO_SERVICE_ENTRY
    }
}
