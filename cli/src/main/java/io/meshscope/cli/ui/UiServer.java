package io.meshscope.cli.ui;

import io.meshscope.server.admin.AdminHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Serves the web view: the page and its scripts from the jar (ECharts from its WebJar: nothing from a CDN, the
 * page works offline) and the CLI's JSON answers ({@link UiData}) under {@code /api/}. On the admin port's server
 * ({@link AdminHttpServer}: GET and HEAD only, bounded connections), bound to loopback unless told otherwise, with
 * a Content-Security-Policy that lets the page load nothing from elsewhere.
 */
public final class UiServer implements AutoCloseable {
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"/io/meshscope/cli/ui/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"/io/meshscope/cli/ui/app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"/io/meshscope/cli/ui/app.css", "text/css; charset=utf-8"},
            "/favicon.svg", new String[] {"/io/meshscope/cli/ui/favicon.svg", "image/svg+xml"},
            "/vendor/echarts.min.js", new String[] {ECHARTS, "text/javascript; charset=utf-8"});
    /**
     * A browser's few connections, and answers that may take minutes on a large mesh (a 50,000-service report):
     * the handlers get half an hour rather than the admin port's minute.
     */
    private static final AdminHttpServer.Limits LIMITS = new AdminHttpServer.Limits(64, 5_000, 60_000, 4, 64,
            30 * 60_000);

    private final AdminHttpServer http;
    private final UiData data;

    public UiServer(InetSocketAddress address, UiData data) throws IOException {
        this.data = data;
        this.http = new AdminHttpServer(address, LIMITS, Set.of(), Map.of("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'"), this::serve);
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.port();
    }

    private AdminHttpServer.Reply serve(AdminHttpServer.Request request) {
        String path = request.uri().getPath();
        String[] asset = ASSETS.get(path);
        if (asset != null) {
            return asset(asset[0], asset[1]);
        }
        UiData.Answer answer = switch (path) {
            case "/api/report" -> data.report();
            case "/api/analyze" -> data.analyze();
            case "/api/graph" -> data.graph();
            case "/api/describe" -> data.describe(request.query().get("workload"));
            default -> null;
        };
        if (answer == null) {
            return AdminHttpServer.text(404, "not found: " + path + "\n");
        }
        if (answer.out().isBlank()) {
            // the command printed nothing on stdout: its stderr says why (an input error, an unknown workload)
            return AdminHttpServer.text(422, answer.err());
        }
        return new AdminHttpServer.Reply(200, "application/json", answer.out().getBytes(StandardCharsets.UTF_8));
    }

    private static AdminHttpServer.Reply asset(String resource, String type) {
        try (InputStream in = UiServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                return AdminHttpServer.text(500, "missing from the jar: " + resource + "\n");
            }
            return new AdminHttpServer.Reply(200, type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
