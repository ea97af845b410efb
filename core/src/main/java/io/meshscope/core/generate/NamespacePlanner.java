package io.meshscope.core.generate;

import io.meshscope.core.deps.Caller;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lays out the Sidecars of one namespace from what each of its workloads needs (host lines), by strategy. Every
 * layout covers every need: a workload either uses the default, which then holds all it needs, or gets an
 * override holding exactly what it needs (plus {@code --always} hosts, which every Sidecar keeps). The root
 * namespace never gets a default (it would become the mesh-wide default); a workload whose labels are empty
 * cannot be selected alone and always uses the default.
 */
final class NamespacePlanner {
    private final String namespace;
    private final boolean root;
    private final List<Caller> targets;
    private final Map<String, SortedSet<String>> needs;
    private final Set<String> external;
    private final List<String> always;
    private final ScopeSizer sizer;

    NamespacePlanner(String namespace, boolean root, List<Caller> targets, Map<String, SortedSet<String>> needs,
                     Set<String> external, List<String> always, ScopeSizer sizer) {
        this.namespace = namespace;
        this.root = root;
        this.targets = targets.stream().filter(c -> !root || !c.selector().isEmpty()).toList();
        this.needs = needs;
        this.external = external;
        this.always = always;
        this.sizer = sizer;
    }

    /** Workloads of the root namespace that cannot be given a Sidecar of their own (empty labels). */
    static List<Caller> unscopable(boolean root, List<Caller> targets) {
        return root ? targets.stream().filter(c -> c.selector().isEmpty()).toList() : List.of();
    }

    Layout plan(Strategy strategy) {
        return switch (strategy) {
            case WORKLOAD -> workload();
            case NAMESPACE -> root ? workload() : namespaceDefault();
            case AUTO -> auto();
        };
    }

    /** One override per workload. */
    Layout workload() {
        Set<String> overridden = new TreeSet<>();
        targets.stream().filter(c -> !c.selector().isEmpty()).forEach(c -> overridden.add(c.id()));
        return build("workload", overridden);
    }

    /** The seed's pattern: a default for in-mesh calls; overrides for workloads calling external hosts. */
    Layout namespaceDefault() {
        Set<String> overridden = new TreeSet<>();
        for (Caller c : targets) {
            if (!c.selector().isEmpty() && needsOf(c).stream().anyMatch(external::contains)) {
                overridden.add(c.id());
            }
        }
        return build("namespace", overridden);
    }

    /** The smallest of: workload, namespace, and defaults of the hosts shared by at least k workloads. */
    Layout auto() {
        List<Layout> candidates = new ArrayList<>();
        candidates.add(workload());
        if (!root) {
            candidates.add(namespaceDefault());
            Map<String, Integer> users = new TreeMap<>();
            targets.forEach(c -> needsOf(c).forEach(h -> users.merge(h, 1, Integer::sum)));
            TreeSet<Integer> thresholds = new TreeSet<>(users.values());
            for (int k : thresholds.descendingSet()) {
                Set<String> shared = new TreeSet<>();
                users.forEach((h, n) -> {
                    if (n >= k) {
                        shared.add(h);
                    }
                });
                Set<String> overridden = new TreeSet<>();
                for (Caller c : targets) {
                    if (!c.selector().isEmpty() && !shared.containsAll(needsOf(c))) {
                        overridden.add(c.id());
                    }
                }
                candidates.add(build("namespace default of hosts shared by " + k + "+ workloads", overridden));
            }
        }
        Layout best = candidates.stream()
                .min(Comparator.comparingLong(Layout::cost).thenComparingInt(Layout::sidecars)).orElseThrow();
        return new Layout(best.namespace(), "auto: " + best.label(), best.defaultHosts(), best.overrides(), best.cost());
    }

    /** The layout in which {@code overridden} get their own Sidecar and every other workload uses the default. */
    private Layout build(String label, Set<String> overridden) {
        Map<String, SortedSet<String>> overrides = new TreeMap<>();
        SortedSet<String> defaults = new TreeSet<>(always);
        boolean anyDefaultUser = false;
        for (Caller c : targets) {
            if (overridden.contains(c.id())) {
                SortedSet<String> own = new TreeSet<>(always);
                own.addAll(needsOf(c));
                overrides.put(c.id(), own);
            } else {
                defaults.addAll(needsOf(c));
                anyDefaultUser = true;
            }
        }
        SortedSet<String> def = anyDefaultUser && !root ? defaults : null;
        long cost = 0;
        for (Caller c : targets) {
            Collection<String> hosts = overrides.containsKey(c.id()) ? overrides.get(c.id()) : def;
            cost += (long) c.replicas() * (hosts == null ? sizer.unscoped(c) : sizer.size(c, hosts));
        }
        return new Layout(namespace, label, def, overrides, cost);
    }

    private SortedSet<String> needsOf(Caller c) {
        return needs.getOrDefault(c.id(), new TreeSet<>());
    }
}
