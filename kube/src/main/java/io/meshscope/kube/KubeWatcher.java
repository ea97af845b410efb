package io.meshscope.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Live mesh config from the API server: informers on every kind meshscope reads, in the namespaces in scope,
 * delivering the complete current set of documents after each debounced burst of changes, once all informers
 * have listed. Watch loss, 410 Gone and API server restarts are retried and relisted by the informers, which
 * keep their caches meanwhile, so the last delivered set stays valid and nothing is lost; each is logged and
 * reported to the {@link KubeWatchListener}. Discovery (which Istio versions are served) is retried until it
 * succeeds and repeated periodically, so Istio CRDs installed later are picked up.
 */
public final class KubeWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KubeWatcher.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX_DISCOVERY_BACKOFF = Duration.ofSeconds(30);

    /**
     * Timing.
     *
     * @param quiet        deliver after this long without changes...
     * @param max          ...or at the latest this long after the first change of a burst
     * @param rediscover   how often to ask discovery again which Istio kinds and versions are served
     */
    public record Settings(Duration quiet, Duration max, Duration rediscover) {
        /** 100 ms quiet, 1 s at most, discovery every 5 minutes. */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(5));
        }
    }

    private final KubernetesClient client;
    private final KubeWatchListener listener;
    private final Settings settings;
    private final DocumentAssembler assembler;
    private final ScheduledExecutorService scheduler;
    private final Debounce debounce;
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private volatile Consumer<KubeDocuments> consumer = docs -> { };
    private volatile KubeDocuments current;
    private volatile Set<String> inScope = Set.of();
    private volatile Thread schedulerThread;
    // Confined to the scheduler thread:
    private KubeDiscovery.Served served;
    private TrackedInformer namespaces;
    private TrackedInformer meshConfigs;
    private NamespaceInformers informers;
    private long startNanos;
    private Duration discoveryBackoff = Duration.ofSeconds(1);
    private boolean restarting;
    private boolean closed;

    public KubeWatcher(KubernetesClient client, KubeOptions options, KubeWatchListener listener, Settings settings) {
        this.client = client;
        this.listener = listener;
        this.settings = settings;
        this.assembler = new DocumentAssembler(client.getKubernetesSerialization(), new NamespaceScope(options));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meshscope-kube");
            t.setDaemon(true);
            schedulerThread = t;
            return t;
        });
        this.debounce = new Debounce(scheduler, settings.quiet(), settings.max(), this::deliver);
    }

    public KubeWatcher(KubernetesClient client, KubeOptions options, KubeWatchListener listener) {
        this(client, options, listener, Settings.defaults());
    }

    /**
     * Sets who receives each complete set of documents. It is called on the watcher's own thread, one call at a
     * time, first when all informers have listed, then after each debounced burst of changes that altered the
     * set. Set it before {@link #start()}.
     */
    public KubeWatcher onChange(Consumer<KubeDocuments> consumer) {
        this.consumer = consumer;
        return this;
    }

    /** Starts discovery and the informers in the background; see {@link #awaitSynced(Duration)}. */
    public void start() {
        scheduler.execute(() -> {
            startNanos = System.nanoTime();
            log.info("reading {} from {}", assembler.scope(), KubeClients.describe(client));
            discoverAndStart();
        });
        scheduler.scheduleAtFixedRate(this::pollWatches, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        long every = settings.rediscover().toMillis();
        scheduler.scheduleAtFixedRate(this::rediscover, every, every, TimeUnit.MILLISECONDS);
    }

    /** Waits until the first complete set was delivered; false when {@code timeout} passed first. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        try {
            synced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** True once the first complete set was delivered. */
    public boolean isSynced() {
        return synced.isDone();
    }

    /** The last set delivered, if any. */
    public Optional<KubeDocuments> current() {
        return Optional.ofNullable(current);
    }

    /** The namespaces read at the last delivery attempt (all existing ones when unfiltered). */
    public Set<String> namespacesInScope() {
        return inScope;
    }

    /** What the first delivery still waits for: discovery, or the informers that have not listed yet. */
    public List<String> pendingSync() {
        return onScheduler(() -> {
            if (served == null) {
                return List.of("API discovery");
            }
            List<String> out = new java.util.ArrayList<>();
            if (!namespaces.hasSynced()) {
                out.add(namespaces.label());
            }
            if (!meshConfigs.hasSynced()) {
                out.add(meshConfigs.label());
            }
            out.addAll(informers.pending());
            return out;
        }, List.of());
    }

    /** How many watches are open (informers, each one list-then-watch). */
    public int watchCount() {
        return onScheduler(() -> served == null ? 0 : 2 + informers.watchCount(), 0);
    }

    /**
     * How many of the {@link #watchCount()} watches were running at the last poll (every second); fewer means
     * some are reconnecting or relisting, while the last delivered set stays in use.
     */
    public int watchesRunning() {
        return onScheduler(() -> served == null ? 0 : (namespaces.watching() ? 1 : 0)
                + (meshConfigs.watching() ? 1 : 0) + informers.watchesRunning(), 0);
    }

    private void discoverAndStart() {
        if (closed) {
            return;
        }
        try {
            served = KubeDiscovery.discover(client);
        } catch (RuntimeException e) {
            log.warn("API discovery at {} failed, retrying in {} s: {}", client.getMasterUrl(),
                    discoveryBackoff.toSeconds(), e.getMessage());
            listener.onWatchError("discovery", "", e);
            scheduler.schedule(this::discoverAndStart, discoveryBackoff.toMillis(), TimeUnit.MILLISECONDS);
            discoveryBackoff = discoveryBackoff.multipliedBy(2).compareTo(MAX_DISCOVERY_BACKOFF) > 0
                    ? MAX_DISCOVERY_BACKOFF : discoveryBackoff.multipliedBy(2);
            return;
        }
        served.notes().forEach(n -> log.warn("{}", n));
        log.info("watching {}", served.kinds().stream().map(WatchedKind::resource).toList());
        namespaces = new TrackedInformer(WatchedKind.NAMESPACE, null,
                KubeInformers.informer(client, WatchedKind.NAMESPACE, null, null), listener, debounce::poke);
        meshConfigs = new TrackedInformer(WatchedKind.CONFIG_MAP, null, KubeInformers.informer(client,
                WatchedKind.CONFIG_MAP, null, "metadata.name=" + WatchedKind.MESH_CONFIG_MAP), listener, debounce::poke);
        namespaces.start();
        meshConfigs.start();
        startInformers();
    }

    private void startInformers() {
        informers = new NamespaceInformers(client, served.kinds(), listener, debounce::poke);
        if (!assembler.scope().filtered()) {
            informers.watchAll();
        }
        debounce.poke();
    }

    /** Asks discovery again; if the served Istio kinds or versions changed, restarts the namespaced informers. */
    private void rediscover() {
        if (closed || served == null) {
            return;
        }
        try {
            KubeDiscovery.Served now = KubeDiscovery.discover(client);
            if (!now.kinds().equals(served.kinds())) {
                log.info("served kinds changed: now watching {}", now.kinds().stream().map(WatchedKind::resource).toList());
                served = now;
                informers.close();
                restarting = true; // keep the last delivered set until the new informers have all listed
                startInformers();
            }
        } catch (RuntimeException e) {
            log.warn("API rediscovery failed, keeping the current watches: {}", e.getMessage());
            listener.onWatchError("discovery", "", e);
        }
    }

    private void deliver() {
        try {
            deliverIfComplete();
        } catch (RuntimeException e) {
            log.error("building the Kubernetes document set failed; retrying", e);
            scheduler.schedule(debounce::poke, POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void deliverIfComplete() {
        if (closed || served == null || !namespaces.hasSynced() || !meshConfigs.hasSynced()) {
            return;
        }
        Set<String> scope = assembler.namespacesInScope(namespaces.objects(), meshConfigs.objects());
        inScope = Set.copyOf(scope);
        if (assembler.scope().filtered()) {
            informers.watchOnly(scope);
        }
        boolean complete = informers.hasSynced();
        if (!complete && (!synced.isDone() || restarting)) {
            return; // the first set, and the first after a restart, must be complete
        }
        restarting &= !complete;
        KubeDocuments docs = assembler.assemble(namespaces.objects(), meshConfigs.objects(), informers.objects(),
                scope, served.notes());
        boolean first = !synced.isDone();
        if (!first && docs.equals(current)) {
            return; // a relist or an update that changed nothing meshscope reads
        }
        current = docs;
        if (first) {
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            log.info("synced {} objects in {} namespaces in {} ms", docs.objects(), scope.size(), took.toMillis());
            listener.onSynced(took, docs.objects());
        }
        try {
            consumer.accept(docs);
        } catch (RuntimeException e) {
            log.error("the consumer of Kubernetes documents failed", e); // not retried: the same set would fail again
        }
        listener.onDelivered(docs.objects());
        if (first) {
            synced.complete(null);
        }
    }

    private void pollWatches() {
        if (closed || served == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            namespaces.pollWatch(now);
            meshConfigs.pollWatch(now);
            informers.pollWatches(now);
        } catch (RuntimeException e) {
            log.warn("checking the watches failed; checking again in {} ms", POLL.toMillis(), e); // never cancel the poll
        }
    }

    private <T> T onScheduler(java.util.concurrent.Callable<T> task, T whenClosed) {
        try {
            if (Thread.currentThread() == schedulerThread) {
                return task.call(); // called from the consumer or the listener: already on the right thread
            }
            return scheduler.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whenClosed;
        } catch (Exception e) {
            return whenClosed; // closed, or stuck: the caller gets the neutral answer
        }
    }

    /** Stops every informer; the client stays open (its owner closes it). */
    @Override
    public void close() {
        onScheduler(() -> {
            closed = true;
            if (served != null) {
                informers.close();
                namespaces.close();
                meshConfigs.close();
            }
            return null;
        }, null);
        scheduler.shutdownNow();
    }
}
