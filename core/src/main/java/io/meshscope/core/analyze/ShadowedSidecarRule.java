package io.meshscope.core.analyze;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * §12.1, §12.2, §12.10: Sidecars that lose to another one where the docs call the outcome undefined or say
 * otherwise. Several selector-less Sidecars in a namespace: the oldest wins. Overlapping selectors: the oldest
 * wins. {@code workloadSelector: {}}: matches every workload and outranks every selector-less Sidecar.
 */
final class ShadowedSidecarRule implements DocsRule {
    private static final int MAX_LISTED = 4;

    @Override
    public void check(MeshInput input, MeshIndex index, List<AnalysisMessage> out) {
        String root = input.meshConfig().rootNamespace();
        Map<String, List<Sidecar>> byNs = new TreeMap<>();
        input.sidecars().forEach(s -> byNs.computeIfAbsent(s.meta().namespace(), n -> new ArrayList<>()).add(s));
        byNs.forEach((ns, sidecars) -> namespaceDefaults(ns, root, sidecars, out));
        selectorOverlaps(input, index, out);
    }

    private static void namespaceDefaults(String ns, String root, List<Sidecar> sidecars, List<AnalysisMessage> out) {
        List<Sidecar> plain = sidecars.stream().filter(s -> !s.hasSelector())
                .sorted(MeshObject.OLDEST_FIRST).toList();
        Sidecar emptySelector = sidecars.stream().filter(s -> s.hasSelector() && s.workloadSelector().labels().isEmpty())
                .min(MeshObject.OLDEST_FIRST).orElse(null);
        for (int i = 0; i < plain.size(); i++) {
            Sidecar s = plain.get(i);
            if (emptySelector != null && !(i == 0 && ns.equals(root))) {
                out.add(DocsRule.message(s, "metadata.name", "this Sidecar never applies to a workload of namespace "
                        + ns + ": " + emptySelector.meta().id().nsName() + " has workloadSelector: {}, which at runtime"
                        + " matches every workload and outranks any Sidecar without workloadSelector. The docs and"
                        + " istioctl treat {} as namespace-wide; Istio's code does not. Keep one of the two."));
            } else if (i > 0) {
                Sidecar oldest = plain.get(0);
                out.add(DocsRule.message(s, "metadata.name", "this Sidecar never applies: "
                        + oldest.meta().id().nsName() + " is the oldest Sidecar without workloadSelector in namespace "
                        + ns + " (" + order(oldest, s) + ") and is used for every workload that no selector Sidecar"
                        + " matches" + (ns.equals(root) ? ", and as the mesh-wide default" : "") + ". The docs call"
                        + " several such Sidecars undefined; Istio's code picks the oldest by creationTimestamp, then"
                        + " name. Merge them into one."));
            }
        }
    }

    private static void selectorOverlaps(MeshInput input, MeshIndex index, List<AnalysisMessage> out) {
        Map<Sidecar, Map<Sidecar, TreeSet<String>>> losses = new LinkedHashMap<>();
        for (Workload w : ProxyWorkloads.of(input)) {
            SidecarSelection sel = index.select(Describer.proxyOf(w, ProxyType.SIDECAR));
            for (SidecarSelection.Shadowed sh : sel.shadowed()) {
                if (sh.sidecar().hasSelector() && sel.sidecar() != null && sel.sidecar().hasSelector()) {
                    losses.computeIfAbsent(sh.sidecar(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(sel.sidecar(), k -> new TreeSet<>()).add(w.name());
                }
            }
        }
        losses.forEach((loser, byWinner) -> byWinner.forEach((winner, workloads) -> out.add(DocsRule.message(loser,
                "spec.workloadSelector", "this Sidecar does not apply to " + Findings.firstOf(new ArrayList<>(workloads),
                        MAX_LISTED) + ": " + winner.meta().id().nsName() + " also selects "
                        + (workloads.size() == 1 ? "it" : "them") + " and wins (" + order(winner, loser) + "). The docs"
                        + " call overlapping selectors undefined; Istio's code applies the oldest. Make the selectors"
                        + " disjoint."))));
    }

    /** Why {@code winner} comes first in Istio's order: creation time, then name. */
    private static String order(Sidecar winner, Sidecar loser) {
        long w = winner.meta().creationEpochSeconds();
        if (w != loser.meta().creationEpochSeconds()) {
            return "created earlier, " + Instant.ofEpochSecond(w);
        }
        return "same creationTimestamp; its name sorts first";
    }
}
