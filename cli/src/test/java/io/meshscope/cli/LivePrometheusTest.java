package io.meshscope.cli;

import static io.meshscope.cli.DepsCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --prometheus URL} against a loopback HTTP server that replays responses recorded from Prometheus 2.42. */
class LivePrometheusTest {
    static final Path RECORDED = Path.of("src/test/resources/prometheus");
    static final String MESH = "../examples/ecommerce";

    @TempDir
    Path tmp;

    HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();

    /** Serves {@code /api/v1/query}: the recorded answer for the metric the query names, with {@code status}. */
    String serve(int status, String errorBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/prom/api/v1/query", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            String query = URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6), StandardCharsets.UTF_8);
            queries.add(query);
            String metric = query.contains("istio_tcp_connections_opened_total")
                    ? "istio_tcp_connections_opened_total" : "istio_requests_total";
            byte[] body = errorBody != null ? errorBody.getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(RECORDED.resolve("ecommerce-" + metric + ".json"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/prom";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void generateQueriesBothIstioMetricsOverTheWindowAndPassesWhatif() throws IOException {
        String url = serve(200, null);
        Path out = tmp.resolve("out");
        CliRun r = run("generate", "-f", MESH, "--prometheus", url, "--window", "7d", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(queries).containsExactly(
                "sum by (source_workload, source_workload_namespace, destination_service, destination_service_namespace)"
                        + " (increase(istio_requests_total{reporter=\"source\"}[7d]))",
                "sum by (source_workload, source_workload_namespace, destination_service, destination_service_namespace)"
                        + " (increase(istio_tcp_connections_opened_total{reporter=\"source\"}[7d]))");
        assertThat(r.out()).contains("evidence: 30 calls from 10 workloads; prometheus " + url + " (7d)",
                "check: none of the 30 observed calls would break");
        assertThat(Files.readString(out.resolve("shared.yaml")))
                .contains("- \"shared/smtp.sendgrid.net\"  # notification-service; 288 calls; prometheus " + url + " (7d)");
        CliRun check = run("whatif", "-f", MESH, "--sidecars", out.toString(), "--prometheus", url, "--window", "30d");
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(queries.get(queries.size() - 1)).contains("[30d]");
    }

    @Test
    void unreachablePrometheusIsAClearUsageError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun r = run("whatif", "-f", MESH, "--prometheus", "http://127.0.0.1:" + port);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot query Prometheus at http://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void prometheusErrorAnswerIsShownWithItsMessage() throws IOException {
        String url = serve(400, Files.readString(RECORDED.resolve("error-bad-data.json")));
        CliRun r = run("whatif", "-f", MESH, "--prometheus", url);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Prometheus answered with an error: bad_data: invalid parameter");
    }

    @Test
    void nonJsonHttpErrorNamesTheStatus() throws IOException {
        String url = serve(503, "upstream connect error");
        CliRun r = run("whatif", "-f", MESH, "--prometheus", url);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("answered HTTP 503", "upstream connect error");
    }

    @Test
    void slowPrometheusTimesOut() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        CliRun r = run("whatif", "-f", MESH, "--prometheus", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--prometheus-timeout", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no answer within 1 s");
    }

    @Test
    void badWindowIsRejectedBeforeAnyQuery() throws IOException {
        String url = serve(200, null);
        CliRun r = run("whatif", "-f", MESH, "--prometheus", url, "--window", "a week");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a Prometheus duration");
        assertThat(queries).isEmpty();
    }
}
