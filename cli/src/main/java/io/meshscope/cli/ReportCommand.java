package io.meshscope.cli;

import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.render.Json;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.xds.report.ConfigReporter;
import io.meshscope.xds.report.ConfigSize;
import io.meshscope.xds.report.WorkloadReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshscope report}: config size per workload with and without Sidecars. */
@Command(name = "report", header = "Config size per workload with and without Sidecars.", mixinStandardHelpOptions = true,
        description = {
            "For each workload: the Sidecar applied, and its proxy's xDS config with and without Sidecars —",
            "clusters, endpoints, listeners, routes (virtual hosts) and bytes (protobuf wire size as xDS",
            "responses carry them) — then totals over all proxies (replicas count) and the ratio.",
            "",
            "Pods that belong to a controller in the input (their labels carry its pod-template labels) are",
            "counted through the controller's replicas, not twice.",
            "",
            "Example:",
            "  meshscope report -f examples/ecommerce",
            "  meshscope synth -o /tmp/mesh500 --services 500 --sidecars namespace && meshscope report -f /tmp/mesh500",
            "",
            "Exit codes: 0 done, 2 usage error, unknown workload or unparseable input."})
final class ReportCommand extends InputCommand {
    @Option(names = "--workload", paramLabel = "WORKLOAD", description = "Report only these workloads (repeatable).")
    List<String> workloads = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json, OutputFormat.csv);
        MeshInput in = loader().load(input, false);
        InjectionNotice.print(err(), in);
        List<Workload> targets = new ArrayList<>();
        if (workloads.isEmpty()) {
            targets.addAll(ProxyWorkloads.of(in));
        } else {
            workloads.forEach(id -> targets.add(WorkloadResolver.resolve(in, id)));
        }
        ConfigReporter reporter = new ConfigReporter(MeshIndex.build(in));
        Progress progress = new Progress(err(), targets.size());
        List<WorkloadReport> rows = reporter.reportAll(targets, progress::update);
        progress.done();
        switch (format) {
            case json -> out().print(Json.write(json(rows)));
            case csv -> out().print(csv(rows));
            default -> out().print(new ReportTable(rows).render());
        }
        out().flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> json(List<WorkloadReport> rows) {
        List<Object> ws = new ArrayList<>();
        ConfigSize scoped = ConfigSize.ZERO;
        ConfigSize unscoped = ConfigSize.ZERO;
        int proxies = 0;
        for (WorkloadReport r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", r.workload().namespace() + "/" + r.workload().name());
            m.put("kind", r.workload().kind().kindName());
            m.put("replicas", r.replicas());
            m.put("proxyType", r.proxyType().wireName());
            m.put("sidecar", r.sidecar());
            m.put("scoped", size(r.scoped()));
            m.put("unscoped", size(r.unscoped()));
            ws.add(m);
            scoped = scoped.plus(r.scoped().times(r.replicas()));
            unscoped = unscoped.plus(r.unscoped().times(r.replicas()));
            proxies += r.replicas();
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("proxies", proxies);
        totals.put("scoped", size(scoped));
        totals.put("unscoped", size(unscoped));
        totals.put("ratio", unscoped.bytes() == 0 ? 1.0 : Math.round(1e4 * scoped.bytes() / (double) unscoped.bytes()) / 1e4);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workloads", ws);
        out.put("totals", totals);
        return out;
    }

    private static Map<String, Object> size(ConfigSize s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clusters", s.clusters());
        m.put("endpoints", s.endpoints());
        m.put("listeners", s.listeners());
        m.put("routes", s.routes());
        m.put("bytes", s.bytes());
        return m;
    }

    private static String csv(List<WorkloadReport> rows) {
        StringBuilder sb = new StringBuilder("workload,kind,replicas,proxy_type,sidecar,"
                + "scoped_clusters,scoped_endpoints,scoped_listeners,scoped_routes,scoped_bytes,"
                + "unscoped_clusters,unscoped_endpoints,unscoped_listeners,unscoped_routes,unscoped_bytes\n");
        for (WorkloadReport r : rows) {
            sb.append(r.workload().namespace()).append('/').append(r.workload().name()).append(',')
                    .append(r.workload().kind().kindName()).append(',').append(r.replicas()).append(',')
                    .append(r.proxyType().wireName()).append(',').append(r.sidecar() == null ? "" : r.sidecar());
            for (ConfigSize s : List.of(r.scoped(), r.unscoped())) {
                sb.append(',').append(s.clusters()).append(',').append(s.endpoints()).append(',').append(s.listeners())
                        .append(',').append(s.routes()).append(',').append(s.bytes());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Progress on standard error for large meshes: a line every 10 %, only when there are many workloads. */
    private static final class Progress {
        private final java.io.PrintWriter err;
        private final int total;
        private int lastDecile;

        Progress(java.io.PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        void update(int done) {
            if (total < 200) {
                return;
            }
            int decile = done * 10 / total;
            if (decile > lastDecile) {
                lastDecile = decile;
                err.printf("report: %d/%d workloads (%d%%)%n", done, total, decile * 10);
                err.flush();
            }
        }

        void done() {
            err.flush();
        }
    }
}
