package io.meshscope.kube;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which namespaces are read: all of them, or those named by {@code --namespaces} and matching
 * {@code --namespace-selector}, plus the mesh root namespaces, which are always read because their Sidecars
 * are every proxy's default: {@code istio-system} and the namespace of each {@code istio} ConfigMap.
 */
final class NamespaceScope {
    /** Istio's root namespace when the mesh config does not name another. */
    static final String DEFAULT_ROOT = "istio-system";

    private final Set<String> listed;
    private final Optional<LabelSelector> selector;

    NamespaceScope(KubeOptions options) {
        this.listed = Set.copyOf(options.namespaces());
        this.selector = options.namespaceSelector().map(LabelSelector::parse);
    }

    /** True when only some namespaces are read (then each gets its own watches). */
    boolean filtered() {
        return !listed.isEmpty() || selector.isPresent();
    }

    /**
     * The namespaces to read, given the labels of every existing namespace and the namespaces holding an
     * {@code istio} ConfigMap. Unfiltered, that is every existing namespace. A listed namespace that does not
     * exist yet is in scope without a selector (so its objects appear as soon as it does), never with one.
     */
    Set<String> resolve(Map<String, Map<String, String>> existing, Set<String> meshConfigNamespaces) {
        Set<String> out = new TreeSet<>();
        if (!filtered()) {
            out.addAll(existing.keySet());
            return out;
        }
        Iterable<String> candidates = listed.isEmpty() ? existing.keySet() : listed;
        for (String ns : candidates) {
            if (selector.isEmpty()) {
                out.add(ns);
            } else if (existing.containsKey(ns) && selector.get().matches(existing.get(ns))) {
                out.add(ns);
            }
        }
        out.add(DEFAULT_ROOT);
        out.addAll(meshConfigNamespaces);
        return out;
    }

    @Override
    public String toString() {
        if (!filtered()) {
            return "all namespaces";
        }
        String list = listed.isEmpty() ? "" : "namespaces " + new TreeSet<>(listed);
        String sel = selector.map(s -> "labels \"" + s + "\"").orElse("");
        return (list.isEmpty() ? sel : sel.isEmpty() ? list : list + " with " + sel)
                + " (plus the mesh root namespace)";
    }
}
