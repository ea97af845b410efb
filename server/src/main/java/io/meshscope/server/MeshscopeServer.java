package io.meshscope.server;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.decode.InputException;
import io.meshscope.server.admin.AdminServer;
import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.server.source.FileConfigSource;
import io.meshscope.server.xds.AdsService;
import io.meshscope.server.xds.ConnectionRegistry;
import io.meshscope.server.xds.XdsStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane, assembled: a file source feeding the snapshot store, the ADS service pushing scoped
 * config to connected proxies, and the admin HTTP server. Start, then close (graceful: streams are told the
 * server is going away, in-flight responses finish).
 */
public final class MeshscopeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MeshscopeServer.class);

    private final ServerConfig config;
    private final ServerMetrics metrics = new ServerMetrics();
    private final SnapshotStore store = new SnapshotStore(Clock.systemUTC());
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            daemon("meshscope-debounce"));
    private FileConfigSource source;
    private Server grpc;
    private AdminServer admin;
    private boolean closed;

    public MeshscopeServer(ServerConfig config) {
        this.config = config;
        this.workers = Executors.newFixedThreadPool(config.workerThreads(), daemon("meshscope-xds"));
        store.onSwap(swap -> metrics.snapshotAccepted(swap.current().version(), Map.of()));
        metrics.configInvalidSource(() -> store.lastRejection() != null);
        metrics.snapshotVersionSource(() -> store.current() == null ? 0 : store.current().version());
        store.onRejectionChange(r -> {
            if (r != null) {
                metrics.configRejected();
            }
        });
    }

    /** Reads the config, binds both ports and starts serving. Fails with the reasons if there is no valid config. */
    public void start() throws IOException, InputException {
        source = new FileConfigSource(config.paths(), config.meshConfig(), store, scheduler, config.debounceQuiet(),
                config.debounceMax());
        List<Diagnostic> errors = source.loadInitial();
        if (store.current() == null) {
            throw new InputException("the initial config is invalid (" + errors.size() + " error(s)); first: "
                    + (errors.isEmpty() ? "?" : errors.get(0).render()));
        }
        grpc = NettyServerBuilder.forAddress(new InetSocketAddress(config.listenAddress(), config.xdsPort()))
                .addService(new AdsService(store, metrics, workers, connections))
                .permitKeepAliveWithoutCalls(true)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .build()
                .start();
        admin = new AdminServer(new InetSocketAddress(config.listenAddress(), config.adminPort()), store, connections,
                metrics);
        admin.start();
        log.info("meshscope serving xDS on {}:{} and admin on {}:{} (snapshot {})", config.listenAddress(),
                grpc.getPort(), config.listenAddress(), admin.port(), store.current().version());
    }

    public int xdsPort() {
        return grpc.getPort();
    }

    public int adminPort() {
        return admin.port();
    }

    public SnapshotStore store() {
        return store;
    }

    public MeshSnapshot snapshot() {
        return store.current();
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    /** Blocks until the gRPC server terminates. */
    public void awaitTermination() throws InterruptedException {
        grpc.awaitTermination();
    }

    /**
     * Graceful shutdown: stop reading config, refuse new streams, end every open ADS stream with UNAVAILABLE
     * once what is queued for it has been sent (proxies then reconnect elsewhere or retry), wait up to five
     * seconds for the streams to finish, then stop the admin server and the threads. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("shutting down");
        try {
            if (source != null) {
                source.close();
            }
        } catch (IOException e) {
            log.debug("closing the file watch", e);
        }
        if (grpc != null) {
            grpc.shutdown();
            connections.all().forEach(XdsStream::shutdown);
            try {
                if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
                    grpc.shutdownNow();
                    grpc.awaitTermination(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                grpc.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (admin != null) {
            admin.close();
        }
        scheduler.shutdownNow();
        workers.shutdownNow();
        log.info("stopped");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
