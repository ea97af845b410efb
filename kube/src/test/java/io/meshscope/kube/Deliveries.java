package io.meshscope.kube;

import io.meshscope.core.model.MeshInput;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Records what a {@link KubeWatcher} delivers and reports, for the tests. */
final class Deliveries implements Consumer<KubeDocuments>, KubeWatchListener {
    final List<KubeDocuments> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger synced = new AtomicInteger();
    final AtomicInteger relists = new AtomicInteger();
    final AtomicInteger watchErrors = new AtomicInteger();
    final AtomicInteger watchesLost = new AtomicInteger();
    final AtomicInteger watchesRestored = new AtomicInteger();

    @Override
    public void accept(KubeDocuments docs) {
        delivered.add(docs);
    }

    KubeDocuments last() {
        return delivered.get(delivered.size() - 1);
    }

    /** The ids decoded from the last delivery ({@code Kind ns/name}). */
    Set<String> ids() {
        return delivered.isEmpty() ? Set.of() : Manifests.ids(input());
    }

    MeshInput input() {
        return last().toMeshInput(Optional.empty());
    }

    @Override
    public void onSynced(Duration took, int objects) {
        synced.incrementAndGet();
    }

    @Override
    public void onRelist(String resource, String namespace) {
        relists.incrementAndGet();
    }

    @Override
    public void onWatchError(String resource, String namespace, Throwable error) {
        watchErrors.incrementAndGet();
    }

    @Override
    public void onWatchLost(String resource, String namespace) {
        watchesLost.incrementAndGet();
    }

    @Override
    public void onWatchRestored(String resource, String namespace, Duration down) {
        watchesRestored.incrementAndGet();
    }
}
