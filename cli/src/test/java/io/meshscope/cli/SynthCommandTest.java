package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.decode.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

class SynthCommandTest {
    private static final String ISTIOD = "istiod.istio-system.svc.cluster.local";

    @TempDir
    Path tmp;

    /** Runs {@code meshscope synth ARGS} in-process, whether or not Main registers the command yet. */
    static CliRun synth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = Main.commandLine(InputStream.nullInputStream(), o, e);
        if (!cl.getSubcommands().containsKey("synth")) {
            cl.addSubcommand(new SynthCommand());
        }
        cl.getSubcommands().get("synth").setOut(o).setErr(e);
        String[] full = new String[args.length + 1];
        full[0] = "synth";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cl.execute(full);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static MeshInput read(Path dir) throws Exception {
        MeshInput in = new ManifestReader().read(List.of(dir.toString()), InputStream.nullInputStream(), Optional.empty());
        List<String> errors = in.problems().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(Diagnostic::render).toList();
        assertThat(errors).isEmpty();
        return in;
    }

    private static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> callGraph(Path depsFile) throws IOException {
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(depsFile));
        Map<String, List<String>> out = new TreeMap<>();
        ((Map<String, Map<String, Object>>) doc.get("services")).forEach((k, v) -> {
            assertThat(v.get("external")).isEqualTo(List.of());
            out.put(k, (List<String>) v.get("calls"));
        });
        return out;
    }

    private static String fqdn(String nsName) {
        String ns = nsName.substring(0, nsName.indexOf('/'));
        return nsName.substring(ns.length() + 1) + "." + ns + ".svc.cluster.local";
    }

    @Test
    void sameArgumentsSameBytes() throws Exception {
        Path a = tmp.resolve("a/mesh");
        Path b = tmp.resolve("b/mesh");
        String[] args = {"--services", "120", "--sidecars", "workload", "--replicas", "2", "--seed", "7"};
        CliRun ra = synth(concat(new String[] {"-o", a.toString()}, args));
        CliRun rb = synth(concat(new String[] {"-o", b.toString()}, args));
        assertThat(ra.exitCode()).as(ra.err()).isZero();
        assertThat(rb.exitCode()).as(rb.err()).isZero();
        Map<String, byte[]> ta = tree(tmp.resolve("a"));
        Map<String, byte[]> tb = tree(tmp.resolve("b"));
        assertThat(ta.keySet()).containsExactly("mesh.dependencies.yaml", "mesh/istio-system.yaml",
                "mesh/namespaces.yaml", "mesh/ns-01.yaml", "mesh/ns-02.yaml", "mesh/ns-03.yaml", "mesh/platform.yaml",
                "mesh/sidecars.yaml");
        assertThat(tb.keySet()).isEqualTo(ta.keySet());
        ta.forEach((k, v) -> assertThat(tb.get(k)).as(k).isEqualTo(v));
        // Running again over its own output is allowed and changes nothing.
        CliRun again = synth(concat(new String[] {"-o", a.toString()}, args));
        assertThat(again.exitCode()).as(again.err()).isZero();
        tree(tmp.resolve("a")).forEach((k, v) -> assertThat(ta.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void summaryAndDefaults() throws Exception {
        Path dir = tmp.resolve("mesh500");
        CliRun r = synth("-o", dir.toString(), "--services", "500", "--sidecars", "namespace");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines()).containsExactly("wrote 23 files to " + dir + ": 500 services (500 endpoints) in 20 "
                + "namespaces + istio-system, 20 Sidecars (namespace), 2500 calls (seed 1); dependencies in "
                + tmp.resolve("mesh500.dependencies.yaml"));
        MeshInput in = read(dir);
        assertThat(in.namespaces()).hasSize(21);
        assertThat(in.services()).hasSize(501);
        assertThat(in.workloads()).hasSize(501).allSatisfy(w -> assertThat(w.replicas()).isEqualTo(1));
        assertThat(in.sidecars()).hasSize(20).allSatisfy(s -> {
            assertThat(s.meta().name()).isEqualTo("default");
            assertThat(s.hasSelector()).isFalse();
        });
        assertThat(in.meshConfig().rootNamespace()).isEqualTo("istio-system");
        Map<String, List<String>> graph = callGraph(tmp.resolve("mesh500.dependencies.yaml"));
        assertThat(graph).hasSize(500).allSatisfy((k, v) -> assertThat(v).hasSize(5));
    }

    @Test
    void countsAndShapesThroughTheRealDecoder() throws Exception {
        Path dir = tmp.resolve("m");
        CliRun r = synth("-o", dir.toString(), "--services", "60", "--namespaces", "4", "--fanout", "3",
                "--replicas", "3", "--endpoints", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        MeshInput in = read(dir);
        assertThat(in.problems().stream().filter(d -> d.severity() == Severity.WARNING).map(Diagnostic::render))
                .isEmpty();
        assertThat(in.namespaces()).extracting(n -> n.meta().name())
                .containsExactlyInAnyOrder("istio-system", "platform", "ns-01", "ns-02", "ns-03");
        List<KubeService> app = in.services().stream().filter(s -> !s.meta().name().equals("istiod")).toList();
        assertThat(app).hasSize(60);
        assertThat(app.stream().collect(Collectors.groupingBy((KubeService s) -> s.meta().namespace(), Collectors.counting())))
                .containsOnly(Map.entry("platform", 15L), Map.entry("ns-01", 15L), Map.entry("ns-02", 15L),
                        Map.entry("ns-03", 15L));
        assertThat(app).allSatisfy(s -> {
            assertThat(s.ports().get(0)).isEqualTo(new KubeService.KubePort("http", 80, "TCP", "8080", null));
            assertThat(s.selector()).isEqualTo(Map.of("app", s.meta().name()));
        });
        assertThat(app.stream().filter(s -> s.ports().size() == 2)).hasSize(20)
                .allSatisfy(s -> assertThat(s.ports().get(1).port()).isEqualTo(9090));
        assertThat(in.workloads().stream().filter(w -> !w.name().equals("istiod")))
                .hasSize(60).allSatisfy(w -> {
                    assertThat(w.replicas()).isEqualTo(3);
                    assertThat(w.labels()).isEqualTo(Map.of("app", w.name()));
                });
        List<EndpointGroup> slices = in.endpoints().stream().filter(e -> !e.serviceName().equals("istiod")).toList();
        assertThat(slices).hasSize(60).allSatisfy(e -> {
            assertThat(e.addresses()).hasSize(4).allSatisfy(a -> {
                assertThat(a.ready()).isTrue();
                assertThat(a.zone()).isIn("zone-a", "zone-b", "zone-c");
            });
            assertThat(e.meta().labels()).containsEntry("kubernetes.io/service-name", e.serviceName());
        });
        Set<String> ips = new TreeSet<>();
        in.endpoints().forEach(e -> e.addresses().forEach(a -> ips.add(a.ip())));
        assertThat(ips).hasSize(60 * 4 + 1);
        assertThat(in.sidecars()).isEmpty();
        assertThat(dir.resolve("sidecars.yaml")).doesNotExist();
        assertThat(callGraph(tmp.resolve("m.dependencies.yaml"))).hasSize(60)
                .allSatisfy((k, v) -> assertThat(v).hasSize(3).doesNotContain(k));
    }

    @Test
    void workloadSidecarsImportExactlyTheirCallsAndIstioSystem() throws Exception {
        Path dir = tmp.resolve("w");
        Path deps = tmp.resolve("elsewhere/graph.yaml");
        CliRun r = synth("-o", dir.toString(), "--services", "80", "--namespaces", "5", "--fanout", "4",
                "--sidecars", "workload", "--deps-out", deps.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("80 Sidecars (workload)").contains("dependencies in " + deps);
        MeshInput in = read(dir);
        assertThat(in.sidecars()).hasSize(80).allSatisfy(s -> assertThat(s.hasSelector()).isTrue());
        Map<String, List<String>> graph = callGraph(deps);
        MeshIndex index = MeshIndex.build(in);
        int checked = 0;
        for (Workload w : in.workloads()) {
            if (w.namespace().equals("istio-system")) {
                continue;
            }
            SidecarScope scope = index.scope(new Proxy(ProxyType.SIDECAR, w.namespace(), w.labels()));
            assertThat(scope.sidecar()).isNotNull();
            assertThat(scope.sidecar().meta().name()).isEqualTo(w.name());
            Set<String> expected = new TreeSet<>();
            graph.get(w.namespace() + "/" + w.name()).forEach(c -> expected.add(fqdn(c)));
            expected.add(ISTIOD);
            Set<String> got = scope.services().stream().map(MeshService::hostname)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(got).as(w.namespace() + "/" + w.name()).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isEqualTo(80);
    }

    @Test
    void namespaceSidecarsImportEveryCalledNamespace() throws Exception {
        Path dir = tmp.resolve("n");
        CliRun r = synth("-o", dir.toString(), "--services", "200", "--namespaces", "10", "--sidecars", "namespace",
                "--seed", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        MeshInput in = read(dir);
        assertThat(in.sidecars()).hasSize(10);
        Map<String, List<String>> graph = callGraph(tmp.resolve("n.dependencies.yaml"));
        MeshIndex index = MeshIndex.build(in);
        for (Workload w : in.workloads()) {
            if (w.namespace().equals("istio-system")) {
                continue;
            }
            SidecarScope scope = index.scope(new Proxy(ProxyType.SIDECAR, w.namespace(), w.labels()));
            assertThat(scope.sidecar().meta().name()).isEqualTo("default");
            Set<String> namespaces = new TreeSet<>();
            for (List<String> calls : graph.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(w.namespace() + "/")).map(Map.Entry::getValue).toList()) {
                calls.forEach(c -> namespaces.add(c.substring(0, c.indexOf('/'))));
            }
            namespaces.add(w.namespace());
            namespaces.add("istio-system");
            Set<String> expected = in.services().stream().filter(s -> namespaces.contains(s.meta().namespace()))
                    .map(s -> s.meta().name() + "." + s.meta().namespace() + ".svc.cluster.local")
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> got = scope.services().stream().map(MeshService::hostname)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(got).as(w.namespace()).isEqualTo(expected);
            graph.get(w.namespace() + "/" + w.name()).forEach(c -> assertThat(got).contains(fqdn(c)));
            // Scoping does something: not the whole mesh.
            assertThat(got.size()).isLessThan(in.services().size());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void generatedMeshValidatesAndAnalyzesClean() {
        for (String strategy : List.of("none", "namespace", "workload")) {
            Path dir = tmp.resolve("a-" + strategy);
            CliRun r = synth("-o", dir.toString(), "--services", "50", "--sidecars", strategy);
            assertThat(r.exitCode()).as(r.err()).isZero();
            CliRun v = CliRun.run("validate", "-f", dir.toString());
            assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
            CliRun a = CliRun.run("analyze", "-f", dir.toString(), "--failure-threshold", "Info", "-o", "json");
            List<Map<String, Object>> messages = (List<Map<String, Object>>) a.json().get("messages");
            if (strategy.equals("none")) {
                // Without any Sidecar, meshscope's MS0004 names each namespace whose proxies get the whole mesh.
                assertThat(messages).isNotEmpty().allSatisfy(m -> assertThat(m.get("code")).isEqualTo("MS0004"));
            } else {
                // Workload Sidecars select Deployments' pod templates: no IST0101 without Pods (istio/istio#40861).
                assertThat(a.exitCode()).as(a.out() + a.err()).isZero();
                assertThat(messages).isEmpty();
            }
        }
    }

    @Test
    void usageErrors() {
        String out = tmp.resolve("u").toString();
        assertUsage(synth("-o", out, "--services", "0"), "--services must be between 1 and");
        assertUsage(synth("-o", out, "--services", "10", "--namespaces", "11"), "--namespaces must be between 1 and --services (10)");
        assertUsage(synth("-o", out, "--services", "10", "--namespaces", "0"), "--namespaces must be between 1");
        assertUsage(synth("-o", out, "--services", "10", "--fanout", "10"), "--fanout must be between 0 and");
        assertUsage(synth("-o", out, "--services", "10", "--fanout", "-1"), "--fanout must be between 0 and");
        assertUsage(synth("-o", out, "--services", "10", "--replicas", "0"), "--replicas must be at least 1");
        assertUsage(synth("-o", out, "--services", "10", "--endpoints", "-2"), "--endpoints must be at least 0");
        assertUsage(synth("-o", out, "--services", "10", "--sidecars", "pod"), "--sidecars must be none, namespace or workload");
        assertUsage(synth("-o", out, "--services", "10000", "--endpoints", "1000"), "--services x --endpoints");
        assertUsage(synth("-o", out, "--services", "ten"), "'ten' is not an int");
        assertUsage(synth("-o", out), "Missing required option: '--services=N'");
        assertUsage(synth("--services", "5"), "Missing required option: '--output-dir=DIR'");
        assertThat(Files.exists(tmp.resolve("u"))).isFalse();
        // A single service calls nothing: the default fanout adapts, an explicit one is refused.
        assertThat(synth("-o", out, "--services", "1").exitCode()).isZero();
        assertUsage(synth("-o", tmp.resolve("u1").toString(), "--services", "1", "--fanout", "1"),
                "a single service has nothing else to call");
    }

    @Test
    void refusesADirectoryWithOtherManifests() throws Exception {
        Path dir = tmp.resolve("busy");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/extra.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
        Files.writeString(dir.resolve("README.md"), "notes\n");
        assertUsage(synth("-o", dir.toString(), "--services", "5"), "holds manifests this run would not replace ("
                + dir.resolve("sub/extra.yaml"));
        Files.delete(dir.resolve("sub/extra.yaml"));
        assertThat(synth("-o", dir.toString(), "--services", "5", "--sidecars", "workload").exitCode()).isZero();
        // A later run without Sidecars would leave the old sidecars.yaml behind: refused.
        assertUsage(synth("-o", dir.toString(), "--services", "5"), "sidecars.yaml");
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertUsage(synth("-o", file.toString(), "--services", "5"), "exists and is not a directory");
    }

    @Test
    void dependencyMapMustStayOutOfTheManifestDirectory() {
        Path dir = tmp.resolve("d");
        assertUsage(synth("-o", dir.toString(), "--services", "5", "--deps-out", dir.resolve("deps.yaml").toString()),
                "is inside");
        CliRun ok = synth("-o", dir.toString(), "--services", "5", "--deps-out", dir.resolve("deps.txt").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(dir.resolve("deps.txt")).exists();
    }

    @Test
    void helpExplainsWithAnExample() {
        CliRun r = synth("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("meshscope synth -o /tmp/mesh500 --services 500 --sidecars namespace")
                .contains("--services=N").contains("--namespaces=K").contains("--fanout=F").contains("--replicas=R")
                .contains("--endpoints=E").contains("--sidecars=STRATEGY").contains("--seed=S")
                .contains("--deps-out=FILE");
    }

    @Test
    void tenThousandServicesInSeconds() throws Exception {
        Path dir = tmp.resolve("big");
        long start = System.nanoTime();
        CliRun r = synth("-o", dir.toString(), "--services", "10000", "--sidecars", "workload");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("10000 services").contains("400 namespaces").contains("10000 Sidecars");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(403);
        }
        assertThat(millis).as("synth of 10,000 services took %d ms", millis).isLessThan(30_000);
    }

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }
}
