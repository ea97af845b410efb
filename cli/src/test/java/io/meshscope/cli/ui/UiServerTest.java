package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.CliRun;
import io.meshscope.cli.Main;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web view serves exactly the CLI's JSON (one engine), its page and chart library from the jar with nothing
 * from elsewhere, and nothing but reads.
 */
class UiServerTest {
    private static final String ECOMMERCE = "../examples/ecommerce";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<List<String>> RUN = new ArrayList<>();
    private static UiServer server;

    @BeforeAll
    static void start() throws Exception {
        UiData.Cli real = UiData.inProcess((out, err) -> Main.commandLine(InputStream.nullInputStream(), out, err));
        UiData.Cli counting = args -> {
            synchronized (RUN) {
                RUN.add(args);
            }
            return real.run(args);
        };
        server = new UiServer(new InetSocketAddress("127.0.0.1", 0), new UiData(counting, List.of("-f", ECOMMERCE)));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAnswersAreTheClisJsonByteForByte() throws Exception {
        assertThat(get("/api/report").body()).isEqualTo(CliRun.run("report", "-o", "json", "-f", ECOMMERCE).out());
        assertThat(get("/api/analyze").body()).isEqualTo(CliRun.run("analyze", "-o", "json", "-f", ECOMMERCE).out());
        assertThat(get("/api/describe?workload=catalog/product-service").body())
                .isEqualTo(CliRun.run("describe", "catalog/product-service", "-o", "json", "-f", ECOMMERCE).out());
    }

    @Test
    void eachAnswerIsComputedOnce() throws Exception {
        get("/api/report");
        get("/api/report");
        synchronized (RUN) {
            assertThat(RUN.stream().filter(a -> a.get(0).equals("report")).count()).isEqualTo(1);
        }
    }

    @Test
    void progressIsJsonAPageCanAskForWhileItWaits() throws Exception {
        HttpResponse<String> progress = get("/api/progress");

        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(progress.body().replaceAll("\\s", "")).isEqualTo("{\"phases\":[]}"); // these commands report nowhere
    }

    @Test
    void aBadOrUnknownWorkloadIsAnErrorNotACrash() throws Exception {
        assertThat(get("/api/describe?workload=../../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/api/describe").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = get("/api/describe?workload=catalog/nope");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("nope");
    }

    @Test
    void thePageLoadsNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).startsWith("default-src 'self'"));
        assertThat(page.body()).contains("<script src=\"app.js\"></script>").doesNotContain("http://", "https://");
        assertThat(get("/favicon.svg").statusCode()).isEqualTo(200);
        // the chart library is loaded by the script, from this server, when a page first draws a chart
        assertThat(get("/app.js").body()).contains("'vendor/echarts.min.js'").doesNotContain("http://", "https://");
        HttpResponse<String> echarts = get("/vendor/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length()).isGreaterThan(500_000);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void anEvidenceFileThatCannotBeReadIsAUsageErrorBeforeAnythingIsServed() {
        CliRun r = CliRun.run("ui", "-f", ECOMMERCE, "--port", "0", "--deps", "no/such/deps.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read no/such/deps.yaml");
        assertThat(r.out()).doesNotContain("http://");
    }

    @Test
    void aPortInUseIsAUsageErrorNamingIt() {
        CliRun r = CliRun.run("ui", "-f", ECOMMERCE, "--port", String.valueOf(server.port()));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot serve the view on 127.0.0.1:" + server.port());
    }

    @Test
    void nothingButReadsIsServed() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/report")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
