package io.meshscope.core.analyze;

import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one answer to "which workloads does this workloadSelector select?", shared by IST0101/IST0110/IST0167 and
 * MS0009: the workloads of the selector's namespace — Pods, WorkloadEntries, and the pod templates of
 * Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs — whose labels the selector matches.
 * A controller's pod template stands for the Pods it creates, so a repository without Pod objects is judged as
 * the cluster it deploys (istioctl looks at Pods only: istio/istio#40861, #51273). A Pod that is a controller's
 * replica is its controller, so a cluster snapshot listing both does not count it twice. A namespace of which
 * the input holds neither a workload nor a Namespace object is not judged: its workloads are unknown (a folder of
 * Istio config, or {@code generate}'s output on its own), not absent.
 */
final class SelectedWorkloads {
    /** Each namespace's workloads, in {@link ProxyWorkloads#all}'s order, grouped once (not rescanned per selector). */
    private final Map<String, List<Workload>> byNamespace;
    private final Set<String> described = new HashSet<>();
    private final Map<String, Map<String, List<Workload>>> byLabel = new HashMap<>();

    SelectedWorkloads(MeshInput input) {
        this.byNamespace = ProxyWorkloads.all(input).stream()
                .collect(Collectors.groupingBy(Workload::namespace, LinkedHashMap::new, Collectors.toUnmodifiableList()));
        described.addAll(byNamespace.keySet());
        input.namespaces().forEach(n -> described.add(n.meta().name()));
    }

    /**
     * True when the input describes the workloads of {@code namespace} (holds one of them, or its Namespace
     * object), so "selects nothing" can be claimed.
     */
    boolean judges(String namespace) {
        return described.contains(namespace);
    }

    /** Every workload of {@code namespace} (each once), sorted by name. */
    List<Workload> in(String namespace) {
        return byNamespace.getOrDefault(namespace, List.of());
    }

    /** The workloads of {@code namespace} whose labels {@code selector} matches; none for an empty selector. */
    List<Workload> selectedBy(String namespace, Map<String, String> selector) {
        if (selector.isEmpty()) {
            return List.of();
        }
        // Only workloads carrying the selector's first label can match: look those up instead of scanning the
        // namespace, so a namespace of thousands of workloads each with its own Sidecar is not quadratic.
        Map.Entry<String, String> first = selector.entrySet().iterator().next();
        List<Workload> carrying = byLabel.computeIfAbsent(namespace, this::indexByLabel)
                .getOrDefault(first.getKey() + "=" + first.getValue(), List.of());
        return carrying.stream().filter(w -> Labels.selects(selector, w.labels())).toList();
    }

    /** A namespace's workloads by each {@code key=value} label they carry, in {@link #in} order. */
    private Map<String, List<Workload>> indexByLabel(String namespace) {
        Map<String, List<Workload>> out = new HashMap<>();
        for (Workload w : in(namespace)) {
            w.labels().forEach((k, v) -> out.computeIfAbsent(k + "=" + v, x -> new ArrayList<>()).add(w));
        }
        return out;
    }
}
