package io.meshscope.cli.ui;

import io.meshscope.core.render.Json;
import io.meshscope.server.admin.AdminHttpServer;
import io.meshscope.server.admin.AdminHttpServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The web view's paths, relative to where it is mounted ({@code /} for {@code meshscope ui}, {@code /ui/} on
 * serve's admin port): the page and its scripts from the jar (ECharts from its WebJar: nothing from a CDN, the page
 * works offline) and the CLI's JSON answers ({@link UiData}) under {@code api/}. Every reply carries a
 * Content-Security-Policy that lets the page load nothing from elsewhere. Nothing here changes anything.
 */
public final class UiRoutes {
    /** The page may load only from where it came from; ECharts sets inline styles on the elements it draws. */
    static final Map<String, String> SECURITY_HEADERS = Map.of("Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'");
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"/io/meshscope/cli/ui/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"/io/meshscope/cli/ui/app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"/io/meshscope/cli/ui/app.css", "text/css; charset=utf-8"},
            "/favicon.svg", new String[] {"/io/meshscope/cli/ui/favicon.svg", "image/svg+xml"},
            "/vendor/echarts.min.js", new String[] {ECHARTS, "text/javascript; charset=utf-8"});

    private final String prefix;
    private final Supplier<UiData> data;
    private final UiLive live;

    /** The view of one input read once ({@code meshscope ui}), at the root. */
    public static UiRoutes of(UiData data) {
        return new UiRoutes("", () -> data, null);
    }

    /** The view that follows serve's snapshots, under {@code prefix} ({@code /ui}). */
    public static UiRoutes live(String prefix, UiLive live) {
        return new UiRoutes(prefix, live::data, live);
    }

    private UiRoutes(String prefix, Supplier<UiData> data, UiLive live) {
        this.prefix = prefix;
        this.data = data;
        this.live = live;
    }

    /** Answers a request for a path at or under the prefix. */
    public Reply serve(AdminHttpServer.Request request) {
        return route(request).with(SECURITY_HEADERS);
    }

    private Reply route(AdminHttpServer.Request request) {
        String path = request.uri().getPath();
        if (path.equals(prefix) && !prefix.isEmpty()) {
            // the page's links are relative: /ui must become /ui/ for them to resolve under it
            return new Reply(302, "text/plain; charset=utf-8", new byte[0], Map.of("Location", prefix + "/"), null);
        }
        String rel = path.substring(prefix.length());
        String[] asset = ASSETS.get(rel);
        if (asset != null) {
            return asset(asset[0], asset[1]);
        }
        if (rel.equals("/api/events")) {
            return live == null ? AdminHttpServer.text(404, "not live: only serve's view (/ui) sends events\n")
                    : Reply.events(live::subscribe);
        }
        UiData d = data.get();
        if (d == null) {
            return AdminHttpServer.text(503, "no snapshot yet: the first config is still being read\n");
        }
        if (rel.equals("/api/info")) {
            return json(Json.write(info(d)));
        }
        if (rel.equals("/api/progress")) {
            return json(Json.write(progress(d)));
        }
        String workload = request.query().get("workload");
        UiData.Answer answer = switch (rel) {
            case "/api/report" -> d.report();
            case "/api/analyze" -> d.analyze();
            case "/api/graph" -> d.graph();
            case "/api/describe" -> d.describe(workload);
            case "/api/config-dump" -> d.configDump(workload);
            case "/api/calls" -> d.calls();
            default -> null;
        };
        if (answer == null) {
            return rel.equals("/api/calls") ? AdminHttpServer.text(404, "no observed calls: start the view with "
                    + "--deps FILE, --prometheus URL or --access-log FILE\n")
                    : AdminHttpServer.text(404, "not found: " + path + "\n");
        }
        if (answer.out().isBlank()) {
            // the command printed nothing on stdout: its stderr says why (an input error, an unknown workload)
            return AdminHttpServer.text(422, answer.err());
        }
        Reply reply = json(answer.out());
        if (rel.equals("/api/config-dump")) {
            String file = "config_dump-" + workload.replace('/', '-') + ".json"; // namespace/name: safe characters
            reply = reply.with(Map.of("Content-Disposition", "attachment; filename=\"" + file + "\""));
        }
        return reply;
    }

    private Map<String, Object> info(UiData d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live", live != null);
        m.put("snapshotVersion", live == null ? null : live.version());
        m.put("evidence", d.hasEvidence());
        // serve's per-proxy xDS state (ACK/NACK per type, last push) is its own /debug/syncz, on the same port
        m.put("proxies", live == null ? null : "/debug/syncz");
        return m;
    }

    /** {@code {"phases": [{"name", "done", "total" (-1: unknown), "unit", "finished"}, ...]}}, as they began. */
    private static Map<String, Object> progress(UiData d) {
        List<Map<String, Object>> phases = new ArrayList<>();
        for (UiProgress.Phase p : d.progress().phases()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("done", p.done());
            m.put("total", p.total());
            m.put("unit", p.unit());
            m.put("finished", p.finished());
            phases.add(m);
        }
        return Map.of("phases", phases);
    }

    private static Reply json(String body) {
        return new Reply(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply asset(String resource, String type) {
        try (InputStream in = UiRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                return AdminHttpServer.text(500, "missing from the jar: " + resource + "\n");
            }
            return new Reply(200, type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
