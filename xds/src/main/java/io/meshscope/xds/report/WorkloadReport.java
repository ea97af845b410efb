package io.meshscope.xds.report;

import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.ProxyType;

/**
 * One workload's line of the report: the Sidecar applied and its proxy's config with and without Sidecars, and
 * (when dependency evidence covers the workload) the floor: the config of a scope holding exactly its declared or
 * observed dependencies, so what the real scope carries above it is visible.
 *
 * @param floor null without evidence for this workload (or for a gateway, which Sidecars do not scope)
 */
public record WorkloadReport(Workload workload, ProxyType proxyType, int replicas, String sidecar, ConfigSize scoped,
                             ConfigSize unscoped, ConfigSize floor) {
    /** A line without a floor. */
    public WorkloadReport(Workload workload, ProxyType proxyType, int replicas, String sidecar, ConfigSize scoped,
                          ConfigSize unscoped) {
        this(workload, proxyType, replicas, sidecar, scoped, unscoped, null);
    }

    /** Scoped bytes over unscoped bytes (1 when unscoped is empty). */
    public double ratio() {
        return unscoped.bytes() == 0 ? 1.0 : (double) scoped.bytes() / unscoped.bytes();
    }

    /** The same line with a floor. */
    public WorkloadReport withFloor(ConfigSize f) {
        return new WorkloadReport(workload, proxyType, replicas, sidecar, scoped, unscoped, f);
    }

    /** Bytes the real scope sends above the floor (negative when it lacks dependencies); 0 without a floor. */
    public long aboveFloor() {
        return floor == null ? 0 : scoped.bytes() - floor.bytes();
    }
}
