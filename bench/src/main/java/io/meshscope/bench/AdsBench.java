package io.meshscope.bench;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SyntheticMesh;
import io.meshscope.decode.DecodeCache;
import io.meshscope.decode.ManifestReader;
import io.meshscope.decode.ReadLimits;
import io.meshscope.server.MeshscopeServer;
import io.meshscope.server.ServerConfig;
import io.meshscope.xds.ProxyResources;
import io.meshscope.xds.XdsSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Issue "control plane": {@link MeshscopeServer} in this JVM on 127.0.0.1 (port 0) over a synthetic mesh (default
 * 1,000 services, fan-out 5) with Sidecars per namespace, per workload, or none, and N simulated Envoys
 * ({@link AdsClients}) as raw ADS state-of-the-world streams, by default in a child JVM.
 *
 * <p>Per (N, variant) it measures: initial convergence (until every stream has ACKed CDS, EDS, LDS and RDS); the
 * server's heap per connected proxy (used heap after full GC with N streams minus before, divided by N — the clients
 * live in the other JVM, so nothing of theirs is counted); then endpoint changes of one service — its
 * EndpointSlice's address is rewritten and the whole directory re-read into a new input which is handed to
 * {@code server.store().offer(input)} (the path the file watch takes after its debounce; with {@code --change file}
 * the watched file itself is rewritten instead, and the debounce and re-read count too) — and for each change the
 * time from just before the offer until each affected stream received its EDS response (p50, p99), how many
 * streams were pushed, and whether any other type was pushed. The changed services are the most-called service of
 * the mesh and a typical one (median number of callers).
 */
public final class AdsBench {
    private static final String[] OPTIONS = {"services", "variants", "proxies", "per-channel", "workers", "rounds",
        "warmup-rounds", "change", "clients", "client-xmx", "converge-timeout-s", "collect-timeout-s", "quiet-ms",
        "debounce-ms", "server-log", "targets", "jit-warmup", "open-batch"};
    private final PrintStream out;
    private final int services;
    private final List<SidecarStrategy> variants;
    private final List<Integer> proxies;
    private final int perChannel;
    private final int workers;
    private final int rounds;
    private final int warmupRounds;
    private final boolean fileChange;
    private final boolean childClients;
    private final String clientXmx;
    private final long convergeTimeoutMs;
    private final long collectTimeoutMs;
    private final long quietMs;
    private final long debounceMs;
    private final List<String> targetKinds;
    private final int openBatch;
    private final List<RunResult> results = new ArrayList<>();
    private int reloadsDuringRounds;
    /** Reads the shadow copy of the served mesh for offers; one per run, so its cache follows that copy. */
    private ManifestReader shadowReader;

