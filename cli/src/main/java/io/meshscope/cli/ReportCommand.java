package io.meshscope.cli;

import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.progress.ProgressListener;
import io.meshscope.core.model.Workload;
import io.meshscope.core.render.Json;
import io.meshscope.core.render.TextSafe;
import io.meshscope.xds.EndpointEstimate;
import io.meshscope.xds.report.ConfigReporter;
import io.meshscope.xds.report.ConfigSize;
import io.meshscope.xds.report.NamespaceReport;
import io.meshscope.xds.report.WorkloadReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "Bytes are the one size model every command gives (generate, whatif, analyze's MS0004 too): the",
            "xDS wire bytes of every resource one proxy receives, clusters, endpoints, listeners and routes,",
            "inbound included. Averages per proxy have one decimal.",
            "",
            "A Service the input gives no EndpointSlices, Endpoints or Pod IPs for (manifests from Git never",
            "have them) gets its endpoints estimated from the replicas of the workloads it selects",
            "(spec.replicas, 1 when unset, as Kubernetes), with placeholder addresses from 198.18.0.0/15;",
            "the output says which services (a note in text, estimatedEndpoints in JSON).",
            "",
            "The floor: with dependency evidence (--deps, --prometheus, --access-log, as generate and whatif",
            "take them), each workload the evidence covers also gets the size of a config holding exactly its",
            "declared or observed dependencies (a Sidecar importing just those hosts) and how many bytes its",
            "real config carries above that floor (text: columns BYTES floor and ABOVE FLOOR; JSON: floor and",
            "aboveFloorBytes per workload, null where the evidence says nothing about the workload).",
            "",
            "Examples:",
            "  meshscope report -f examples/ecommerce",
            "  meshscope report -f examples/ecommerce --deps examples/ecommerce-dependencies.yaml   # with floors",
            "  meshscope report -f k8s/ --sort bytes            # largest config first",
            "  meshscope report -f k8s/ --by namespace --sort ratio",
            "  meshscope synth -o /tmp/mesh500 --services 500 --sidecars namespace && meshscope report -f /tmp/mesh500",
            "",
            "Exit codes: 0 done, 2 usage error, unknown workload or unparseable input."})
