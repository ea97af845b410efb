package io.meshscope.xds.report;

import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.ProxyType;

/** One workload's line of the report: the Sidecar applied and its proxy's config with and without Sidecars. */
public record WorkloadReport(Workload workload, ProxyType proxyType, int replicas, String sidecar, ConfigSize scoped,
                             ConfigSize unscoped) {
    /** Scoped bytes over unscoped bytes (1 when unscoped is empty). */
    public double ratio() {
        return unscoped.bytes() == 0 ? 1.0 : (double) scoped.bytes() / unscoped.bytes();
    }
}
