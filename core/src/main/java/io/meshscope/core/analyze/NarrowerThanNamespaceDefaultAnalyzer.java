package io.meshscope.core.analyze;

import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.MeshIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MS0008 (Info): a workload Sidecar that imports nothing from a namespace its namespace default imports. A
 * matching workloadSelector Sidecar replaces the default; nothing is inherited (sidecar-semantics.md §3.2), so
 * such a narrowing is often unintended. The namespace default is the oldest selector-less Sidecar of the
 * namespace, else the root-namespace default.
 */
public final class NarrowerThanNamespaceDefaultAnalyzer extends IndexedAnalyzer {

    public NarrowerThanNamespaceDefaultAnalyzer() {
        this(new IndexCache());
    }

    NarrowerThanNamespaceDefaultAnalyzer(IndexCache cache) {
        super("meshscope.NarrowerThanNamespaceDefaultAnalyzer", MeshscopeMessageTypes.NARROWER_THAN_NAMESPACE_DEFAULT, cache);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        MeshIndex index = cache.of(input);
        Sidecar rootDefault = cache.consumers(input).rootDefault();
        // The namespace defaults, and what each imports, once: every workload Sidecar of a namespace shares them.
        Map<String, Sidecar> defaults = new HashMap<>();
        for (Sidecar d : input.sidecars()) {
            if (!d.hasSelector()) {
                defaults.merge(d.meta().namespace(), d, (a, b) -> MeshObject.OLDEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<String, Set<String>> importedByDefault = new HashMap<>();
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            if (!s.hasSelector()) {
                continue;
            }
            String ns = s.meta().namespace();
            Sidecar fallback = defaults.getOrDefault(ns, rootDefault);
            if (fallback == null) {
                continue;
            }
            Set<String> dropped = new TreeSet<>(importedByDefault.computeIfAbsent(ns,
                    n -> importedNamespaces(index, fallback, n)));
            dropped.removeAll(importedNamespaces(index, s, ns));
            if (dropped.isEmpty()) {
                continue;
            }
            List<String> hosts = dropped.stream().map(d -> d + "/*").toList();
            out.add(Findings.at(MeshscopeMessageTypes.NARROWER_THAN_NAMESPACE_DEFAULT, s, "spec.workloadSelector",
                    "this Sidecar replaces the namespace default " + fallback.meta().id().nsName()
                            + " for the workloads it selects (" + selector(s) + "), and nothing is inherited: they import nothing from namespace"
                            + (dropped.size() == 1 ? " " : "s ") + String.join(", ", dropped) + ", which "
                            + fallback.meta().id().nsName() + " imports. If these workloads call services there, add "
                            + Findings.quoted(hosts) + " or the exact hosts."));
        }
        return out;
    }

    private static String selector(Sidecar s) {
        Map<String, String> labels = s.workloadSelector().labels();
        return labels.isEmpty() ? "workloadSelector: {}, every workload" : Labels.render(labels);
    }

    /** Namespaces of the services the Sidecar's listeners import for proxies of {@code ns}. */
    private static Set<String> importedNamespaces(MeshIndex index, Sidecar s, String ns) {
        Set<String> out = new TreeSet<>();
        for (EgressScope es : index.scopeFor(s, ns).egress()) {
            for (MeshService svc : es.services()) {
                out.add(svc.namespace());
            }
        }
        return out;
    }
}