    private AdsBench(Args a, PrintStream out) {
        this.out = out;
        this.services = a.integer("services", 1000);
        this.variants = a.strings("variants", "namespace,workload,none").stream().map(SynthFiles::parseStrategy)
                .toList();
        this.proxies = a.ints("proxies", "1000,10000");
        this.perChannel = a.integer("per-channel", 500);
        this.workers = a.integer("workers", 4);
        this.rounds = a.integer("rounds", 5);
        this.warmupRounds = a.integer("warmup-rounds", 1);
        String change = a.string("change", "offer");
        if (!change.equals("offer") && !change.equals("file")) {
            throw new IllegalArgumentException("--change offer|file");
        }
        this.fileChange = change.equals("file");
        String clients = a.string("clients", "child");
        if (!clients.equals("child") && !clients.equals("in-process")) {
            throw new IllegalArgumentException("--clients child|in-process");
        }
        this.childClients = clients.equals("child");
        this.clientXmx = a.string("client-xmx", "8g");
        this.convergeTimeoutMs = a.integer("converge-timeout-s", 600) * 1000L;
        this.collectTimeoutMs = a.integer("collect-timeout-s", 60) * 1000L;
        this.quietMs = a.integer("quiet-ms", 1000);
        this.debounceMs = a.integer("debounce-ms", 100);
        this.targetKinds = a.strings("targets", "most-called,typical");
        this.openBatch = a.integer("open-batch", 0);
        Machine.quietServerLogs(a.string("server-log", "WARN"));
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(argv, System.out));
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args a = new Args(argv, OPTIONS);
        AdsBench b = new AdsBench(a, out);
        out.println("# AdsBench");
        out.println();
        out.println("Machine: " + Machine.describe());
        out.printf(Locale.ROOT, "Mesh: meshscope synth --services %d (fan-out 5); server workers %d; %d streams per "
                        + "channel; clients in %s; change via %s; %d warm-up + %d measured rounds per changed service.%n%n",
                b.services, b.workers, b.perChannel, b.childClients ? "a child JVM (-Xmx" + b.clientXmx + ")"
                        : "this JVM", b.fileChange ? "rewriting the watched file (debounce " + b.debounceMs + " ms)"
                        : "server.store().offer(input)", b.warmupRounds, b.rounds);
        if (!a.string("jit-warmup", "true").equals("false")) {
            // Explicit warm-up: the same code paths on a small mesh, untimed and unprinted, so that the JIT state does
            // not depend on which variant happens to run first.
            long t0 = System.nanoTime();
            AdsBench w = new AdsBench(new Args(new String[] {"--services", "300", "--rounds", "2", "--warmup-rounds", "0",
                "--quiet-ms", "200", "--clients", b.childClients ? "child" : "in-process", "--client-xmx", "1g",
                "--workers", Integer.toString(b.workers), "--server-log", a.string("server-log", "WARN")}, OPTIONS),
                    new PrintStream(java.io.OutputStream.nullOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));
            for (SidecarStrategy v : b.variants) {
                w.runOne(v, 300);
            }
            out.printf(Locale.ROOT, "JIT warm-up: every variant once with 300 services and 300 proxies, %d s (not "
                    + "measured)%n%n", (System.nanoTime() - t0) / 1_000_000_000L);
        }
        for (int n : b.proxies) {
            for (SidecarStrategy v : b.variants) {
                b.results.add(b.runOne(v, n));
            }
        }
        b.summary();
        out.println("Load average at end: " + Machine.loadAverage());
        return 0;
    }

    /** A service whose endpoints are changed, and how many workloads call it. */
    private record Target(String kind, String namespace, String name, int callers) {
        String host() {
            return name + "." + namespace + "." + SyntheticMesh.DOMAIN_SUFFIX;
        }
    }

    private record RoundResult(Target target, AdsClients.Round round, double offerMs, double serverCpuMs) {
    }

    private record RunResult(int n, SidecarStrategy variant, AdsClients.Converge converge, double convergeCpuMs,
                             long heapBefore, long heapIdle, long heapConnected, long shared, long clientHeap,
                             long directIdle,
                             long directConnected, long rssIdle, long rssConnected, List<RoundResult> rounds,
                             String error) {
        double heapPerProxy() {
            return (heapConnected - heapIdle) / (double) n;
        }

        double streamStatePerProxy() {
            return (heapConnected - heapIdle - shared) / (double) n;
        }
    }

    private RunResult runOne(SidecarStrategy variant, int n) throws Exception {
        out.printf(Locale.ROOT, "## %,d proxies, Sidecars: %s%n%nload average: %s%n", n, SynthFiles.label(variant),
                Machine.loadAverage());
        // The served directory sits alone in a directory of its own: the server also watches an input directory's
        // parent (to notice the directory being replaced), so any activity in /tmp would trigger full reloads.
        Path root = Files.createTempDirectory("meshscope-ads-bench-");
        Path dir = root.resolve("mesh");
        Path shadow = Files.createTempDirectory("meshscope-ads-bench-shadow-");
        shadowReader = new ManifestReader(ReadLimits.defaults(), new DecodeCache());
        MeshscopeServer server = null;
        ProxyFleet fleet = null;
        try {
            SyntheticMesh mesh = SynthFiles.write(SynthFiles.options(services, variant), dir);
            SynthFiles.write(mesh, shadow);
            List<Target> targets = targets(mesh).stream().filter(t -> targetKinds.contains(t.kind())).toList();
            MeshInput input = SynthFiles.read(dir);
            List<Workload> workloads = SynthFiles.appWorkloads(input);
            List<AdsClients.NodeSpec> nodes = nodes(workloads, n);

            long shared = sharedConfigBytes(input, nodes);
            long heapBefore = Machine.usedHeapAfterGc();
            server = new MeshscopeServer(new ServerConfig(List.of(dir.toString()), Optional.empty(), "127.0.0.1", 0, 0,
                    Duration.ofMillis(debounceMs), Duration.ofSeconds(10), workers));
            server.start();
            long heapIdle = Machine.usedHeapAfterGc();
            long directIdle = nettyDirect();
            long rssIdle = Machine.rssBytes();

            long cpu0 = Machine.processCpuNanos();
            fleet = childClients ? new ProxyFleet.Child(server.xdsPort(), nodes, perChannel, clientXmx,
                    convergeTimeoutMs, openBatch) : new ProxyFleet.InProcess(server.xdsPort(), nodes, perChannel);
            AdsClients.Converge c = fleet.start(convergeTimeoutMs, openBatch);
            double convergeCpu = (Machine.processCpuNanos() - cpu0) / 1e6;
            out.printf(Locale.ROOT, openBatch > 0 ? "streams opened " + openBatch + " at a time, each batch after the "
                    + "previous one converged%n" : "all streams opened at once%n");
            out.printf(Locale.ROOT, "initial convergence: %d of %d streams ACKed CDS+EDS+LDS+RDS in %.0f ms "
                            + "(per stream p50 %.0f ms, p99 %.0f ms); %d failed%s; server CPU %.0f ms%n", c.converged(),
                    c.streams(), c.totalMs(), c.p50Ms(), c.p99Ms(), c.failed(),
                    c.firstError() == null ? "" : " (first: " + c.firstError() + ")", convergeCpu);
            long heapConnected = Machine.usedHeapAfterGc();
            long directConnected = nettyDirect();
            long rssConnected = Machine.rssBytes();
            long clientHeap = fleet.clientHeapAfterGc();
            out.printf(Locale.ROOT, "server heap after GC: before start %.0f MB, idle %.0f MB, with %,d streams %.0f MB "
                            + "→ %.1f kB per proxy%s; of which generated config shared by scope ≈ %.0f MB, so per-stream "
                            + "state ≈ %.1f kB; netty direct %.0f → %.0f MB; RSS %.0f → %.0f MB; client JVM heap %s%n%n",
                    mb(heapBefore), mb(heapIdle), n, mb(heapConnected), (heapConnected - heapIdle) / 1024.0 / n,
                    childClients ? "" : " (clients included: in-process)", mb(shared),
                    (heapConnected - heapIdle - shared) / 1024.0 / n, mb(directIdle), mb(directConnected),
                    mb(rssIdle), mb(rssConnected), clientHeap < 0 ? "-" : String.format(Locale.ROOT, "%.0f MB",
                            mb(clientHeap)));

            List<RoundResult> rr = new ArrayList<>();
            if (c.converged() == c.streams()) {
                int seq = 0;
                Table t = new Table("round", "service (callers)", "expected", "pushed EDS", "missed", "extra",
                        "p50 ms", "p90 ms", "p99 ms", "max ms", "CDS/LDS/RDS pushed", "offer ms", "server CPU ms",
                        "new address seen");
                for (Target target : targets) {
                    for (int r = -warmupRounds; r < rounds; r++) {
                        String address = "10.250." + (seq / 250) + "." + (seq % 250 + 1);
                        seq++;
                        long before = server.snapshot().version();
                        RoundResult res = change(server, fleet, dir, shadow, target, address);
                        long after = server.snapshot().version();
                        if (after != before + 1) {
                            out.printf(Locale.ROOT, "  warning: snapshot went from %d to %d during the round "
                                    + "(expected one swap): the file source reloaded the directory%n", before, after);
                            reloadsDuringRounds++;
                        }
                        if (r >= 0) {
                            rr.add(res);
                        }
                        AdsClients.Round x = res.round();
                        diagnose(server, "missed", x.firstMissed());
                        diagnose(server, "pushed though not subscribed", x.firstExtra());
                        t.row((r < 0 ? "warm-up" : Integer.toString(r + 1)), target.kind() + " " + target.namespace() + "/"
                                        + target.name() + " (" + target.callers() + ")", x.expected(), x.eds(), x.missed(),
                                x.extra(), f1(x.p50Ms()), f1(x.p90Ms()), f1(x.p99Ms()), f1(x.maxMs()),
                                x.cds() + "/" + x.lds() + "/" + x.rds(), f1(res.offerMs()), f1(res.serverCpuMs()),
                                x.verified() ? "yes" : "NO");
                    }
                }
                t.print(out);
            } else {
                out.println("not every stream converged: change rounds skipped");
                out.println();
            }
            return new RunResult(n, variant, c, convergeCpu, heapBefore, heapIdle, heapConnected, shared, clientHeap,
                    directIdle, directConnected, rssIdle, rssConnected, rr, null);
        } catch (Exception | Error e) {
            out.println("run failed: " + e);
            e.printStackTrace();
            out.println();
            return new RunResult(n, variant, null, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, List.of(), e.toString());
        } finally {
            if (fleet != null) {
                fleet.close();
            }
            if (server != null) {
                server.close();
            }
            SynthFiles.deleteTree(root);
            SynthFiles.deleteTree(shadow);
        }
    }

    /**
     * What the server holds for the proxies' scopes rather than for each stream: the resources generated for every
     * distinct (namespace, app) among the nodes (each holding its packed bytes, shared across scopes where equal),
     * measured as the heap they add to an already built index and snapshot. Subtracted from the heap growth
     * with N streams, it leaves the per-stream state.
     */
    static long sharedConfigBytes(MeshInput input, List<AdsClients.NodeSpec> nodes) {
        MeshIndex idx = MeshIndex.build(input);
        XdsSnapshot snap = XdsSnapshot.build(idx);
        long before = Machine.usedHeapAfterGc();
        List<ProxyResources> held = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (AdsClients.NodeSpec node : nodes) {
            if (!seen.add(node.namespace() + "/" + node.app())) {
                continue;
            }
            ProxyResources r = snap.resourcesFor(new Proxy(ProxyType.SIDECAR, node.namespace(),
                    Map.of("app", node.app())), null, false);
            held.add(r); // resources carry their packed bytes, as the server holds them
        }
        long after = Machine.usedHeapAfterGc();
        java.lang.ref.Reference.reachabilityFence(held);
        java.lang.ref.Reference.reachabilityFence(snap);
        return Math.max(0, after - before);
    }

    /** Changes the target's endpoint address and measures the delivery to the streams that use it. */
    private RoundResult change(MeshscopeServer server, ProxyFleet fleet, Path dir, Path shadow, Target target,
                               String address) throws Exception {
        Path file = fileOf(shadow, target);
        String text = rewriteAddress(Files.readString(file), target.name(), address);
        Files.writeString(file, text);
        // Read as the server's file watch reads: with a decode cache, so only the rewritten file is decoded again.
        MeshInput next = fileChange ? null : SynthFiles.read(shadow, shadowReader);
        fleet.mark(target.host(), address);
        long cpu0 = Machine.processCpuNanos();
        long t0 = System.nanoTime();
        double offerMs;
        if (fileChange) {
            Files.writeString(dir.resolve(shadow.relativize(file)), text);
            offerMs = Double.NaN;
        } else {
            server.store().offer(next);
            offerMs = (System.nanoTime() - t0) / 1e6;
        }
        AdsClients.Round round = fleet.collect(t0, collectTimeoutMs, quietMs);
        double cpu = (Machine.processCpuNanos() - cpu0) / 1e6;
        return new RoundResult(target, round, offerMs, cpu);
    }

    /** Prints the server's view of a stream that behaved unexpectedly (its /debug/syncz entry). */
    private void diagnose(MeshscopeServer server, String what, String nodeId) {
        if (nodeId == null) {
            return;
        }
        var stream = server.connections().find(nodeId);
        out.println("  " + what + ": " + nodeId + " → server view: " + (stream == null ? "no such stream"
                : stream.syncStatus()));
    }

    private static Path fileOf(Path dir, Target target) throws IOException {
        String marker = "kubernetes.io/service-name: " + target.name() + "\n";
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                if (Files.readString(p).contains(marker)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("no EndpointSlice for " + target.name() + " in " + dir);
    }

    /** The service's EndpointSlice with its first endpoint address replaced. */
    static String rewriteAddress(String text, String service, String address) {
        int i = text.indexOf("kubernetes.io/service-name: " + service + "\n");
        String open = "- addresses:\n      - \"";
        int a = text.indexOf(open, i);
        if (i < 0 || a < 0) {
            throw new IllegalStateException("no endpoint address for " + service);
        }
        a += open.length();
        int b = text.indexOf('"', a);
        return text.substring(0, a) + address + text.substring(b);
    }

    /** The most-called service and a typical one (the median number of callers among called services). */
    static List<Target> targets(SyntheticMesh mesh) {
        Map<String, Integer> callers = new TreeMap<>();
        mesh.callGraph().forEach((from, to) -> to.forEach(t -> callers.merge(t, 1, Integer::sum)));
        String hot = null;
        for (Map.Entry<String, Integer> e : callers.entrySet()) {
            if (hot == null || e.getValue() > callers.get(hot)) {
                hot = e.getKey();
            }
        }
        List<Integer> counts = new ArrayList<>(callers.values());
        counts.sort(null);
        int median = counts.get(counts.size() / 2);
        String typical = null;
        for (Map.Entry<String, Integer> e : callers.entrySet()) {
            if (e.getValue() == median && !e.getKey().equals(hot)) {
                typical = e.getKey();
                break;
            }
        }
        List<Target> out = new ArrayList<>();
        out.add(target("most-called", hot, callers.get(hot)));
        if (typical != null) {
            out.add(target("typical", typical, median));
        }
        return out;
    }

    private static Target target(String kind, String id, int callers) {
        int slash = id.indexOf('/');
        return new Target(kind, id.substring(0, slash), id.substring(slash + 1), callers);
    }

    /** N proxies spread round-robin over the workloads (pod replicas), each with its own pod name and IP. */
    static List<AdsClients.NodeSpec> nodes(List<Workload> workloads, int n) {
        List<AdsClients.NodeSpec> out = new ArrayList<>(n);
        Map<String, Integer> replica = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Workload w = workloads.get(i % workloads.size());
            String app = w.labels().getOrDefault("app", w.name());
            int k = replica.merge(w.name(), 1, Integer::sum);
            String pod = app + "-bench-" + k;
            String ip = "10." + (200 + i / 62_500) + "." + (i / 250 % 250) + "." + (i % 250 + 1);
            String id = "sidecar~" + ip + "~" + pod + "." + w.namespace() + "~" + w.namespace() + ".svc.cluster.local";
            out.add(new AdsClients.NodeSpec(id, w.namespace(), app));
        }
        return out;
    }

    private void summary() {
        out.println("## Summary");
        out.println();
        Table t = new Table("proxies", "Sidecars", "converged", "initial convergence s", "server CPU s",
                "heap idle MB", "heap per proxy kB (per-stream state)", "changed service (callers)", "pushed / connected",
                "p50 ms (median of rounds)", "p99 ms (median; max)", "other types pushed");
        for (RunResult r : results) {
            if (r.converge() == null) {
                t.row(r.n(), SynthFiles.label(r.variant()), "failed: " + r.error(), "", "", "", "", "", "", "", "", "");
                continue;
            }
            Map<String, List<RoundResult>> byTarget = new java.util.LinkedHashMap<>();
            r.rounds().forEach(x -> byTarget.computeIfAbsent(x.target().kind(), k -> new ArrayList<>()).add(x));
            boolean first = true;
            for (List<RoundResult> rs : byTarget.values()) {
                Target tg = rs.get(0).target();
                Stats p50 = Stats.of(rs.stream().mapToDouble(x -> x.round().p50Ms()).toArray());
                Stats p99 = Stats.of(rs.stream().mapToDouble(x -> x.round().p99Ms()).toArray());
                int pushed = rs.stream().mapToInt(x -> x.round().eds()).max().orElse(0);
                int others = rs.stream().mapToInt(x -> x.round().cds() + x.round().lds() + x.round().rds()).max()
                        .orElse(0);
                t.row(first ? String.format(Locale.ROOT, "%,d", r.n()) : "", first ? SynthFiles.label(r.variant()) : "",
                        first ? r.converge().converged() + "/" + r.converge().streams() : "",
                        first ? String.format(Locale.ROOT, "%.1f", r.converge().totalMs() / 1000) : "",
                        first ? String.format(Locale.ROOT, "%.1f", r.convergeCpuMs() / 1000) : "",
                        first ? String.format(Locale.ROOT, "%.0f", mb(r.heapIdle())) : "",
                        first ? String.format(Locale.ROOT, "%.1f (%.1f)", r.heapPerProxy() / 1024,
                                r.streamStatePerProxy() / 1024) : "",
                        tg.kind() + " " + tg.namespace() + "/" + tg.name() + " (" + tg.callers() + ")",
                        pushed + " / " + r.n(), f1(p50.median()), f1(p99.median()) + "; " + f1(p99.max()), others);
                first = false;
            }
            if (byTarget.isEmpty()) {
                t.row(String.format(Locale.ROOT, "%,d", r.n()), SynthFiles.label(r.variant()),
                        r.converge().converged() + "/" + r.converge().streams(),
                        String.format(Locale.ROOT, "%.1f", r.converge().totalMs() / 1000),
                        String.format(Locale.ROOT, "%.1f", r.convergeCpuMs() / 1000),
                        String.format(Locale.ROOT, "%.0f", mb(r.heapIdle())),
                        String.format(Locale.ROOT, "%.1f", r.heapPerProxy() / 1024), "-", "-", "-", "-", "-");
            }
        }
        t.print(out);

        if (reloadsDuringRounds > 0) {
            out.printf(Locale.ROOT, "WARNING: in %d round(s) the server swapped more than one snapshot (see above)%n%n",
                    reloadsDuringRounds);
        }
        out.println("## Targets");
        out.println();
        Table g = new Table("target", "Sidecars", "measured", "met?");
        for (RunResult r : results) {
            String v = SynthFiles.label(r.variant());
            if (r.converge() == null) {
                g.row(r.n() + " streams", v, "run failed: " + r.error(), "NOT met");
                continue;
            }
            if (r.n() >= 10_000) {
                boolean ok = r.converge().converged() == r.converge().streams();
                g.row(String.format(Locale.ROOT, "%,d streams connected and converged", r.n()), v,
                        String.format(Locale.ROOT, "%d/%d in %.1f s", r.converge().converged(), r.converge().streams(),
                                r.converge().totalMs() / 1000), ok ? "met" : "NOT met");
            }
            double limit = r.n() <= 1000 ? 100 : r.n() <= 10_000 ? 1000 : Double.NaN;
            List<RoundResult> hot = r.rounds().stream().filter(x -> x.target().kind().equals("most-called")).toList();
            if (!Double.isNaN(limit) && !hot.isEmpty()) {
                Stats p99 = Stats.of(hot.stream().mapToDouble(x -> x.round().p99Ms()).toArray());
                boolean missed = hot.stream().anyMatch(x -> x.round().missed() > 0);
                g.row(String.format(Locale.ROOT, "endpoint change p99 < %.0f ms at %,d proxies", limit, r.n()), v,
                        String.format(Locale.ROOT, "p99 %s ms (median of %d rounds; worst %s)%s", f1(p99.median()),
                                hot.size(), f1(p99.max()), missed ? ", some proxies missed it" : ""),
                        !missed && p99.median() < limit ? (p99.max() < limit ? "met" : "met (median; worst round not)")
                                : "NOT met");
            }
            double kb = r.heapPerProxy() / 1024;
            g.row(String.format(Locale.ROOT, "heap < 100 kB per connected proxy (%,d)", r.n()), v,
                    String.format(Locale.ROOT, "%.1f kB (per-stream state %.1f kB)%s", kb,
                            r.streamStatePerProxy() / 1024, childClients ? "" : " (clients included)"),
                    kb < 100 ? "met" : "NOT met");
        }
        g.print(out);
        out.println("For comparison: java-control-plane's stock cache delivers one endpoint update to 1,000 SotW streams "
                + "in 140–280 ms and to 10,000 in 0.75–1.6 s; istiod's published capacity is 1 vCPU and 1.5 GB for "
                + "1,000 services and 2,000 scoped sidecars.");
        out.println();
    }

    private static long nettyDirect() {
        try {
            return io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent.usedDirectMemory();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
