package io.meshscope.core.analyze;

import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MS0009: a workloadSelector that selects no workload of any kind in its namespace: no Pod, Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or WorkloadEntry (Istio's IST0101 looks at Pods only). Not
 * judged in a namespace of which the input holds no workload, as when linting Istio config on its own.
 */
public final class SelectorMatchesNoWorkloadAnalyzer implements Analyzer {
    private static final int MAX_LISTED = 4;

    @Override
    public String name() {
        return "meshscope.SelectorMatchesNoWorkloadAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MeshscopeMessageTypes.SELECTOR_MATCHES_NO_WORKLOAD);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        if (input.workloads().isEmpty()) {
            return List.of();
        }
        SelectedWorkloads selected = new SelectedWorkloads(input);
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            if (!s.hasSelector() || s.workloadSelector().labels().isEmpty()) {
                continue;
            }
            Map<String, String> selector = s.workloadSelector().labels();
            String ns = s.meta().namespace();
            if (!selected.judges(ns) || !selected.selectedBy(ns, selector).isEmpty()) {
                continue;
            }
            List<Workload> inNs = selected.in(ns);
            String field = "spec.workloadSelector.labels";
            out.add(Findings.at(MeshscopeMessageTypes.SELECTOR_MATCHES_NO_WORKLOAD, s,
                    field + "." + new TreeMap<>(selector).firstKey(),
                    field + " " + Labels.render(selector) + " selects no workload in namespace " + ns + ": no Pod,"
                            + " Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or WorkloadEntry has these"
                            + " labels, so this Sidecar applies to nothing." + nearMisses(selector, inNs)));
        }
        return out;
    }

    /** Workloads that carry one of the selector's keys with another value: the likely typo. */
    private static String nearMisses(Map<String, String> selector, List<Workload> inNs) {
        TreeSet<String> seen = new TreeSet<>();
        for (Workload w : inNs) {
            for (String key : selector.keySet()) {
                String v = w.labels().get(key);
                if (v != null && !v.equals(selector.get(key))) {
                    seen.add(key + "=" + v);
                }
            }
        }
        return seen.isEmpty() ? "" : " Labels in use there: " + Findings.firstOf(new ArrayList<>(seen), MAX_LISTED) + ".";
    }
}
