package io.meshscope.xds.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One namespace's line of {@code report --by namespace}: its workloads and proxies, and the config of all its
 * proxies (per-proxy sizes times replicas, summed) with the mesh's Sidecars and without any.
 */
public record NamespaceReport(String namespace, int workloads, int proxies, ConfigSize scoped, ConfigSize unscoped) {
    /** Scoped bytes over unscoped bytes (1 when unscoped is empty). */
    public double ratio() {
        return unscoped.bytes() == 0 ? 1.0 : (double) scoped.bytes() / unscoped.bytes();
    }

    /** The workload lines aggregated per namespace, sorted by namespace. */
    public static List<NamespaceReport> of(List<WorkloadReport> rows) {
        Map<String, NamespaceReport> by = new TreeMap<>();
        for (WorkloadReport r : rows) {
            String ns = r.workload().namespace();
            NamespaceReport acc = by.getOrDefault(ns, new NamespaceReport(ns, 0, 0, ConfigSize.ZERO, ConfigSize.ZERO));
            by.put(ns, new NamespaceReport(ns, acc.workloads + 1, acc.proxies + r.replicas(),
                    acc.scoped.plus(r.scoped().times(r.replicas())), acc.unscoped.plus(r.unscoped().times(r.replicas()))));
        }
        return new ArrayList<>(by.values());
    }
}
