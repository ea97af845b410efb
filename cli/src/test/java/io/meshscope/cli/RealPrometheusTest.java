package io.meshscope.cli;

import static io.meshscope.cli.DepsCli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The live path against a real Prometheus server (Debian's {@code prometheus} package), when one is installed:
 * the e-commerce call graph becomes six days of Istio counters (OpenMetrics), loaded with {@code promtool tsdb
 * create-blocks-from openmetrics}, served on loopback. Skipped where {@code prometheus}/{@code promtool} are not
 * on the PATH or the server does not come up; the loopback replay test covers the same path everywhere.
 */
class RealPrometheusTest {
    static final String MESH = "../examples/ecommerce";

    @TempDir
    Path tmp;

    @Test
    void generateFromARealPrometheusCoversEveryDeclaredCall() throws Exception {
        assumeTrue(onPath("prometheus") && onPath("promtool"), "prometheus and promtool are not installed");
        Path om = tmp.resolve("data.om");
        Files.writeString(om, openMetrics());
        Path tsdb = tmp.resolve("tsdb");
        Process load = new ProcessBuilder("promtool", "tsdb", "create-blocks-from", "openmetrics", om.toString(),
                tsdb.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("promtool.log").toFile()).start();
        assumeTrue(load.waitFor(60, TimeUnit.SECONDS) && load.exitValue() == 0, "promtool could not load the series");
        Files.writeString(tmp.resolve("prom.yml"), "global:\n  scrape_interval: 1h\n");
        int port = freePort();
        Process prom = new ProcessBuilder("prometheus", "--config.file=" + tmp.resolve("prom.yml"),
                "--storage.tsdb.path=" + tsdb, "--storage.tsdb.retention.time=30d",
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
        try {
            String url = "http://127.0.0.1:" + port;
            assumeTrue(ready(url, Duration.ofSeconds(30)), "prometheus did not become ready");
            Path out = tmp.resolve("out");
            CliRun r = run("generate", "-f", MESH, "--prometheus", url, "--window", "7d", "--strategy", "workload",
                    "-o", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("evidence: 30 calls from 10 workloads; prometheus " + url + " (7d)",
                    "check: none of the 30 observed calls would break");
            CliRun check = run("whatif", "-f", MESH, "--sidecars", out.toString(),
                    "--deps", "../examples/ecommerce-dependencies.yaml");
            assertThat(check.exitCode()).as(check.out()).isZero();
        } finally {
            prom.destroy();
            if (!prom.waitFor(10, TimeUnit.SECONDS)) {
                prom.destroyForcibly();
            }
        }
    }

    /** Hourly counters over the last six days for every call of the example's dependency map. */
    @SuppressWarnings("unchecked")
    static String openMetrics() throws IOException {
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("../examples/ecommerce-dependencies.yaml")));
        Map<String, Map<String, List<String>>> services = (Map<String, Map<String, List<String>>>) doc.get("services");
        Map<String, String> seNamespace = Map.of("api.stripe.com", "orders", "api.paypal.com", "orders",
                "api.sendgrid.com", "shared", "smtp.sendgrid.net", "shared");
        List<String[]> http = new ArrayList<>();
        List<String[]> tcp = new ArrayList<>();
        services.forEach((src, v) -> {
            String[] s = src.split("/");
            for (String c : v.getOrDefault("calls", List.of())) {
                String[] d = c.split("/");
                http.add(new String[] {s[0], s[1], d[1] + "." + d[0] + ".svc.cluster.local", d[0]});
            }
            for (String h : v.getOrDefault("external", List.of())) {
                (h.startsWith("smtp.") ? tcp : http).add(new String[] {s[0], s[1], h, seNamespace.get(h)});
            }
        });
        long now = Instant.now().getEpochSecond() / 3600 * 3600;
        StringBuilder sb = new StringBuilder();
        series(sb, "istio_requests", http, now);
        series(sb, "istio_tcp_connections_opened", tcp, now);
        return sb.append("# EOF\n").toString();
    }

    private static void series(StringBuilder sb, String family, List<String[]> calls, long now) {
        sb.append("# TYPE ").append(family).append(" counter\n");
        for (String[] c : calls) {
            String labels = "reporter=\"source\",source_workload=\"" + c[1] + "\",source_workload_namespace=\"" + c[0]
                    + "\",destination_service=\"" + c[2] + "\",destination_service_namespace=\"" + c[3] + "\"";
            long v = 0;
            for (long t = now - 6 * 86400; t <= now - 3600; t += 3600) {
                sb.append(family).append("_total{").append(labels).append("} ").append(v).append(' ').append(t)
                        .append('\n');
                v += 5;
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean ready(String url, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url + "/-/ready").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        return false;
    }
}
