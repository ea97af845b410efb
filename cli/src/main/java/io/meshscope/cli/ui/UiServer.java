package io.meshscope.cli.ui;

import io.meshscope.server.admin.AdminHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

/**
 * {@code meshscope ui}'s own server: the view's paths ({@link UiRoutes}) at the root, on the admin port's server
 * ({@link AdminHttpServer}: GET and HEAD only, bounded connections), bound to loopback unless told otherwise.
 */
public final class UiServer implements AutoCloseable {
    /**
     * A browser's few connections, and answers that may take minutes on a large mesh (a 50,000-service report):
     * the handlers get half an hour rather than the admin port's minute.
     */
    private static final AdminHttpServer.Limits LIMITS = new AdminHttpServer.Limits(64, 5_000, 60_000, 4, 64,
            30 * 60_000);

    private final AdminHttpServer http;

    /** The view of {@code data} at the root of {@code address}. */
    public UiServer(InetSocketAddress address, UiData data) throws IOException {
        this(address, UiRoutes.of(data));
    }

    public UiServer(InetSocketAddress address, UiRoutes routes) throws IOException {
        this.http = new AdminHttpServer(address, LIMITS, Set.of(), Map.of(), routes::serve);
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
    }
}
