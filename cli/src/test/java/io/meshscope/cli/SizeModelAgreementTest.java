package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.deps.Evidence;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.core.whatif.SizeModel;
import io.meshscope.core.whatif.WhatIf;
import io.meshscope.core.whatif.WhatIfReport;
import io.meshscope.core.whatif.WorkloadSize;
import io.meshscope.decode.DependencyMapReader;
import io.meshscope.decode.ManifestReader;
import io.meshscope.xds.report.ConfigReporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One size model everywhere: for the same workload under the same scope, {@code report}, {@code whatif},
 * {@code generate} and MS0004 give the same bytes — every resource the proxy receives, inbound included, and
 * estimated endpoints where the input has none.
 */
class SizeModelAgreementTest {
    static final String MESH = "../examples/ecommerce";
    static final String DEPS = "../examples/ecommerce-dependencies.yaml";
    private static final Pattern NS_LINE = Pattern.compile("^  (\\S+)\\s+.*Sidecar\\(s\\)\\s+(\\d+) bytes \\(without Sidecars: (\\d+)\\)$");
    private static final Pattern MS0004_SIZE = Pattern.compile("service ports, (\\d+)(?: to (\\d+))? bytes per proxy \\(");

    /** One report row: scoped and unscoped bytes per proxy, replicas, namespace. */
    record Row(long scoped, long unscoped, int replicas, String namespace, boolean sidecarApplies) {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Row> report(String... files) {
        String[] args = Stream.concat(Stream.of("report", "-o", "json"),
                Stream.of(files).flatMap(f -> Stream.of("-f", f))).toArray(String[]::new);
        CliRun r = CliRun.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, Row> out = new HashMap<>();
        for (Map<String, Object> w : (List<Map<String, Object>>) r.json().get("workloads")) {
            String id = (String) w.get("workload");
            out.put(id, new Row(bytes(w.get("scoped")), bytes(w.get("unscoped")), ((Number) w.get("replicas")).intValue(),
                    id.substring(0, id.indexOf('/')), w.get("sidecar") != null));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static long bytes(Object size) {
        return ((Number) ((Map<String, Object>) size).get("bytes")).longValue();
    }

    private static MeshInput read(String... paths) throws Exception {
        return new ManifestReader().read(List.of(paths), InputStream.nullInputStream(), Optional.empty());
    }

    @Test
    void whatifSizesEveryWorkloadExactlyAsReportDoesWithAndWithoutSidecars() throws Exception {
        Map<String, Row> report = report(MESH);
        MeshInput in = read(MESH);
        Evidence ev = new DependencyMapReader().readFile(Path.of(DEPS), DEPS);
        WhatIfReport whatif = new WhatIf(new ConfigReporter(MeshIndex.build(in)).sizeModel()).evaluate(in, ev);

        assertThat(whatif.sizes()).hasSizeGreaterThan(5);
        for (WorkloadSize s : whatif.sizes()) {
            Row row = report.get(s.caller().id());
            assertThat(row).as(s.caller().id()).isNotNull();
            assertThat(s.scoped()).as("scoped bytes of " + s.caller().id()).isEqualTo(row.scoped());
            assertThat(s.unscoped()).as("unscoped bytes of " + s.caller().id()).isEqualTo(row.unscoped());
        }
        long scoped = whatif.sizes().stream().mapToLong(s -> report.get(s.caller().id()).scoped() * s.caller().replicas()).sum();
        CliRun cli = CliRun.run("whatif", "-f", MESH, "--deps", DEPS, "-o", "json");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) cli.json().get("config");
        assertThat(((Number) config.get("scoped")).longValue()).isEqualTo(scoped);
        assertThat(config.get("unit")).isEqualTo("bytes");
        assertThat((String) config.get("counts")).contains("inbound included");
    }

