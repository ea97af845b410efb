package io.meshscope.core.scope;

import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Sidecar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sidecar precedence as istiod's {@code initSidecarScopes} and {@code doGetSidecarScope}: selector Sidecars
 * (oldest first), then selector-less ones (oldest first), per namespace; the root default is the oldest
 * selector-less Sidecar of the root namespace. "Oldest" is creation time, then name, then namespace.
 */
final class SidecarIndex {
    private final Map<String, List<Sidecar>> byNamespace = new HashMap<>();
    private final Sidecar rootDefault;
    private final String rootNamespace;

    SidecarIndex(List<Sidecar> sidecars, String rootNamespace) {
        this.rootNamespace = rootNamespace;
        List<Sidecar> sorted = new ArrayList<>(sidecars);
        sorted.sort(MeshObject.OLDEST_FIRST);
        List<Sidecar> priority = new ArrayList<>();
        sorted.stream().filter(Sidecar::hasSelector).forEach(priority::add);
        sorted.stream().filter(s -> !s.hasSelector()).forEach(priority::add);
        Sidecar root = null;
        for (Sidecar s : priority) {
            byNamespace.computeIfAbsent(s.meta().namespace(), n -> new ArrayList<>()).add(s);
            if (root == null && !s.hasSelector() && s.meta().namespace().equals(rootNamespace)) {
                root = s;
            }
        }
        this.rootDefault = root;
    }

    /** The Sidecar for a sidecar proxy, with every shadowed candidate explained. */
    SidecarSelection select(String namespace, Map<String, String> labels) {
        Sidecar chosen = null;
        SelectedBy how = SelectedBy.NONE;
        List<SidecarSelection.Shadowed> shadowed = new ArrayList<>();
        for (Sidecar s : byNamespace.getOrDefault(namespace, List.of())) {
            boolean applies = !s.hasSelector() || Labels.selects(s.workloadSelector().labels(), labels);
            if (!applies) {
                continue;
            }
            if (chosen == null) {
                chosen = s;
                how = s.hasSelector() ? SelectedBy.WORKLOAD_SELECTOR : SelectedBy.NAMESPACE_DEFAULT;
            } else {
                shadowed.add(new SidecarSelection.Shadowed(s, whyLost(chosen, s)));
            }
        }
        if (rootDefault != null && !namespace.equals(rootNamespace)) {
            if (chosen == null) {
                chosen = rootDefault;
                how = SelectedBy.ROOT_NAMESPACE_DEFAULT;
            } else {
                shadowed.add(new SidecarSelection.Shadowed(rootDefault,
                        "root-namespace default; a Sidecar in the workload's own namespace applies first"));
            }
        }
        return new SidecarSelection(chosen, how, shadowed);
    }

    private static String whyLost(Sidecar winner, Sidecar loser) {
        if (winner.hasSelector() && !loser.hasSelector()) {
            return "namespace default; a Sidecar whose workloadSelector matches the workload takes precedence";
        }
        String kind = loser.hasSelector() ? "also selects the workload" : "also has no workloadSelector";
        String order;
        if (winner.meta().creationEpochSeconds() != loser.meta().creationEpochSeconds()) {
            order = winner.meta().id().nsName() + " is older (created "
                    + Instant.ofEpochSecond(winner.meta().creationEpochSeconds()) + " vs "
                    + Instant.ofEpochSecond(loser.meta().creationEpochSeconds()) + ")";
        } else {
            order = "same creation time; " + winner.meta().id().nsName() + " sorts first by name";
        }
        return kind + "; oldest wins: " + order;
    }

    Sidecar rootDefault() {
        return rootDefault;
    }
}
