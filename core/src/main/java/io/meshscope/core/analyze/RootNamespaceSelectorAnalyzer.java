package io.meshscope.core.analyze;

import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * MS0005: a Sidecar with a workloadSelector in the root namespace written as if mesh-wide. Selector Sidecars
 * never cross namespaces and are never the root default (sidecar-semantics.md §3.1, §3.3): it applies only to
 * root-namespace workloads. Reported for {@code workloadSelector: {}} and for a selector that matches workloads
 * elsewhere but none in the root namespace (one that matches nothing anywhere is MS0009's).
 */
public final class RootNamespaceSelectorAnalyzer implements Analyzer {
    private static final int MAX_LISTED = 4;

    @Override
    public String name() {
        return "meshscope.RootNamespaceSelectorAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MeshscopeMessageTypes.ROOT_SELECTOR_NOT_MESH_WIDE);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        String root = input.meshConfig().rootNamespace();
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            if (!s.hasSelector() || !s.meta().namespace().equals(root)) {
                continue;
            }
            String field = "spec.workloadSelector";
            if (s.workloadSelector().labels().isEmpty()) {
                out.add(Findings.at(MeshscopeMessageTypes.ROOT_SELECTOR_NOT_MESH_WIDE, s, field,
                        field + " is {} in the root namespace " + root + ": it selects every workload of " + root
                                + " and nothing else. A Sidecar with a workloadSelector, even an empty one, is never the"
                                + " mesh-wide default. For a mesh-wide default, remove workloadSelector."));
                continue;
            }
            TreeSet<String> inRoot = new TreeSet<>();
            TreeSet<String> elsewhere = new TreeSet<>();
            for (Workload w : input.workloads()) {
                if (Labels.selects(s.workloadSelector().labels(), w.labels())) {
                    (w.namespace().equals(root) ? inRoot : elsewhere).add(w.namespace() + "/" + w.name());
                }
            }
            if (inRoot.isEmpty() && !elsewhere.isEmpty()) {
                out.add(Findings.at(MeshscopeMessageTypes.ROOT_SELECTOR_NOT_MESH_WIDE, s, field,
                        field + " " + Labels.render(s.workloadSelector().labels()) + " in the root namespace " + root
                                + " applies only to workloads in " + root + ", and selects none there. It matches "
                                + Findings.count(elsewhere.size(), "workload") + " in other namespaces ("
                                + Findings.firstOf(new ArrayList<>(elsewhere), MAX_LISTED) + "), which it never applies"
                                + " to: selector Sidecars never cross namespaces. Put a copy in each of those namespaces,"
                                + " or remove workloadSelector to make it the mesh-wide default."));
            }
        }
        return out;
    }
}
