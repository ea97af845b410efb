package io.meshscope.kube;

import java.time.Duration;

/**
 * What happens to the watches, for metrics and health: every method may be called from any thread and must
 * return quickly. {@code resource} names the kind ({@code v1/pods}, {@code networking.istio.io/v1/sidecars});
 * {@code namespace} is empty for a cluster-wide watch.
 */
public interface KubeWatchListener {
    /** A listener that ignores everything. */
    KubeWatchListener NONE = new KubeWatchListener() {
    };

    /** Every informer has listed once: {@code objects} documents are delivered first, {@code took} after start. */
    default void onSynced(Duration took, int objects) {
    }

    /** A complete set of documents was handed to the consumer. */
    default void onDelivered(int objects) {
    }

    /**
     * An informer lists again after its watch was lost or expired (HTTP 410 Gone, API server restart, or a
     * failed watch): the list is diffed with the cache, so nothing is lost; the last snapshot stays meanwhile.
     */
    default void onRelist(String resource, String namespace) {
    }

    /** A list or watch request failed; it is retried with backoff. */
    default void onWatchError(String resource, String namespace, Throwable error) {
    }

    /** A watch has been down for a poll interval; its cached objects are still served. */
    default void onWatchLost(String resource, String namespace) {
    }

    /** A lost watch is running again after {@code down}. */
    default void onWatchRestored(String resource, String namespace, Duration down) {
    }
}
