package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One fabric8 informer with what meshscope adds: every change pokes the snapshot pipeline, relists and failed
 * requests are logged and reported to the {@link KubeWatchListener}, failures are always retried (fabric8 would
 * otherwise stop an informer whose watch fails other than with 410 Gone), and a lost watch is noticed by
 * polling, since fabric8 re-opens watches without telling.
 */
final class TrackedInformer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrackedInformer.class);

    private final WatchedKind kind;
    private final String namespace;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final KubeWatchListener listener;
    private final Runnable changed;
    private final AtomicBoolean listedOnce = new AtomicBoolean();
    private static final long GRACE_NANOS = Duration.ofSeconds(5).toNanos();

    private boolean watchedOnce;
    private long syncedAtNanos = -1;
    private volatile boolean running;
    private int notWatchingPolls;
    private long lostAtNanos = -1;

    TrackedInformer(WatchedKind kind, String namespace, SharedIndexInformer<GenericKubernetesResource> informer,
                    KubeWatchListener listener, Runnable changed) {
        this.kind = kind;
        this.namespace = namespace == null ? "" : namespace;
        this.informer = informer;
        this.listener = listener;
        this.changed = changed;
        informer.addEventHandler(new Handler());
        informer.exceptionHandler(this::retryAfter);
    }

    WatchedKind kind() {
        return kind;
    }

    /** Starts listing and watching in the background. */
    void start() {
        informer.start();
    }

    /**
     * True once the first list is in the cache and its events were handled. Unlike fabric8's
     * {@code hasSynced()}, which turns false while a relist after 410 Gone runs, this stays true: the cache keeps
     * every object during a relist, so its content is still a complete (if older) picture.
     */
    boolean hasSynced() {
        return listedOnce.get();
    }

    List<GenericKubernetesResource> objects() {
        return informer.getStore().list();
    }

    /** {@code resource} or {@code resource in namespace}, for messages. */
    String label() {
        return kind.resource() + (namespace.isEmpty() ? "" : " in namespace " + namespace);
    }

    /** True when the watch was running at the last poll. */
    boolean watching() {
        return running;
    }

    /**
     * Called at a fixed interval: a watch found down twice in a row (a watch that fabric8 rotates is back within
     * one) is reported lost, once it has run or its list is {@link #GRACE_NANOS} old; when it runs again,
     * restored.
     */
    void pollWatch(long nowNanos) {
        boolean watching;
        try {
            watching = informer.isWatching();
        } catch (RuntimeException e) {
            return; // fabric8 can throw while it swaps watches (a null future); the next poll sees the outcome
        }
        running = watching;
        if (syncedAtNanos < 0 && hasSynced()) {
            syncedAtNanos = nowNanos;
        }
        boolean expected = watchedOnce || (syncedAtNanos >= 0 && nowNanos - syncedAtNanos > GRACE_NANOS);
        if (watching) {
            watchedOnce = true;
            notWatchingPolls = 0;
            if (lostAtNanos >= 0) {
                Duration down = Duration.ofNanos(nowNanos - lostAtNanos);
                lostAtNanos = -1;
                log.info("watch on {} restored after {} ms", label(), down.toMillis());
                listener.onWatchRestored(kind.resource(), namespace, down);
            }
        } else if (expected && ++notWatchingPolls == 2) {
            lostAtNanos = nowNanos;
            log.warn("watch on {} lost; serving the last snapshot while it reconnects", label());
            listener.onWatchLost(kind.resource(), namespace);
        }
    }

    private boolean retryAfter(boolean started, Throwable error) {
        Throwable cause = error.getCause() != null && error.getMessage() != null
                && error.getMessage().startsWith("java.") ? error.getCause() : error;
        log.warn("{} of {} failed, retrying with backoff: {}", started ? "watch or relist" : "initial list",
                label(), cause.getMessage() == null ? cause.toString() : cause.getMessage());
        listener.onWatchError(kind.resource(), namespace, cause);
        return true;
    }

    @Override
    public void close() {
        informer.close();
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onBeforeList(String resourceVersion) {
            if (listedOnce.get()) {
                log.info("relisting {} (watch lost or expired at resourceVersion {})", label(), resourceVersion);
                listener.onRelist(kind.resource(), namespace);
            }
        }

        @Override
        public void onList(String resourceVersion, boolean empty) {
            if (listedOnce.getAndSet(true)) {
                log.info("relisted {} at resourceVersion {}: {} objects", label(), resourceVersion,
                        informer.getStore().list().size());
            } else {
                log.debug("listed {} at resourceVersion {}", label(), resourceVersion);
            }
            changed.run();
        }

        @Override
        public void onAdd(GenericKubernetesResource obj) {
            changed.run();
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            String before = oldObj.getMetadata().getResourceVersion();
            if (before == null || !before.equals(newObj.getMetadata().getResourceVersion())) {
                changed.run();
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean finalStateUnknown) {
            changed.run();
        }
    }
}