    @Test
    void generateSizesEachNamespaceAsReportDoesUnderTheGeneratedSidecars(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("generated");
        CliRun gen = CliRun.run("generate", "-f", MESH, "--deps", DEPS, "-o", out.toString());
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        // The input without its own Sidecars, plus the generated ones: what applying them gives.
        Path mesh = tmp.resolve("mesh");
        Files.createDirectories(mesh);
        try (Stream<Path> files = Files.list(Path.of(MESH))) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("sidecars.yaml")).toList()) {
                Files.copy(f, mesh.resolve(f.getFileName()));
            }
        }
        Map<String, Row> after = report(mesh.toString(), out.toString());
        int lines = 0;
        for (String line : gen.out().lines().toList()) {
            Matcher m = NS_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            lines++;
            String ns = m.group(1);
            long scoped = after.values().stream().filter(r -> r.namespace().equals(ns))
                    .mapToLong(r -> r.scoped() * r.replicas()).sum();
            long unscoped = after.values().stream().filter(r -> r.namespace().equals(ns))
                    .mapToLong(r -> r.unscoped() * r.replicas()).sum();
            assertThat(Long.parseLong(m.group(2))).as("generate's bytes for " + ns).isEqualTo(scoped);
            assertThat(Long.parseLong(m.group(3))).as("generate's unscoped bytes for " + ns).isEqualTo(unscoped);
        }
        assertThat(lines).as(gen.out()).isEqualTo(5);
        assertThat(gen.out()).contains("inbound included");
    }

    @Test
    void theLazySizeModelBuildsItsEngineOnFirstSizeOnceAndSizesAsTheEngineDoes() throws Exception {
        MeshInput in = read(MESH);
        MeshIndex index = MeshIndex.build(in);
        ConfigReporter engine = new ConfigReporter(index);
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        SizeModel lazy = ConfigReporter.sizeModelOf(() -> {
            built.incrementAndGet();
            return engine;
        });
        assertThat(built).as("nothing sized yet").hasValue(0);
        assertThat(lazy.unit()).isEqualTo(ConfigReporter.UNIT);

        SizeModel eager = engine.sizeModel();
        List<Workload> workloads = ProxyWorkloads.of(in);
        assertThat(workloads).hasSizeGreaterThan(5);
        for (Workload w : workloads) {
            Proxy proxy = Describer.proxyOf(w, GatewayRecognizer.typeOf(w));
            SidecarScope scope = index.scope(proxy);
            assertThat(lazy.of(scope, proxy, w)).as(w.name()).isEqualTo(eager.of(scope, proxy, w));
            assertThat(lazy.ofDefaultScope(() -> index.scopeFor(null, w.namespace()), proxy, w)).as(w.name())
                    .isEqualTo(eager.ofDefaultScope(() -> index.scopeFor(null, w.namespace()), proxy, w));
        }
        assertThat(built).as("one engine for every size").hasValue(1);
    }

    @SuppressWarnings("unchecked")
    @Test
    void ms0004GivesThePerProxyBytesReportGivesTheNamespacesWorkloads() {
        String seed = "../examples/seed-as-written";
        Map<String, Row> report = report(seed);
        CliRun analyze = CliRun.run("analyze", "-f", seed, "-o", "json");
        List<Map<String, Object>> ms0004 = ((List<Map<String, Object>>) analyze.json().get("messages")).stream()
                .filter(m -> "MS0004".equals(m.get("code"))).toList();
        assertThat(ms0004).hasSize(3);
        for (Map<String, Object> m : ms0004) {
            String ns = (String) ((Map<String, Object>) m.get("resource")).get("name");
            Matcher size = MS0004_SIZE.matcher((String) m.get("message"));
            assertThat(size.find()).as((String) m.get("message")).isTrue();
            long min = Long.parseLong(size.group(1));
            long max = size.group(2) == null ? min : Long.parseLong(size.group(2));
            List<Long> rows = report.values().stream().filter(r -> r.namespace().equals(ns) && !r.sidecarApplies())
                    .map(Row::unscoped).toList();
            assertThat(rows).as(ns).isNotEmpty();
            assertThat(min).as("MS0004's smallest proxy in " + ns).isEqualTo(rows.stream().mapToLong(Long::longValue).min().orElseThrow());
            assertThat(max).as("MS0004's largest proxy in " + ns).isEqualTo(rows.stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }

    @Test
    void estimatedEndpointsFeedWhatifsBytesAsTheyFeedReports(@TempDir Path tmp) throws Exception {
        String git = "../examples/unnamed-ports";
        Path deps = tmp.resolve("deps.yaml");
        Files.writeString(deps, "services:\n  shop/front-end:\n    calls: [shop/catalogue]\n");
        Map<String, Row> report = report(git);
        MeshInput in = read(git);
        WhatIfReport whatif = new WhatIf(new ConfigReporter(MeshIndex.build(in)).sizeModel())
                .evaluate(in, new DependencyMapReader().readFile(deps, deps.toString()));
        assertThat(whatif.sizes()).isNotEmpty();
        for (WorkloadSize s : whatif.sizes()) {
            assertThat(s.scoped()).as(s.caller().id()).isEqualTo(report.get(s.caller().id()).scoped());
            assertThat(s.unscoped()).as(s.caller().id()).isEqualTo(report.get(s.caller().id()).unscoped());
        }
    }
}
