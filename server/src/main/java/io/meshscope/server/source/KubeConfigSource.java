package io.meshscope.server.source;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshscope.decode.DecodeCache;
import io.meshscope.kube.KubeClients;
import io.meshscope.kube.KubeOptions;
import io.meshscope.kube.KubeWatchListener;
import io.meshscope.kube.KubeWatcher;
import io.meshscope.server.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Live config from the Kubernetes API server: fabric8 informers (in the kube module) deliver the complete set
 * of objects after every debounced burst; each delivery goes to the {@link InputCombiner}. Relists, watch errors
 * and lost watches become metrics; the last snapshot keeps serving meanwhile.
 */
public final class KubeConfigSource implements AutoCloseable {
    private final KubernetesClient client;
    private final KubeWatcher watcher;

    public KubeConfigSource(KubeOptions options, Optional<Path> meshConfig, InputCombiner combiner,
                            ServerMetrics metrics) throws IOException {
        Optional<String> mesh = meshConfig.isPresent() ? Optional.of(Files.readString(meshConfig.get())) : Optional.empty();
        this.client = KubeClients.create(options);
        this.watcher = new KubeWatcher(client, options, new KubeWatchListener() {
            @Override
            public void onSynced(Duration took, int objects) {
                metrics.kubeSynced(took);
            }

            @Override
            public void onRelist(String resource, String namespace) {
                metrics.kubeEvent("relist", resource);
            }

            @Override
            public void onWatchError(String resource, String namespace, Throwable error) {
                metrics.kubeEvent("watch_error", resource);
            }

            @Override
            public void onWatchLost(String resource, String namespace) {
                metrics.kubeEvent("watch_lost", resource);
            }
        });
        // Deliveries come one at a time from the watcher's debounce, so one decode cache serves them all.
        DecodeCache cache = new DecodeCache();
        watcher.onChange(docs -> combiner.offerKube(docs.toMeshInput(mesh, cache)));
    }

    /** Starts the informers and waits for every one to list once (startup waits for sync before /ready). */
    public boolean startAndAwaitSync(Duration timeout) throws InterruptedException {
        watcher.start();
        return watcher.awaitSynced(timeout);
    }

    /** What the first sync still waits for, to explain a slow start. */
    public String pending() {
        return String.join(", ", watcher.pendingSync());
    }

    @Override
    public void close() {
        watcher.close();
        client.close();
    }
}
