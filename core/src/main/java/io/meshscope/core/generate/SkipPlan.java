package io.meshscope.core.generate;

import io.meshscope.core.deps.Caller;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.MeshIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How {@code --no-evidence skip} keeps the current scope of every sidecar workload the evidence does not cover:
 * the Sidecar that applies to it today is kept unchanged (the output replaces the input's Sidecars, so it must
 * hold it), no namespace default is generated over it unless a workload Sidecar of its own shields it (a new
 * default would otherwise become its scope), and a covered workload that such a kept Sidecar also selects is left
 * alone too (its own Sidecar would conflict with the kept one). Pure: decided from the input's Sidecars.
 */
final class SkipPlan {
    private final List<Unevidenced> skipped = new ArrayList<>();
    private final Map<String, Sidecar> kept = new LinkedHashMap<>();
    private final Map<String, List<String>> keptFor = new TreeMap<>();
    private final Map<String, List<String>> noDefault = new TreeMap<>();
    private final Set<String> excluded = new TreeSet<>();

    private SkipPlan() {
    }

    /** Nothing skipped ({@code --no-evidence isolate}): every uncovered workload is listed as isolated. */
    static SkipPlan isolate(Coverage coverage) {
        SkipPlan p = new SkipPlan();
        for (Caller c : coverage.uncovered()) {
            p.skipped.add(new Unevidenced(c, false, null, "no evidence of its calls; --no-evidence isolate gives it a"
                    + " Sidecar importing nothing but --always hosts"));
        }
        return p;
    }

    /** The plan that keeps every uncovered workload's current scope under {@code existing}'s Sidecars. */
    static SkipPlan skip(Coverage coverage, MeshIndex existing, List<Caller> sidecarCallers, boolean merge) {
        SkipPlan p = new SkipPlan();
        for (Caller c : coverage.uncovered()) {
            Sidecar s = existing.select(c.proxy()).sidecar();
            String name = s == null ? null : s.meta().id().nsName();
            if (s != null) {
                p.kept.putIfAbsent(name, s);
                p.keptFor.computeIfAbsent(name, k -> new ArrayList<>()).add(c.id());
            }
            if (s == null || s.workloadSelector() == null) {
                p.noDefault.computeIfAbsent(c.namespace(), k -> new ArrayList<>()).add(c.name());
            }
            p.skipped.add(new Unevidenced(c, true, name, "no evidence of its calls; its current scope is kept ("
                    + (s == null ? "no Sidecar applies to it" : merge ? "Sidecar " + name + " kept; --merge only adds"
                    + " hosts" : "Sidecar " + name + " kept as it is") + ")"));
        }
        // With --merge every input Sidecar stays and only gains hosts: a covered workload sharing one is merged.
        for (Caller c : merge ? List.<Caller>of() : sidecarCallers) {
            if (!coverage.covers(c)) {
                continue;
            }
            Sidecar s = existing.select(c.proxy()).sidecar();
            if (s != null && s.workloadSelector() != null && p.kept.containsKey(s.meta().id().nsName())) {
                p.excluded.add(c.id());
                p.skipped.add(new Unevidenced(c, true, s.meta().id().nsName(), "Sidecar " + s.meta().id().nsName()
                        + " also selects it and is kept for workloads without evidence; a Sidecar of its own would"
                        + " conflict with it, so its current scope is kept"));
            }
        }
        p.skipped.sort(Comparator.comparing(u -> u.caller().id()));
        return p;
    }

    /** The uncovered workloads (and covered ones left alone), in id order. */
    List<Unevidenced> unevidenced() {
        return skipped;
    }

    /** Whether generate plans a Sidecar for {@code c}. */
    boolean plans(Caller c, Coverage coverage, boolean isolate) {
        return isolate || coverage.covers(c) && !excluded.contains(c.id());
    }

    /** Input Sidecars kept unchanged, sorted by namespace and name. */
    List<Sidecar> kept() {
        return kept.values().stream().sorted(Comparator.comparing((Sidecar s) -> s.meta().namespace())
                .thenComparing(s -> s.meta().name())).toList();
    }

    /** The uncovered workloads ({@code namespace/name}) that keep {@code s}. */
    List<String> keptFor(Sidecar s) {
        return keptFor.getOrDefault(s.meta().id().nsName(), List.of());
    }

    /** Uncovered workloads of {@code namespace} a new namespace default would capture (empty: a default is safe). */
    List<String> blockingDefault(String namespace) {
        return noDefault.getOrDefault(namespace, List.of());
    }
}
