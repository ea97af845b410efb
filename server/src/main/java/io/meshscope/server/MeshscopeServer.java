package io.meshscope.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.decode.InputException;
import io.meshscope.kube.KubeClients;
import io.meshscope.kube.KubeOptions;
import io.meshscope.server.admin.AdminServer;
import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.security.KubeTokenReviewer;
import io.meshscope.server.security.TokenReviewer;
import io.meshscope.server.security.XdsPortSecurity;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.server.source.FileConfigSource;
import io.meshscope.server.source.InputCombiner;
import io.meshscope.server.source.KubeConfigSource;
import io.meshscope.server.xds.AdsService;
import io.meshscope.server.xds.ConnectionChurn;
import io.meshscope.server.xds.ConnectionRegistry;
import io.meshscope.server.xds.XdsStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
    private KubeConfigSource kube;
    /** Set once the xDS port accepts connections (after {@code Server.start()} returned); read by /ready. */
    private volatile Server grpc;
    private AdminServer admin;
    /** The API server client token reviews go through, when tokens are checked. */
    private KubernetesClient reviewClient;
    private final TokenReviewer givenReviewer;
    private final List<AdminServer.Mount> adminMounts = new ArrayList<>();
    private boolean closed;

    public MeshscopeServer(ServerConfig config) {
        this(config, null);
    }

    /**
     * With {@code tokenReviewer} answering token reviews instead of the API server the Kubernetes options name
     * (null: those).
     */
    public MeshscopeServer(ServerConfig config, TokenReviewer tokenReviewer) {
        this.config = config;
        this.givenReviewer = tokenReviewer;
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

    /** Serves more paths on the admin port (serve's web view); before {@link #start()}. */
    public void mountOnAdmin(AdminServer.Mount mount) {
        if (admin != null) {
            throw new IllegalStateException("mount admin paths before start()");
        }
        adminMounts.add(mount);
    }

    /**
     * Reads the config (files, and with {@code kube} the API server, waiting for every informer to list once),
     * binds both ports and starts serving. The admin server starts first so liveness answers during a long
     * Kubernetes sync; {@code /ready} stays 503 until the first snapshot exists and the xDS port accepts
     * connections, which is bound last. Fails with the reasons when there is no valid config.
     *
     * @throws IllegalArgumentException when the xDS security settings would expose the port unprotected
     */
    public void start() throws IOException, InputException {
        // first: a port that would be exposed unprotected, or an unreadable certificate, fails before any waiting
        XdsPortSecurity security = XdsPortSecurity.prepare(config.security(), config.listenAddress(),
                this::tokenReviewer, metrics);
        boolean files = !config.paths().isEmpty();
        InputCombiner combiner = new InputCombiner(store, files, config.kube().isPresent());
        admin = new AdminServer(new InetSocketAddress(config.listenAddress(), config.adminPort()), store, connections,
                metrics, this::xdsAccepting, config.adminDebug().orElse(XdsPortSecurity.isLoopback(config.listenAddress())),
                adminMounts);
        admin.start();
        List<Diagnostic> errors = List.of();
        if (files) {
            source = new FileConfigSource(config.paths(), config.meshConfig(), store, combiner::offerFiles, scheduler,
                    config.debounceQuiet(), config.debounceMax());
            errors = source.loadInitial();
        }
        if (config.kube().isPresent()) {
            kube = new KubeConfigSource(config.kube().get(), config.meshConfig(), combiner, metrics);
            log.info("waiting for the Kubernetes informers to list once");
            try {
                while (!kube.startAndAwaitSync(Duration.ofSeconds(30))) {
                    log.info("still waiting for the Kubernetes API: {}", kube.pending());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException("interrupted while waiting for the Kubernetes informers to sync");
            }
            // The first delivery follows the sync after the debounce; give it a moment to become a snapshot.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.current() == null && store.lastRejection() == null && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (store.current() == null) {
            SnapshotStore.Rejection r = store.lastRejection();
            List<Diagnostic> why = r != null ? r.errors() : errors;
            throw new InputException("the initial config is invalid (" + why.size() + " error(s)); first: "
                    + (why.isEmpty() ? "?" : why.get(0).render()));
        }
        ConnectionChurn churn = new ConnectionChurn(config.limits().maxNewConnectionsPerSecond(), System::nanoTime,
                metrics);
        grpc = security.apply(NettyServerBuilder.forAddress(
                        new InetSocketAddress(config.listenAddress(), config.xdsPort())))
                .addService(ServerInterceptors.intercept(security.wrap(
                        new AdsService(store, metrics, workers, connections, config.limits())), churn.gate()))
                .addTransportFilter(churn)
                .maxConcurrentCallsPerConnection(config.limits().maxStreamsPerConnection())
                .maxInboundMessageSize(config.limits().maxRequestBytes())
                .permitKeepAliveWithoutCalls(true)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .build()
                .start();
        log.info("meshscope serving xDS on {}:{} and admin on {}:{} (snapshot {})", config.listenAddress(),
                grpc.getPort(), config.listenAddress(), admin.port(), store.current().version());
        log.info("xDS security: {}", security.describe());
    }

    /** The TokenReview client: the API server of --kube's options, else kubectl's default (or in-cluster). */
    private TokenReviewer tokenReviewer() {
        if (givenReviewer != null) {
            return givenReviewer;
        }
        reviewClient = KubeClients.create(config.kube().orElse(KubeOptions.defaults()));
        return new KubeTokenReviewer(reviewClient);
    }

    /** True from the moment the xDS port is bound and listening until shutdown begins. */
    private boolean xdsAccepting() {
        Server g = grpc;
        return g != null && !g.isShutdown();
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
        if (kube != null) {
            kube.close();
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
        if (reviewClient != null) {
            reviewClient.close();
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
