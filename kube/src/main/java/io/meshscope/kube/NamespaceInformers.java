package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The informers for the namespaced kinds: one per kind across all namespaces, or, when namespaces are
 * filtered, one per kind in each namespace in scope, started when a namespace enters the scope and stopped
 * when it leaves, so namespaces out of scope cost no watch, no memory and no traffic. Used from one thread.
 */
final class NamespaceInformers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NamespaceInformers.class);
    /** The key of the cluster-wide group. */
    private static final String ALL = "";

    private final KubernetesClient client;
    private final List<WatchedKind> kinds;
    private final KubeWatchListener listener;
    private final Runnable changed;
    private final Map<String, List<TrackedInformer>> groups = new TreeMap<>();

    NamespaceInformers(KubernetesClient client, List<WatchedKind> kinds, KubeWatchListener listener, Runnable changed) {
        this.client = client;
        this.kinds = List.copyOf(kinds);
        this.listener = listener;
        this.changed = changed;
    }

    /** Watches every namespace with one informer per kind. */
    void watchAll() {
        if (!groups.containsKey(ALL)) {
            groups.put(ALL, start(null));
        }
    }

    /** Watches exactly {@code namespaces}: starts the informers of new ones, stops those of the others. */
    void watchOnly(Set<String> namespaces) {
        for (String ns : new ArrayList<>(groups.keySet())) {
            if (!namespaces.contains(ns)) {
                log.info("namespace {} left the scope: stopping its {} watches", ns, kinds.size());
                groups.remove(ns).forEach(TrackedInformer::close);
            }
        }
        for (String ns : namespaces) {
            if (!groups.containsKey(ns)) {
                log.info("namespace {} is in scope: starting {} watches", ns, kinds.size());
                groups.put(ns, start(ns));
            }
        }
    }

    private List<TrackedInformer> start(String namespace) {
        List<TrackedInformer> group = new ArrayList<>();
        for (WatchedKind kind : kinds) {
            TrackedInformer t = new TrackedInformer(kind, namespace,
                    KubeInformers.informer(client, kind, namespace, null), listener, changed);
            group.add(t);
            t.start();
        }
        return group;
    }

    boolean hasSynced() {
        return groups.values().stream().flatMap(List::stream).allMatch(TrackedInformer::hasSynced);
    }

    /** The informers that have not listed yet, as {@link TrackedInformer#label()}s. */
    List<String> pending() {
        return groups.values().stream().flatMap(List::stream).filter(t -> !t.hasSynced())
                .map(TrackedInformer::label).toList();
    }

    /**
     * Every cached object, by kind, of the groups whose informers have all listed: a namespace that entered the
     * scope appears whole, never with some kinds listed and others not yet.
     */
    Map<WatchedKind, List<GenericKubernetesResource>> objects() {
        Map<WatchedKind, List<GenericKubernetesResource>> out = new LinkedHashMap<>();
        kinds.forEach(k -> out.put(k, new ArrayList<>()));
        for (List<TrackedInformer> group : groups.values()) {
            if (group.stream().allMatch(TrackedInformer::hasSynced)) {
                group.forEach(t -> out.get(t.kind()).addAll(t.objects()));
            }
        }
        return out;
    }

    void pollWatches(long nowNanos) {
        groups.values().forEach(g -> g.forEach(t -> t.pollWatch(nowNanos)));
    }

    /** How many informers had their watch running at the last poll. */
    int watchesRunning() {
        return (int) groups.values().stream().flatMap(List::stream).filter(TrackedInformer::watching).count();
    }

    /** How many informers (each one watch) run. */
    int watchCount() {
        return groups.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() {
        groups.values().forEach(g -> g.forEach(TrackedInformer::close));
        groups.clear();
    }
}