final class ReportCommand extends InputCommand {
    @Option(names = "--workload", paramLabel = "WORKLOAD", description = "Report only these workloads (repeatable).")
    List<String> workloads = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = OutputFormat.TextJsonCsv.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "name",
            description = "Row order: name (namespace, then name), bytes (largest config with Sidecars first) or "
                    + "ratio (least reduced by Sidecars first) (default: ${DEFAULT-VALUE}).")
    String sort;

    @Option(names = "--by", paramLabel = "GROUP",
            description = "namespace: one row per namespace, totals over its proxies (JSON: 'namespaces' next to "
                    + "'workloads'; CSV: one row per namespace).")
    String by;

    @Option(names = "--imports", description = "JSON: also what every workload imports - 'scope' per workload and "
            + "'scopes', each scope's services (host, namespace) once. Large for meshes without Sidecars.")
    boolean imports;

    @Mixin
    EvidenceOptions evidence = new EvidenceOptions();

    @Override
    public Integer call() {
        requireFormat(format, OutputFormat.text, OutputFormat.json, OutputFormat.csv);
        ReportOrder order = ReportOrder.parse(sort);
        if (order == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sort must be name, bytes or ratio, got '" + sort + "'");
        }
        if (by != null && !by.equals("namespace")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by must be namespace, got '" + by + "'");
        }
        boolean byNamespace = by != null;
        MeshInput in = loader().load(input, false);
        InjectionNotice.print(err(), in);
        List<Workload> targets = new ArrayList<>();
        if (workloads.isEmpty()) {
            ProxyWorkloads.of(in).stream().filter(w -> namespaces.includes(w.namespace())).forEach(targets::add);
        } else {
            workloads.forEach(id -> targets.add(WorkloadResolver.resolve(in, id, namespaces)));
        }
        ConfigReporter reporter = reporter(index(in));
        progress().phase("reporting", targets.size(), "workloads");
        List<WorkloadReport> rows = sizeAll(reporter, targets, progress());
        progress().phaseDone();
        if (!evidence.isEmpty()) {
            rows = ReportFloors.add(reporter, rows, EvidenceLoader.load(evidence));
        }
        rows.sort(order.workloads());
        List<NamespaceReport> namespaces = new ArrayList<>(NamespaceReport.of(rows));
        namespaces.sort(order.namespaces());
        EndpointEstimate estimate = reporter.endpointEstimate();
        switch (format) {
            case json -> {
                Map<String, Object> json = json(rows, !evidence.isEmpty());
                json.put("sort", order.cliName());
                if (byNamespace) {
                    json.put("namespaces", namespacesJson(namespaces));
                }
                json.put("sizeModel", sizeModel());
                json.put("estimatedEndpoints", estimated(estimate));
                if (imports) {
                    addImports(json, reporter, targets);
                }
                out().print(Json.write(json));
            }
            case csv -> out().print(byNamespace ? namespacesCsv(namespaces) : csv(rows));
            default -> {
                ReportTable table = new ReportTable(rows, SizeModels.estimateNote(estimate), !evidence.isEmpty());
                out().print(byNamespace ? table.renderNamespaces(namespaces) : table.render());
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    /**
     * Every target's row, on every core: the reporter's caches are concurrent (the server shares them across its
     * xDS workers), and parallel streams keep the targets' order, so the rows are the same as one thread's. Sizes
     * with Sidecars come first, while another thread builds what sizes without them share (the whole mesh's
     * default scope, one thread's work, that the first unscoped size would otherwise make every core wait for).
     */
    static List<WorkloadReport> sizeAll(ConfigReporter reporter, List<Workload> targets, ProgressListener progress) {
        Throwable[] failed = new Throwable[1];
        Thread reference = new Thread(() -> {
            try {
                reporter.prepareUnscoped();
            } catch (Throwable t) { // rethrown on the command's thread below, as if it had thrown there
                failed[0] = t;
            }
        }, "meshscope-report-reference");
        reference.setDaemon(true); // a failure of the scoped sizes ends the command without waiting for it
        reference.start();
        List<ConfigSize> scoped = targets.parallelStream().map(w -> {
            ConfigSize size = reporter.scopedSize(w);
            progress.advance(1);
            return size;
        }).toList();
        try {
            reference.join(); // and what it wrote is visible from here on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sizing", e);
        }
        if (failed[0] instanceof Error e) {
            throw e; // an OutOfMemoryError reaches Main's advice on the heap
        } else if (failed[0] instanceof RuntimeException e) {
            throw e;
        }
        return java.util.stream.IntStream.range(0, targets.size()).parallel()
                .mapToObj(i -> reporter.report(targets.get(i), scoped.get(i)))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /**
     * {@code --imports}: each workload row gains its {@code scope}, and {@code scopes} lists every scope's services
     * once (proxies of one scope import the same services).
     */
    @SuppressWarnings("unchecked")
    private static void addImports(Map<String, Object> json, ConfigReporter reporter, List<Workload> targets) {
        Map<String, String> scopeOf = new java.util.HashMap<>();
        Map<String, Object> scopes = new java.util.TreeMap<>();
        // each workload's scope selected on every core (thousands of label selections on a large mesh), in order
        List<ConfigReporter.Imports> imports = targets.parallelStream().map(reporter::importsOf).toList();
        for (int i = 0; i < targets.size(); i++) {
            Workload w = targets.get(i);
            ConfigReporter.Imports in = imports.get(i);
            scopeOf.put(w.namespace() + "/" + w.name(), in.scope()); // as the rows name it
            scopes.computeIfAbsent(in.scope(), k -> in.services().stream().map(s -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("host", s.host());
                m.put("namespace", s.namespace());
                return (Object) m;
            }).toList());
        }
        for (Object row : (List<Object>) json.get("workloads")) {
            Map<String, Object> m = (Map<String, Object>) row;
            m.put("scope", scopeOf.get(m.get("workload")));
        }
        json.put("scopes", scopes);
    }

    /** The JSON of the workload rows and totals (the contract's shape; the command adds fields to it). */
    static Map<String, Object> json(List<WorkloadReport> rows) {
        return json(rows, false);
    }

    /** With {@code withFloor} (evidence was given): each workload's floor too, null where none is known. */
    static Map<String, Object> json(List<WorkloadReport> rows, boolean withFloor) {
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
            if (withFloor) {
                m.put("floor", r.floor() == null ? null : size(r.floor()));
                m.put("aboveFloorBytes", r.floor() == null ? null : r.aboveFloor());
            }
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

    /** What the bytes count (JSON {@code sizeModel}): the same model generate, whatif and MS0004 give. */
    static Map<String, Object> sizeModel() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", ConfigReporter.UNIT);
        m.put("counts", ConfigReporter.COUNTS);
        return m;
    }

    /** The services whose endpoints are estimated from replicas (JSON {@code estimatedEndpoints}, empty if none). */
    static List<Object> estimated(EndpointEstimate estimate) {
        List<Object> out = new ArrayList<>();
        for (EndpointEstimate.Estimated e : estimate.services()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", e.service());
            m.put("endpoints", e.endpoints());
            m.put("basis", "replicas");
            out.add(m);
        }
        return out;
    }

    private static List<Object> namespacesJson(List<NamespaceReport> namespaces) {
        List<Object> out = new ArrayList<>();
        for (NamespaceReport n : namespaces) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("namespace", n.namespace());
            m.put("workloads", n.workloads());
            m.put("proxies", n.proxies());
            m.put("scoped", size(n.scoped()));
            m.put("unscoped", size(n.unscoped()));
            m.put("ratio", Math.round(1e4 * n.ratio()) / 1e4);
            out.add(m);
        }
        return out;
    }

    /** The CSV columns of a row's scoped and unscoped sizes, ending the header line. */
    private static final String SIZE_COLUMNS =
            "scoped_clusters,scoped_endpoints,scoped_listeners,scoped_routes,scoped_bytes,"
            + "unscoped_clusters,unscoped_endpoints,unscoped_listeners,unscoped_routes,unscoped_bytes\n";

    /** Ends a CSV row with the {@link #SIZE_COLUMNS}. */
    private static void sizesCsv(StringBuilder sb, ConfigSize scoped, ConfigSize unscoped) {
        for (ConfigSize s : List.of(scoped, unscoped)) {
            sb.append(',').append(s.clusters()).append(',').append(s.endpoints()).append(',').append(s.listeners())
                    .append(',').append(s.routes()).append(',').append(s.bytes());
        }
        sb.append('\n');
    }

    private static String namespacesCsv(List<NamespaceReport> namespaces) {
        StringBuilder sb = new StringBuilder("namespace,workloads,proxies," + SIZE_COLUMNS);
        for (NamespaceReport n : namespaces) {
            sb.append(TextSafe.escape(n.namespace())).append(',').append(n.workloads()).append(',').append(n.proxies());
            sizesCsv(sb, n.scoped(), n.unscoped());
        }
        return sb.toString();
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
        StringBuilder sb = new StringBuilder("workload,kind,replicas,proxy_type,sidecar," + SIZE_COLUMNS);
        for (WorkloadReport r : rows) {
            // names are user text: one record per line whatever they hold (issue 13 item 9)
            sb.append(TextSafe.escape(r.workload().namespace() + "/" + r.workload().name())).append(',')
                    .append(r.workload().kind().kindName()).append(',').append(r.replicas()).append(',')
                    .append(r.proxyType().wireName()).append(',')
                    .append(r.sidecar() == null ? "" : TextSafe.escape(r.sidecar()));
            sizesCsv(sb, r.scoped(), r.unscoped());
        }
        return sb.toString();
    }
}
