package io.meshscope.core.generate;

import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.whatif.WorkloadSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A gradual rollout of generated Sidecars, one namespace per step, least risky first — the seed's "Gradual
 * Rollout" ("one namespace at a time"). Risk is ordered by: workloads in the namespace that make calls (the
 * proxies whose routing changes), then calls seen from it (traffic), then distinct dependencies, then workloads in
 * other namespaces that call into it, then name. Each step says how much config it saves, by the size model,
 * against no Sidecars, and the running total.
 */
public record RolloutPlan(List<Step> steps, long unscopedTotal, String unit) {
    public RolloutPlan {
        steps = List.copyOf(steps);
    }

    /** One step: the namespace, its Sidecars, the risk figures, and the config saved by it and so far. */
    public record Step(int number, String namespace, List<String> sidecars, int callers, long traffic,
                       int dependencies, int dependents, long saved, long cumulativeSaved) {
        public Step {
            sidecars = List.copyOf(sidecars);
        }
    }

    public static RolloutPlan of(GenerationResult result) {
        List<Step> raw = new ArrayList<>();
        for (String ns : result.changedNamespaces()) {
            Set<String> callers = new HashSet<>();
            Set<String> edges = new HashSet<>();
            Set<String> dependents = new HashSet<>();
            long traffic = 0;
            for (ResolvedCall c : result.resolution().calls()) {
                if (!c.caller().isSidecar()) {
                    continue;
                }
                if (c.caller().namespace().equals(ns)) {
                    callers.add(c.caller().id());
                    edges.add(c.caller().id() + ">" + c.hostLine());
                    traffic += c.count();
                } else if (c.service().namespace().equals(ns)) {
                    dependents.add(c.caller().id());
                }
            }
            long saved = 0;
            for (WorkloadSize s : result.verification().sizes()) {
                if (s.caller().namespace().equals(ns) && s.caller().isSidecar()) {
                    saved += s.saved();
                }
            }
            List<String> sidecars = result.in(ns).stream().filter(d -> d.kind() != SidecarDraft.Kind.UNCHANGED)
                    .map(SidecarDraft::id).toList();
            raw.add(new Step(0, ns, sidecars, callers.size(), traffic, edges.size(), dependents.size(), saved, 0));
        }
        raw.sort(Comparator.comparingInt(Step::callers).thenComparingLong(Step::traffic)
                .thenComparingInt(Step::dependencies).thenComparingInt(Step::dependents)
                .thenComparing(Step::namespace));
        List<Step> steps = new ArrayList<>();
        long total = 0;
        for (Step s : raw) {
            total += s.saved();
            steps.add(new Step(steps.size() + 1, s.namespace(), s.sidecars(), s.callers(), s.traffic(),
                    s.dependencies(), s.dependents(), s.saved(), total));
        }
        return new RolloutPlan(steps, result.verification().totalUnscoped(), result.verification().unit());
    }

    /** The namespaces in rollout order. */
    public List<String> order() {
        return steps.stream().map(Step::namespace).toList();
    }
}
