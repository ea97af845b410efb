package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.CliRun;
import io.meshscope.server.MeshscopeServer;
import io.meshscope.server.ServerConfig;
import io.meshscope.server.security.XdsSecurity;
import io.meshscope.server.xds.XdsLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's /ui: the CLI's own JSON for the snapshot served (one engine), kept on the last good snapshot when a
 * change is rejected, and switched off with /debug.
 */
class ServeUiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private MeshscopeServer server;

    private void serve(boolean adminDebug) throws Exception {
        ViewFixtures.copyEcommerce(dir);
        server = new MeshscopeServer(new ServerConfig(List.of(dir.toString()), Optional.empty(), "127.0.0.1", 0, 0,
                Duration.ofMillis(50), Duration.ofSeconds(1), 2, Optional.empty(), XdsSecurity.plaintext(),
                XdsLimits.defaults(), Optional.of(adminDebug)));
        ServeUi.mount(server);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theViewAnswersWithTheClisJsonForTheServedSnapshot() throws Exception {
        serve(true);
        HttpResponse<String> bare = get("/ui");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/ui/");
        assertThat(get("/ui/").body()).contains("<script src=\"app.js\"></script>");
        String d = dir.toString();
        assertThat(get("/ui/api/report").body()).isEqualTo(CliRun.run("report", "-o", "json", "-f", d).out());
        assertThat(get("/ui/api/analyze").body()).isEqualTo(CliRun.run("analyze", "-o", "json", "-f", d).out());
        assertThat(get("/ui/api/describe?workload=orders/order-service").body())
                .isEqualTo(CliRun.run("describe", "orders/order-service", "-o", "json", "-f", d).out());
        assertThat(get("/ui/api/info").body()).contains("\"live\": true", "\"snapshotVersion\": 1",
                "\"proxies\": \"/debug/syncz\"");
        assertThat(get("/debug/list").body()).contains("/ui/");
    }

    @Test
    void aRejectedChangeLeavesTheViewOnTheLastGoodSnapshot() throws Exception {
        serve(true);
        String before = get("/ui/api/report").body();
        // a file that does not parse: its objects keep their last good versions, and nothing changes
        Files.writeString(dir.resolve("sidecars.yaml"), "apiVersion: networking.istio.io/v1\nkind: Sidecar\n  bad: [\n");
        for (int i = 0; i < 50 && server.store().lastRejection() == null; i++) {
            Thread.sleep(100);
        }
        assertThat(server.store().lastRejection()).as("the change was rejected").isNotNull();
        assertThat(get("/ui/api/info").body()).contains("\"snapshotVersion\": 1");
        assertThat(get("/ui/api/report").body()).isEqualTo(before);
    }

    @Test
    void theViewIsOffWhereDebugIsOff() throws Exception {
        serve(false);
        for (String path : List.of("/ui", "/ui/", "/ui/api/report", "/ui/api/events")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).contains("--admin-debug=on");
        }
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }
}
