package io.meshscope.server.admin;

import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.server.xds.ConnectionRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The admin HTTP endpoints (health, readiness, Prometheus metrics, debug views), read-only, on a small
 * non-blocking server ({@link AdminHttpServer}) that answers the probes first whatever slow clients hold, with
 * every view computed from the same core functions the CLI uses.
 */
public final class AdminServer implements AutoCloseable {
    /** Answered at once on the IO thread, whatever else is in progress: kubelet's probes. */
    private static final Set<String> PROBES = Set.of("/healthz", "/ready");

    private static final String OFF = "the /debug endpoints and the web view show every proxy's config and are off "
            + "on this address; serve --admin-debug=on turns them on\n";

    private final AdminHttpServer http;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /** Whether /debug/* (every connected proxy's identity and config) is served. */
    private final boolean debug;

    /** One admin endpoint: its one-line description and handler. */
    record Endpoint(String description, Handler handler) {
    }

    /** Produces a response for a request's query parameters. */
    interface Handler {
        Response handle(Map<String, String> query);
    }

    /**
     * More paths served on the admin port (serve's web view at {@code /ui}): every path at or under {@code prefix}
     * goes to {@code handler}. They show what /debug shows, so they are switched on and off with it.
     */
    public record Mount(String prefix, String description,
                        Function<AdminHttpServer.Request, AdminHttpServer.Reply> handler) {
    }

    private final List<Mount> mounts;

    /** An HTTP response. */
    record Response(int status, String contentType, String body) {
        static Response json(int status, String body) {
            return new Response(status, "application/json", body);
        }

        static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body);
        }
    }

    /**
     * {@code xdsAccepting} tells whether the xDS port accepts connections: {@code /ready} needs it as well as a
     * snapshot, because a client started on readiness that finds the port closed sits out its reconnect backoff.
     */
    public AdminServer(InetSocketAddress address, SnapshotStore store, ConnectionRegistry connections,
                       ServerMetrics metrics, BooleanSupplier xdsAccepting, boolean debug) throws IOException {
        this(address, store, connections, metrics, xdsAccepting, debug, List.of());
    }

    /** As above, with more paths ({@link Mount}). */
    public AdminServer(InetSocketAddress address, SnapshotStore store, ConnectionRegistry connections,
                       ServerMetrics metrics, BooleanSupplier xdsAccepting, boolean debug, List<Mount> mounts)
            throws IOException {
        this.debug = debug;
        this.mounts = List.copyOf(mounts);
        DebugViews views = new DebugViews(store, connections, metrics);
        add("/healthz", "liveness: 200 while the process serves", q -> Response.text(200, "ok\n"));
        add("/ready", "readiness: 200 once the first snapshot is built and the xDS port accepts connections, 503 "
                + "before and while shutting down", q -> ready(store, xdsAccepting));
        add("/metrics", "Prometheus metrics (pilot_xds, pilot_xds_pushes, pilot_xds_push_time, "
                + "pilot_proxy_convergence_time, pilot_total_xds_rejects, meshscope_*)",
                q -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        add("/debug/syncz", "per connected proxy: scope, and per type the version sent, acked or nacked",
                q -> Response.json(200, views.syncz()));
        add("/debug/config_dump", "?proxyID=ID: the xDS config of a connected proxy as Envoy's /config_dump",
                views::configDump);
        add("/debug/sidecarz", "?proxyID=ID: which Sidecar applies to a connected proxy, why, and what it imports",
                views::sidecarz);
        add("/debug/push_status", "the snapshot served, its last change, proxies pushed or skipped, responses and NACKs",
                q -> Response.json(200, views.pushStatus()));
        add("/debug/errors", "why the newest config was rejected (the last good snapshot keeps serving), and warnings",
                q -> Response.json(200, views.errors()));
        add("/debug/list", "this list", q -> Response.text(200, list()));
        this.http = new AdminHttpServer(address, AdminHttpServer.Limits.defaults(), PROBES, Map.of(), this::serve);
    }

    private static Response ready(SnapshotStore store, BooleanSupplier xdsAccepting) {
        if (store.current() == null) {
            return Response.text(503, "no snapshot yet\n");
        }
        return xdsAccepting.getAsBoolean() ? Response.text(200, "ready\n")
                : Response.text(503, "xDS port not accepting connections\n");
    }

    private void add(String path, String description, Handler h) {
        endpoints.put(path, new Endpoint(description, h));
    }

    private String list() {
        StringBuilder sb = new StringBuilder();
        endpoints.forEach((p, e) -> sb.append(String.format("%-20s %s%n", p, e.description())));
        mounts.forEach(m -> sb.append(String.format("%-20s %s%n", m.prefix() + "/", m.description())));
        return sb.toString();
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.port();
    }

    private AdminHttpServer.Reply serve(AdminHttpServer.Request request) {
        String path = request.uri().getPath();
        for (Mount m : mounts) {
            if (path.equals(m.prefix()) || path.startsWith(m.prefix() + "/")) {
                return debug ? m.handler().apply(request) : AdminHttpServer.text(403, OFF);
            }
        }
        Endpoint e = endpoints.get(path);
        Response r = e == null ? Response.text(404, "unknown endpoint; see /debug/list\n")
                : !debug && path.startsWith("/debug/") && !path.equals("/debug/list") ? Response.text(403, OFF)
                : e.handler().handle(request.query());
        return new AdminHttpServer.Reply(r.status(), r.contentType(), r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        http.close();
    }
}
