package io.meshscope.cli;

import io.meshscope.xds.report.ConfigSize;
import io.meshscope.xds.report.WorkloadReport;
import java.util.List;
import java.util.Locale;

/** The text form of {@code report}: a per-workload table, then the seed-style "without / with Sidecar" summary. */
final class ReportTable {
    private final List<WorkloadReport> rows;

    ReportTable(List<WorkloadReport> rows) {
        this.rows = rows;
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(8, rows.stream().mapToInt(r -> label(r).length()).max().orElse(8));
        int sw = Math.max(7, rows.stream().mapToInt(r -> r.sidecar() == null ? 6 : r.sidecar().length()).max().orElse(7));
        String fmt = "%-" + w + "s  %3s  %-" + sw + "s  %17s  %17s  %11s  %11s  %6s%n";
        sb.append(String.format(Locale.ROOT, fmt, "WORKLOAD", "REP", "SIDECAR", "CLUSTERS w/o→with",
                "ENDPOINTS w/o→with", "BYTES w/o", "BYTES with", "RATIO"));
        ConfigSize scoped = ConfigSize.ZERO;
        ConfigSize unscoped = ConfigSize.ZERO;
        int proxies = 0;
        for (WorkloadReport r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, label(r), r.replicas(), r.sidecar() == null ? "(none)" : r.sidecar(),
                    r.unscoped().clusters() + " → " + r.scoped().clusters(),
                    r.unscoped().endpoints() + " → " + r.scoped().endpoints(),
                    bytes(r.unscoped().bytes()), bytes(r.scoped().bytes()), percent(r.ratio())));
            scoped = scoped.plus(r.scoped().times(r.replicas()));
            unscoped = unscoped.plus(r.unscoped().times(r.replicas()));
            proxies += r.replicas();
        }
        sb.append('\n');
        int n = Math.max(1, proxies);
        sb.append(String.format(Locale.ROOT, "%d proxies in %d workloads; per proxy on average:%n%n", proxies, rows.size()));
        String f2 = "| %-30s | %15s | %15s |%n";
        sb.append(String.format(Locale.ROOT, f2, "Metric", "Without Sidecar", "With Sidecar"));
        sb.append("|--------------------------------|-----------------|-----------------|\n");
        sb.append(String.format(Locale.ROOT, f2, "Config size per proxy", bytes(unscoped.bytes() / n), bytes(scoped.bytes() / n)));
        sb.append(String.format(Locale.ROOT, f2, "Clusters per proxy", unscoped.clusters() / n, scoped.clusters() / n));
        sb.append(String.format(Locale.ROOT, f2, "Endpoints per proxy", unscoped.endpoints() / n, scoped.endpoints() / n));
        sb.append(String.format(Locale.ROOT, f2, "Listeners per proxy", unscoped.listeners() / n, scoped.listeners() / n));
        sb.append(String.format(Locale.ROOT, f2, "Routes (vhosts) per proxy", unscoped.routes() / n, scoped.routes() / n));
        sb.append(String.format(Locale.ROOT, f2, "Config pushed to all proxies", bytes(unscoped.bytes()), bytes(scoped.bytes())));
        double ratio = unscoped.bytes() == 0 ? 1 : (double) scoped.bytes() / unscoped.bytes();
        sb.append(String.format(Locale.ROOT, "%nWith Sidecars the mesh's proxies receive %s of the config they get without (%s less).%n",
                percent(ratio), percent(1 - ratio)));
        return sb.toString();
    }

    private static String label(WorkloadReport r) {
        return r.workload().kind().kindName() + "/" + r.workload().namespace() + "/" + r.workload().name();
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }

    private static String percent(double r) {
        return String.format(Locale.ROOT, "%.1f%%", r * 100);
    }
}
