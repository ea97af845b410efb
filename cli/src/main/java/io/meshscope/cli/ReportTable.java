package io.meshscope.cli;

import io.meshscope.core.render.TextSafe;
import io.meshscope.xds.report.ConfigReporter;
import io.meshscope.xds.report.ConfigSize;
import io.meshscope.xds.report.NamespaceReport;
import io.meshscope.xds.report.WorkloadReport;
import java.util.List;
import java.util.Locale;

/**
 * The text form of {@code report}: a per-workload (or, with {@code --by namespace}, per-namespace) table, then
 * the seed-style "without / with Sidecar" summary with per-proxy averages to one decimal, what the bytes count,
 * and a note when endpoints are estimated.
 */
final class ReportTable {
    private final List<WorkloadReport> rows;
    private final String estimateNote;
    private final boolean floors;

    /** {@code rows} in display order; {@code estimateNote} null when no endpoint is estimated. */
    ReportTable(List<WorkloadReport> rows, String estimateNote) {
        this(rows, estimateNote, false);
    }

    /** With {@code floors} (evidence was given): the floor and the bytes above it per workload too. */
    ReportTable(List<WorkloadReport> rows, String estimateNote, boolean floors) {
        this.rows = rows;
        this.estimateNote = estimateNote;
        this.floors = floors;
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(8, rows.stream().mapToInt(r -> label(r).length()).max().orElse(8));
        int sw = Math.max(7, rows.stream().mapToInt(r -> sidecar(r).length()).max().orElse(7));
        String fmt = "%-" + w + "s  %3s  %-" + sw + "s  %17s  %17s  %11s  %11s  %6s" + (floors ? "  %11s  %11s" : "")
                + "%n";
        sb.append(String.format(Locale.ROOT, fmt, "WORKLOAD", "REP", "SIDECAR", "CLUSTERS w/o→with",
                "ENDPOINTS w/o→with", "BYTES w/o", "BYTES with", "RATIO", "BYTES floor", "ABOVE FLOOR"));
        for (WorkloadReport r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, label(r), r.replicas(), sidecar(r),
                    r.unscoped().clusters() + " → " + r.scoped().clusters(),
                    r.unscoped().endpoints() + " → " + r.scoped().endpoints(),
                    bytes(r.unscoped().bytes()), bytes(r.scoped().bytes()), percent(r.ratio()),
                    r.floor() == null ? "-" : bytes(r.floor().bytes()),
                    r.floor() == null ? "-" : signedBytes(r.aboveFloor())));
        }
        if (floors) {
            sb.append("(floor: the config of a Sidecar importing exactly the hosts the evidence shows the workload"
                    + " calling; - where the evidence does not cover it)\n");
        }
        return sb.append(summary()).toString();
    }

    /** Bytes that may be negative (a scope lacking dependencies is below its floor). */
    private static String signedBytes(long b) {
        return b < 0 ? "-" + bytes(-b) : bytes(b);
    }

    /** The per-namespace table ({@code --by namespace}) in the order given, then the same summary. */
    String renderNamespaces(List<NamespaceReport> namespaces) {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(9, namespaces.stream().mapToInt(n -> TextSafe.escape(n.namespace()).length()).max().orElse(9));
        String fmt = "%-" + w + "s  %9s  %7s  %21s  %21s  %11s  %11s  %6s%n";
        sb.append(String.format(Locale.ROOT, fmt, "NAMESPACE", "WORKLOADS", "PROXIES", "CLUSTERS/proxy w/o→with",
                "ENDPOINTS/proxy w/o→with", "BYTES w/o", "BYTES with", "RATIO"));
        for (NamespaceReport n : namespaces) {
            int p = Math.max(1, n.proxies());
            sb.append(String.format(Locale.ROOT, fmt, TextSafe.escape(n.namespace()), n.workloads(), n.proxies(),
                    avg(n.unscoped().clusters(), p) + " → " + avg(n.scoped().clusters(), p),
                    avg(n.unscoped().endpoints(), p) + " → " + avg(n.scoped().endpoints(), p),
                    bytes(n.unscoped().bytes()), bytes(n.scoped().bytes()), percent(n.ratio())));
        }
        sb.append("(bytes of all the namespace's proxies; clusters and endpoints per proxy on average)\n");
        return sb.append(summary()).toString();
    }

    private String summary() {
        StringBuilder sb = new StringBuilder();
        ConfigSize scoped = ConfigSize.ZERO;
        ConfigSize unscoped = ConfigSize.ZERO;
        int proxies = 0;
        for (WorkloadReport r : rows) {
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
        sb.append(String.format(Locale.ROOT, f2, "Clusters per proxy", avg(unscoped.clusters(), n), avg(scoped.clusters(), n)));
        sb.append(String.format(Locale.ROOT, f2, "Endpoints per proxy", avg(unscoped.endpoints(), n), avg(scoped.endpoints(), n)));
        sb.append(String.format(Locale.ROOT, f2, "Listeners per proxy", avg(unscoped.listeners(), n), avg(scoped.listeners(), n)));
        sb.append(String.format(Locale.ROOT, f2, "Routes (vhosts) per proxy", avg(unscoped.routes(), n), avg(scoped.routes(), n)));
        sb.append(String.format(Locale.ROOT, f2, "Config pushed to all proxies", bytes(unscoped.bytes()), bytes(scoped.bytes())));
        double ratio = unscoped.bytes() == 0 ? 1 : (double) scoped.bytes() / unscoped.bytes();
        sb.append(String.format(Locale.ROOT, "%nWith Sidecars the mesh's proxies receive %s of the config they get without (%s less).%n",
                percent(ratio), percent(1 - ratio)));
        sb.append("Bytes: ").append(ConfigReporter.COUNTS).append(".\n");
        if (estimateNote != null) {
            sb.append("note: ").append(estimateNote).append(".\n");
        }
        return sb.toString();
    }

    private static String label(WorkloadReport r) {
        return TextSafe.escape(r.workload().kind().kindName() + "/" + r.workload().namespace() + "/" + r.workload().name());
    }

    /** The Sidecar column: user text, so escaped to one line (issue 13 item 9). */
    private static String sidecar(WorkloadReport r) {
        return r.sidecar() == null ? "(none)" : TextSafe.escape(String.valueOf(r.sidecar()));
    }

    /** An average to one decimal: 21.9, not a truncated 21. */
    static String avg(long total, int n) {
        return String.format(Locale.ROOT, "%.1f", total / (double) n);
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
