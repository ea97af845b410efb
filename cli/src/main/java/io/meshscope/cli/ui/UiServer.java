package io.meshscope.cli.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the web view: the page and its scripts from the jar (ECharts from its WebJar: nothing from a CDN, the
 * page works offline) and the CLI's JSON answers ({@link UiData}) under {@code /api/}. Read-only (GET and HEAD),
 * bound to loopback unless told otherwise, and a Content-Security-Policy that lets the page load nothing from
 * elsewhere.
 */
public final class UiServer implements AutoCloseable {
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"/io/meshscope/cli/ui/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"/io/meshscope/cli/ui/app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"/io/meshscope/cli/ui/app.css", "text/css; charset=utf-8"},
            "/favicon.svg", new String[] {"/io/meshscope/cli/ui/favicon.svg", "image/svg+xml"},
            "/vendor/echarts.min.js", new String[] {ECHARTS, "text/javascript; charset=utf-8"});

    private final HttpServer http;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "meshscope-ui");
        t.setDaemon(true);
        return t;
    });
    private final UiData data;

    public UiServer(InetSocketAddress address, UiData data) throws IOException {
        this.data = data;
        this.http = HttpServer.create(address, 64);
        http.createContext("/", this::serve);
        http.setExecutor(pool);
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "text/plain; charset=utf-8", bytes("the web view is read-only: GET or HEAD\n"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String[] asset = ASSETS.get(path);
            if (asset != null) {
                try (InputStream in = UiServer.class.getResourceAsStream(asset[0])) {
                    if (in == null) {
                        send(ex, 500, "text/plain; charset=utf-8", bytes("missing from the jar: " + asset[0] + "\n"));
                        return;
                    }
                    send(ex, 200, asset[1], in.readAllBytes());
                }
                return;
            }
            UiData.Answer answer = switch (path) {
                case "/api/report" -> data.report();
                case "/api/analyze" -> data.analyze();
                case "/api/graph" -> data.graph();
                case "/api/describe" -> data.describe(query(ex, "workload"));
                default -> null;
            };
            if (answer == null) {
                send(ex, 404, "text/plain; charset=utf-8", bytes("not found: " + path + "\n"));
            } else if (answer.out().isBlank()) {
                // the command printed nothing on stdout: its stderr says why (an input error, an unknown workload)
                send(ex, 422, "text/plain; charset=utf-8", bytes(answer.err()));
            } else {
                send(ex, 200, "application/json", bytes(answer.out()));
            }
        } catch (RuntimeException e) {
            send(ex, 500, "text/plain; charset=utf-8", bytes("internal error: " + e + "\n"));
        }
    }

    private static String query(HttpExchange ex, String key) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8).equals(key)) {
                return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
