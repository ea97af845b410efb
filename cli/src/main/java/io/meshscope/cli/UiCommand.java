package io.meshscope.cli;

import io.meshscope.cli.ui.UiData;
import io.meshscope.cli.ui.UiProgress;
import io.meshscope.cli.ui.UiServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshscope ui}: the mesh's scopes, sizes and findings in the browser. */
@Command(name = "ui", header = "Show the mesh's scopes, config sizes and findings in a browser.",
        mixinStandardHelpOptions = true, description = {
            "Serve a read-only web view of the inputs on 127.0.0.1 and print its URL: the overview (config per",
            "proxy with and without Sidecars, findings by level), every workload with its Sidecar and config size,",
            "a workload's page (which Sidecar applies and why, what each egress listener imports, its config dump",
            "to download), the dependency graph and the analyzer findings. With observed calls (--deps,",
            "--prometheus, --access-log, as 'generate' and 'whatif' take them) the graph also draws the calls",
            "seen, and in red those the input's Sidecars would break ('whatif'). Every figure is the JSON the CLI",
            "prints with -o json (report, describe, analyze, config-dump, whatif --calls), computed when first",
            "shown; a page that waits for them shows how far they are (api/progress). No CDN: the page and its",
            "chart library come from the jar. 'serve' shows the same view, live, at /ui on its admin port.",
            "",
            "Examples:",
            "  meshscope ui -f examples/ecommerce",
            "  meshscope ui -f examples/ecommerce --deps examples/ecommerce-dependencies.yaml",
            "",
            "Exit codes: runs until Ctrl-C (the JVM then exits 130); 2 usage error, an evidence file that cannot be",
            "read, or a port that cannot be bound."})
final class UiCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", converter = NonEmptyPath.class, required = true,
            description = "Manifest files or directories (repeatable).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--mesh-config", paramLabel = "FILE", description = "A MeshConfig document.")
    Path meshConfig;

    @Option(names = "--port", defaultValue = "15300", description = "Port of the view (default: ${DEFAULT-VALUE}; 0 "
            + "picks a free one).")
    int port;

    @Option(names = "--listen-address", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String listenAddress;

    @CommandLine.Mixin
    EvidenceOptions evidence = new EvidenceOptions();

    private final CountDownLatch stopped = new CountDownLatch(1);

    private static Thread warm(String what, Runnable work) {
        Thread t = new Thread(work, "meshscope-ui-warm-" + what);
        t.setDaemon(true);
        return t;
    }

    @Override
    public Integer call() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (String p : paths) {
            inputs.add("-f");
            inputs.add(p);
        }
        if (meshConfig != null) {
            inputs.add("--mesh-config");
            inputs.add(meshConfig.toString());
        }
        // the evidence is read in the background, after the URL is printed: a file that cannot be read is a usage
        // error now, before anything is served, as in generate and whatif
        EvidenceLoader.requireReadable(evidence);
        UiProgress progress = new UiProgress();
        UiData data = new UiData(new ReadOnceCli(paths, meshConfig, progress), inputs, evidence.asArgs(), progress);
        UiServer server;
        try {
            server = new UiServer(new InetSocketAddress(listenAddress, port), data);
        } catch (java.io.IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot serve the view on " + listenAddress + ":" + port + ": "
                    + e.getMessage());
        }
        server.start();
        // computed now rather than on the first visit: a large mesh's report takes seconds; a page asking meanwhile
        // waits for the same computation, not a second one. The overview and the workloads' pages read the report,
        // the graph the report with imports: the report first, then the graph's from the sizes it left in the
        // shared size engine (what is left is mostly its imports' JSON, megabytes on a large mesh, which the
        // overview need not wait for); the findings alongside them, on another thread
        Thread findings = warm("findings", data::analyze);
        Thread report = warm("report", () -> {
            data.report();
            data.graph();
            if (data.hasEvidence()) {
                // reads the evidence now: an unreadable file or Prometheus is said here, not only on the graph's page
                UiData.Answer calls = data.calls();
                if (calls.exitCode() == ExitCodes.USAGE) {
                    spec.commandLine().getErr().print("meshscope ui: the observed calls cannot be read:\n" + calls.err());
                    spec.commandLine().getErr().flush();
                }
            }
        });
        findings.start();
        report.start();
        String host = listenAddress.contains(":") ? "[" + listenAddress + "]" : listenAddress;
        spec.commandLine().getOut().printf("meshscope ui: http://%s:%d/ (Ctrl-C to stop)%n", host, server.port());
        spec.commandLine().getOut().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "meshscope-ui-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
