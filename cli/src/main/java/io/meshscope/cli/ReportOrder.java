package io.meshscope.cli;

import io.meshscope.xds.report.NamespaceReport;
import io.meshscope.xds.report.WorkloadReport;
import java.util.Comparator;
import java.util.Locale;

/**
 * {@code report --sort}: {@code name} (namespace, then name: the default), {@code bytes} (largest config with
 * Sidecars first: per proxy for workloads, over all proxies for namespaces) or {@code ratio} (least reduced by
 * Sidecars first). Ties go by name, so the order is stable.
 */
enum ReportOrder {
    NAME, BYTES, RATIO;

    /** Parses {@code name|bytes|ratio} (case-insensitive); null when unknown. */
    static ReportOrder parse(String s) {
        for (ReportOrder o : values()) {
            if (o.name().equalsIgnoreCase(s)) {
                return o;
            }
        }
        return null;
    }

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Comparator<WorkloadReport> workloads() {
        Comparator<WorkloadReport> byName = Comparator.comparing((WorkloadReport r) -> r.workload().namespace())
                .thenComparing(r -> r.workload().name()).thenComparing(r -> r.workload().kind().ordinal());
        return switch (this) {
            case NAME -> byName;
            case BYTES -> Comparator.comparingLong((WorkloadReport r) -> -r.scoped().bytes()).thenComparing(byName);
            case RATIO -> Comparator.comparingDouble((WorkloadReport r) -> -r.ratio()).thenComparing(byName);
        };
    }

    Comparator<NamespaceReport> namespaces() {
        Comparator<NamespaceReport> byName = Comparator.comparing(NamespaceReport::namespace);
        return switch (this) {
            case NAME -> byName;
            case BYTES -> Comparator.comparingLong((NamespaceReport r) -> -r.scoped().bytes()).thenComparing(byName);
            case RATIO -> Comparator.comparingDouble((NamespaceReport r) -> -r.ratio()).thenComparing(byName);
        };
    }
}
