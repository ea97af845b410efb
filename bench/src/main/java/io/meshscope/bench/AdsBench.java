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
import io.meshscope.xds.ProxyResources;
import io.meshscope.xds.XdsSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue "control plane": meshscope's server ({@link MeshscopeTarget}) and, side by side in the same run, the
 * java-control-plane baseline ({@link JcpBaseline}), each in this JVM on 127.0.0.1 (port 0) over a synthetic mesh (default
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
 * the mesh and a typical one (median number of callers); a full push rewrites every EndpointSlice at once. The
 * server JVM's CPU and the bytes the proxies received are counted per change. {@link AdsReport} prints the
 * summary, both control planes side by side with their ratios, and the targets — every figure measured by the run.
 * The JVM runs with the options {@code ./meshscope serve} uses ({@link ServerJvm}).
 */
public final class AdsBench {
    private static final String[] OPTIONS = {"services", "variants", "proxies", "per-channel", "workers", "rounds",
        "warmup-rounds", "change", "clients", "client-xmx", "converge-timeout-s", "collect-timeout-s", "quiet-ms",
        "debounce-ms", "server-log", "targets", "jit-warmup", "open-batch", "baseline", "full-push-rounds",
        "server-jvm-options", ServerJvm.RELAUNCHED};
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
    private final boolean baseline;
    private final int fullPushRounds;
    private final List<RunResult> results = new ArrayList<>();
    private int reloadsDuringRounds;
    /** Reads the shadow copy of the served mesh for offers; one per run, so its cache follows that copy. */
    private ManifestReader shadowReader;

    /** A control plane under test: meshscope's server, or the java-control-plane baseline. */
    interface Target extends AutoCloseable {
        String name();

        int port();

        /** Increases by one per snapshot served. */
        long version();

        /** Serves new input (for meshscope: the path its file watch takes after the debounce and re-read). */
        void offer(MeshInput next) throws Exception;

        /** The server's view of a stream, for rounds that went wrong. */
        String diagnose(String nodeId);

        @Override
        void close();
    }

    /** Which control plane a run measures. */
    enum Impl { MESHSCOPE, BASELINE }

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
        this.baseline = !a.string("baseline", "true").equals("false") && !fileChange;
        this.fullPushRounds = a.integer("full-push-rounds", 3);
        Machine.quietServerLogs(a.string("server-log", "WARN"));
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(argv, System.out));
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args a = new Args(argv, OPTIONS);
        ServerJvm jvm = ServerJvm.locate(a.string("server-jvm-options", ""));
        if (jvm.mustRelaunch(a.string(ServerJvm.RELAUNCHED, "false").equals("true"))) {
            return jvm.relaunch(argv, Bench.class.getName(), "ads");
        }
        AdsBench b = new AdsBench(a, out);
        out.println("# AdsBench");
        out.println();
        out.println("Machine: " + Machine.describe());
        out.println("Server JVM: " + jvm.describe());
        out.printf(Locale.ROOT, "Mesh: meshscope synth --services %d (fan-out 5); server workers %d; %d streams per "
                        + "channel; clients in %s; change via %s; %d warm-up + %d measured rounds per changed service.%n%n",
                b.services, b.workers, b.perChannel, b.childClients ? "a child JVM (-Xmx" + b.clientXmx + ")"
                        : "this JVM", b.fileChange ? "rewriting the watched file (debounce " + b.debounceMs + " ms)"
                        : "server.store().offer(input)", b.warmupRounds, b.rounds);
        out.printf(Locale.ROOT, "Baseline: %s; full push: every EndpointSlice's addresses rewritten at once, %d "
                + "warm-up + %d measured round(s).%n%n", b.baseline ? "java-control-plane " + JcpBaseline.libraryVersion()
                + " (V3DiscoveryServer, SimpleCache, a snapshot per (namespace, app) group set on every change), same "
                + "mesh, resources and simulated proxies, after meshscope in the same run" : "not run", b.warmupRounds,
                b.fullPushRounds);
        if (!a.string("jit-warmup", "true").equals("false")) {
            // Explicit warm-up: the same code paths on a small mesh, untimed and unprinted, so that the JIT state does
            // not depend on which variant happens to run first.
            long t0 = System.nanoTime();
            AdsBench w = new AdsBench(new Args(new String[] {"--services", "300", "--rounds", "2", "--warmup-rounds", "0",
                "--quiet-ms", "200", "--clients", b.childClients ? "child" : "in-process", "--client-xmx", "1g",
                "--workers", Integer.toString(b.workers), "--server-log", a.string("server-log", "WARN")}, OPTIONS),
                    new PrintStream(java.io.OutputStream.nullOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));
            for (SidecarStrategy v : b.variants) {
                for (Impl impl : b.impls()) {
                    w.runOne(v, 300, impl);
                }
            }
            out.printf(Locale.ROOT, "JIT warm-up: every variant once with 300 services and 300 proxies, %d s (not "
                    + "measured)%n%n", (System.nanoTime() - t0) / 1_000_000_000L);
        }
        for (int n : b.proxies) {
            for (SidecarStrategy v : b.variants) {
                for (Impl impl : b.impls()) {
                    b.results.add(b.runOne(v, n, impl));
                }
            }
        }
        new AdsReport(out, b.results, b.childClients).print();
        if (b.reloadsDuringRounds > 0) {
            out.printf(Locale.ROOT, "WARNING: in %d round(s) the server swapped more than one snapshot (see above)%n%n",
                    b.reloadsDuringRounds);
        }
        out.println("Load average at end: " + Machine.loadAverage());
        return 0;
    }

    private List<Impl> impls() {
        return baseline ? List.of(Impl.MESHSCOPE, Impl.BASELINE) : List.of(Impl.MESHSCOPE);
    }

    /** A service whose endpoints are changed, and how many workloads call it. */
    record Changed(String kind, String namespace, String name, int callers) {
        String host() {
            return name + "." + namespace + "." + SyntheticMesh.DOMAIN_SUFFIX;
        }
    }

    /** One change's delivery, the offer's duration, and the server's and clients' CPU from the offer to the last push. */
    record RoundResult(Changed target, AdsClients.Round round, double offerMs, double serverCpuMs,
                       double clientCpuMs) {
    }

    /** One (proxies, Sidecars, control plane) run: convergence, heap, and the change rounds. */
    record RunResult(int n, SidecarStrategy variant, Impl impl, AdsClients.Converge converge, double convergeCpuMs,
                     long heapBefore, long heapIdle, long heapConnected, long shared, long clientHeap,
                     long directIdle, long directConnected, long rssIdle, long rssConnected, List<RoundResult> rounds,
                     List<RoundResult> fullPushes, String error) {
        double heapPerProxy() {
            return (heapConnected - heapIdle) / (double) n;
        }

        double streamStatePerProxy() {
            return (heapConnected - heapIdle - shared) / (double) n;
        }
    }

    private RunResult runOne(SidecarStrategy variant, int n, Impl impl) throws Exception {
        out.printf(Locale.ROOT, "## %,d proxies, Sidecars: %s, %s%n%nload average: %s%n", n, SynthFiles.label(variant),
                impl == Impl.MESHSCOPE ? "meshscope" : "java-control-plane (baseline)", Machine.loadAverage());
        // The served directory sits alone in a directory of its own: the server also watches an input directory's
        // parent (to notice the directory being replaced), so any activity in /tmp would trigger full reloads.
        Path root = Files.createTempDirectory("meshscope-ads-bench-");
        Path dir = root.resolve("mesh");
        Path shadow = Files.createTempDirectory("meshscope-ads-bench-shadow-");
        shadowReader = new ManifestReader(ReadLimits.defaults(), new DecodeCache());
        Target server = null;
        ProxyFleet fleet = null;
        try {
            SyntheticMesh mesh = SynthFiles.write(SynthFiles.options(services, variant), dir);
            SynthFiles.write(mesh, shadow);
            List<Changed> targets = targets(mesh).stream().filter(t -> targetKinds.contains(t.kind())).toList();
            MeshInput input = SynthFiles.read(dir);
            List<Workload> workloads = SynthFiles.appWorkloads(input);
            List<AdsClients.NodeSpec> nodes = nodes(workloads, n);

            long shared = sharedConfigBytes(input, nodes);
            long heapBefore = Machine.usedHeapAfterGc();
            server = impl == Impl.MESHSCOPE ? new MeshscopeTarget(dir, debounceMs, workers)
                    : new JcpBaseline(input, workloads, nodes);
            input = null; // the baseline keeps what it needs; the heap measurements must not count this copy
            long heapIdle = Machine.usedHeapAfterGc();
            long directIdle = nettyDirect();
            long rssIdle = Machine.rssBytes();

            long cpu0 = Machine.processCpuNanos();
            fleet = childClients ? new ProxyFleet.Child(server.port(), nodes, perChannel, clientXmx,
                    convergeTimeoutMs, openBatch) : new ProxyFleet.InProcess(server.port(), nodes, perChannel);
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
            List<RoundResult> full = new ArrayList<>();
            if (c.converged() == c.streams()) {
                int seq = 0;
                Table t = new Table("round", "service (callers)", "expected", "pushed EDS", "missed", "extra",
                        "p50 ms", "p90 ms", "p99 ms", "max ms", "CDS/LDS/RDS pushed", "offer ms", "server CPU ms",
                        "clients' CPU ms", "kB sent", "new address seen");
                List<Changed> all = new ArrayList<>(targets);
                for (int f = 0; f < warmupRounds + fullPushRounds; f++) {
                    all.add(FULL_PUSH);
                }
                int fullPushes = 0;
                for (Changed target : all) {
                    boolean fullPush = target == FULL_PUSH;
                    // Full pushes warm up as endpoint changes do: the first push to every proxy at scale runs code
                    // the small JIT warm-up never reached (10,000 proxies: 2,055, then 1,115, then 903 ms), and the
                    // baseline, measured second in the same JVM, would otherwise inherit that warmth unmeasured.
                    int first = fullPush ? (fullPushes++ < warmupRounds ? -1 : 0) : -warmupRounds;
                    for (int r = first; r < (fullPush ? first + 1 : rounds); r++) {
                        String address = fullPush ? "10." + (240 + seq % 10) + "." : "10.250." + (seq / 250) + "."
                                + (seq % 250 + 1);
                        seq++;
                        long before = server.version();
                        RoundResult res = change(server, fleet, dir, shadow, target, address);
                        long after = server.version();
                        if (after != before + 1) {
                            out.printf(Locale.ROOT, "  warning: snapshot went from %d to %d during the round "
                                    + "(expected one swap): the file source reloaded the directory%n", before, after);
                            reloadsDuringRounds++;
                        }
                        if (r >= 0) {
                            (fullPush ? full : rr).add(res);
                        }
                        AdsClients.Round x = res.round();
                        diagnose(server, "missed", x.firstMissed());
                        diagnose(server, "pushed though not subscribed", x.firstExtra());
                        t.row((r < 0 ? "warm-up" : Integer.toString(r + 1)), fullPush ? "full push (every service)"
                                        : target.kind() + " " + target.namespace() + "/" + target.name() + " ("
                                        + target.callers() + ")", x.expected(), x.eds(), x.missed(),
                                x.extra(), f1(x.p50Ms()), f1(x.p90Ms()), f1(x.p99Ms()), f1(x.maxMs()),
                                x.cds() + "/" + x.lds() + "/" + x.rds(), f1(res.offerMs()), f1(res.serverCpuMs()),
                                f1(res.clientCpuMs()), f1(x.bytes() / 1024.0), x.verified() ? "yes" : "NO");
                    }
                }
                t.print(out);
            } else {
                out.println("not every stream converged: change rounds skipped");
                out.println();
            }
            return new RunResult(n, variant, impl, c, convergeCpu, heapBefore, heapIdle, heapConnected, shared,
                    clientHeap, directIdle, directConnected, rssIdle, rssConnected, rr, full, null);
        } catch (Exception | Error e) {
            out.println("run failed: " + e);
            e.printStackTrace();
            out.println();
            return new RunResult(n, variant, impl, null, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, List.of(), List.of(),
                    e.toString());
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

    /** The pseudo-target of a full push: every service's endpoints change at once. */
    static final Changed FULL_PUSH = new Changed("full-push", "*", "*", -1);

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

    /**
     * Changes the target's endpoint address (or, for {@link #FULL_PUSH}, every endpoint address of the mesh) and
     * measures the delivery to the streams that use it.
     */
    private RoundResult change(Target server, ProxyFleet fleet, Path dir, Path shadow, Changed target,
                               String address) throws Exception {
        boolean fullPush = target == FULL_PUSH;
        List<Path> files = fullPush ? EndpointEdits.files(shadow) : List.of(EndpointEdits.fileOf(shadow, target));
        List<String> texts = new ArrayList<>();
        int[] counter = {0};
        for (Path file : files) {
            String text = fullPush ? EndpointEdits.rewriteAll(Files.readString(file), address, counter)
                    : EndpointEdits.rewriteAddress(Files.readString(file), target.name(), address);
            Files.writeString(file, text);
            texts.add(text);
        }
        // Read as the server's file watch reads: with a decode cache, so only the rewritten files are decoded again.
        MeshInput next = fileChange ? null : SynthFiles.read(shadow, shadowReader);
        fleet.mark(fullPush ? "*" : target.host(), address);
        long cpu0 = Machine.processCpuNanos();
        long clientCpu0 = fleet.clientCpuNanos();
        long t0 = System.nanoTime();
        double offerMs;
        if (fileChange) {
            for (int i = 0; i < files.size(); i++) {
                Files.writeString(dir.resolve(shadow.relativize(files.get(i))), texts.get(i));
            }
            offerMs = Double.NaN;
        } else {
            server.offer(next);
            offerMs = (System.nanoTime() - t0) / 1e6;
        }
        // CPU is read when the last expected push has arrived: the change's work, not the quiet second after it
        // (in which collections and compilations of earlier rounds' making would be charged to this one).
        long[] atDelivery = new long[2];
        AdsClients.Round round = fleet.collect(t0, collectTimeoutMs, quietMs, () -> {
            atDelivery[0] = Machine.processCpuNanos();
            atDelivery[1] = fleet.clientCpuNanos();
        });
        double cpu = (atDelivery[0] - cpu0) / 1e6;
        long clientCpu1 = atDelivery[1];
        double clientCpu = clientCpu0 < 0 || clientCpu1 < 0 ? Double.NaN : (clientCpu1 - clientCpu0) / 1e6;
        return new RoundResult(target, round, offerMs, cpu, clientCpu);
    }

    /** Prints the server's view of a stream that behaved unexpectedly (its /debug/syncz entry). */
    private void diagnose(Target server, String what, String nodeId) {
        if (nodeId == null) {
            return;
        }
        out.println("  " + what + ": " + nodeId + " → server view: " + server.diagnose(nodeId));
    }

    /** The most-called service and a typical one (the median number of callers among called services). */
    static List<Changed> targets(SyntheticMesh mesh) {
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
        List<Changed> out = new ArrayList<>();
        out.add(target("most-called", hot, callers.get(hot)));
        if (typical != null) {
            out.add(target("typical", typical, median));
        }
        return out;
    }

    private static Changed target(String kind, String id, int callers) {
        int slash = id.indexOf('/');
        return new Changed(kind, id.substring(0, slash), id.substring(slash + 1), callers);
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

    private static long nettyDirect() {
        try {
            return io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent.usedDirectMemory();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
