package io.meshscope.core.analyze;

import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Istio's {@code sidecar.SelectorAnalyzer} (sidecar-semantics.md §9.1): selectors that match no workload
 * (IST0101), workloads selected by several Sidecars (IST0110), several namespace-wide Sidecars in one namespace
 * (IST0111), and Sidecars that target ambient Pods or namespaces (IST0167). Istio looks at Pods only; here a
 * workload is whatever {@link SelectedWorkloads} says, controllers' pod templates included (istio/istio#40861).
 */
public final class SidecarSelectorAnalyzer implements Analyzer {
    static final String AMBIENT_REDIRECTION = "ambient.istio.io/redirection";
    static final String DATAPLANE_MODE = "istio.io/dataplane-mode";
    static final String INJECTION = "istio-injection";
    static final String REVISION = "istio.io/rev";

    @Override
    public String name() {
        return "sidecar.SelectorAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MessageTypes.REFERENCED_RESOURCE_NOT_FOUND, MessageTypes.CONFLICTING_SIDECAR_WORKLOAD_SELECTORS,
                MessageTypes.MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS, MessageTypes.INEFFECTIVE_POLICY);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        List<AnalysisMessage> out = new ArrayList<>();
        // Sorted maps so the Sidecar name lists come out sorted, as the messages are specified.
        Map<ResourceId, List<Sidecar>> podToSidecars = new TreeMap<>();
        Map<ResourceId, Workload> pods = new LinkedHashMap<>();
        Map<String, List<Sidecar>> namespaceWide = new TreeMap<>();
        SelectedWorkloads selected = new SelectedWorkloads(input);

        for (Sidecar s : sortedByName(input.sidecars())) {
            if (isNamespaceWide(s)) {
                namespaceWide.computeIfAbsent(s.meta().namespace(), n -> new ArrayList<>()).add(s);
                continue;
            }
            Map<String, String> selector = s.workloadSelector().labels();
            // Selector Sidecars only ever select workloads of their own namespace.
            List<Workload> matched = selected.selectedBy(s.meta().namespace(), selector);
            for (Workload pod : matched) {
                podToSidecars.computeIfAbsent(pod.id(), p -> new ArrayList<>()).add(s);
                pods.put(pod.id(), pod);
            }
            if (matched.isEmpty() && selected.judges(s.meta().namespace())) {
                out.add(selectorNotFound(s, selector));
            }
        }

        // Istio reports IST0167 at most once per Sidecar, across pods and namespaces.
        Set<ResourceId> ineffectiveReported = new HashSet<>();
        podToSidecars.forEach((podId, sidecars) -> {
            boolean ambient = podInAmbientMode(pods.get(podId));
            for (Sidecar s : sidecars) {
                if (ambient) {
                    if (ineffectiveReported.add(s.id())) {
                        out.add(ineffective(s, "selected workload is in ambient mode, the policy has no impact"));
                    }
                } else if (sidecars.size() > 1) {
                    out.add(conflicting(s, sidecars, podId));
                }
            }
        });

        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        input.namespaces().forEach(n -> namespaces.put(n.meta().name(), n));
        namespaceWide.forEach((ns, sidecars) -> {
            if (namespaceInAmbientMode(namespaces.get(ns))) {
                // Reported even for a single Sidecar: nothing in an ambient namespace reads it.
                for (Sidecar s : sidecars) {
                    if (ineffectiveReported.add(s.id())) {
                        out.add(ineffective(s, "namespace is in ambient mode, the policy has no impact"));
                    }
                }
            } else if (sidecars.size() > 1) {
                for (Sidecar s : sidecars) {
                    out.add(multipleWithoutSelector(s, sidecars, ns));
                }
            }
        });
        return out;
    }

    /** The analyzer counts {@code workloadSelector: {}} as namespace-wide, unlike istiod at runtime (§3.4). */
    static boolean isNamespaceWide(Sidecar s) {
        return s.workloadSelector() == null || s.workloadSelector().labels().isEmpty();
    }

    static boolean podInAmbientMode(Workload pod) {
        return pod != null && "enabled".equals(pod.annotations().get(AMBIENT_REDIRECTION));
    }

    /** Istio's {@code NamespaceInAmbientMode}: an injection label or a revision wins over the dataplane mode. */
    static boolean namespaceInAmbientMode(Namespace ns) {
        if (ns == null) {
            return false;
        }
        Map<String, String> labels = ns.meta().labels();
        if ("enabled".equals(labels.get(INJECTION))) {
            return false;
        }
        String rev = labels.get(REVISION);
        if (rev != null && !rev.isEmpty()) {
            return false;
        }
        return "ambient".equals(labels.get(DATAPLANE_MODE));
    }

    private static List<Sidecar> sortedByName(List<Sidecar> sidecars) {
        return sidecars.stream().sorted(Comparator.comparing(Sidecar::id)).toList();
    }

    private static AnalysisMessage selectorNotFound(Sidecar s, Map<String, String> selector) {
        String rendered = Labels.render(selector);
        String field = "spec.workloadSelector.labels";
        // Istio points at the line of the first (sorted) selector label.
        String firstKey = new TreeMap<>(selector).firstKey();
        return new AnalysisMessage(MessageTypes.REFERENCED_RESOURCE_NOT_FOUND, s.id(),
                s.meta().locate(field + "." + firstKey), field,
                "Referenced selector not found: " + GoFormat.quote(rendered));
    }

    private static AnalysisMessage conflicting(Sidecar s, List<Sidecar> all, ResourceId pod) {
        String text = "The Sidecars " + GoFormat.list(names(all)) + " in namespace " + GoFormat.quote(pod.namespace())
                + " select the same workload pod " + GoFormat.quote(pod.name())
                + ", which can lead to undefined behavior.";
        return new AnalysisMessage(MessageTypes.CONFLICTING_SIDECAR_WORKLOAD_SELECTORS, s.id(),
                s.meta().locate("metadata.name"), "metadata.name", text);
    }

    private static AnalysisMessage multipleWithoutSelector(Sidecar s, List<Sidecar> all, String ns) {
        String text = "The Sidecars " + GoFormat.list(names(all)) + " in namespace " + GoFormat.quote(ns)
                + " have no workload selector, which can lead to undefined behavior.";
        return new AnalysisMessage(MessageTypes.MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS, s.id(),
                s.meta().location(), "", text);
    }

    private static AnalysisMessage ineffective(Sidecar s, String reason) {
        return new AnalysisMessage(MessageTypes.INEFFECTIVE_POLICY, s.id(), s.meta().location(), "",
                "The policy has no impact: " + reason + ".");
    }

    private static List<String> names(List<Sidecar> sidecars) {
        return sidecars.stream().map(s -> s.meta().name()).sorted().toList();
    }
}
