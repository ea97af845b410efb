package io.meshscope.server.snapshot;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workloads of one snapshot indexed the way connecting proxies are matched to them: Pods by namespace and
 * name, Pods and WorkloadEntries by address (the first in input order wins), controllers by namespace. Built once per snapshot, so
 * resolving every connected proxy after a change costs a map lookup each, not a scan of every workload.
 */
public final class WorkloadLookup {
    private final Map<String, Workload> podsByName = new HashMap<>();
    private final Map<String, Workload> byAddress = new HashMap<>();
    /** Controllers by namespace, then by name (several kinds may share one), in input order. */
    private final Map<String, Map<String, List<Workload>>> controllers = new HashMap<>();

    private WorkloadLookup(MeshInput input) {
        for (Workload w : input.workloads()) {
            if (w.kind() == WorkloadKind.POD) {
                podsByName.putIfAbsent(w.namespace() + "/" + w.name(), w);
            }
            if (w.kind() == WorkloadKind.POD || w.kind() == WorkloadKind.WORKLOAD_ENTRY) {
                for (String a : w.addresses()) {
                    byAddress.putIfAbsent(a, w);
                }
            } else {
                controllers.computeIfAbsent(w.namespace(), n -> new HashMap<>())
                        .computeIfAbsent(w.name(), n -> new ArrayList<>()).add(w);
            }
        }
    }

    public static WorkloadLookup of(MeshInput input) {
        return new WorkloadLookup(input);
    }

    /** The Pod {@code namespace/name}, or null. */
    public Workload pod(String namespace, String name) {
        return podsByName.get(namespace + "/" + name);
    }

    /**
     * The controller (Deployment, StatefulSet, ...) whose pod {@code podName} is, for inputs that hold controllers
     * but no Pods (manifests from Git): the pod name starts with the controller's name and a dash, and the pod's
     * labels, when known, include the pod template's. The longest such name wins; null when none.
     */
    public Workload controllerOf(String namespace, String podName, Map<String, String> podLabels) {
        Map<String, List<Workload>> byName = controllers.get(namespace);
        if (byName == null) {
            return null;
        }
        // Candidate names are the pod name's prefixes before a dash, longest first: a lookup per dash instead of a
        // scan of the namespace's controllers (every connected proxy is resolved again on every push).
        for (int dash = podName.lastIndexOf('-'); dash > 0; dash = podName.lastIndexOf('-', dash - 1)) {
            for (Workload c : byName.getOrDefault(podName.substring(0, dash), List.of())) {
                if (podLabels.isEmpty() || podLabels.entrySet().containsAll(c.labels().entrySet())) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The first Pod or WorkloadEntry with this address, or null. */
    public Workload byAddress(String ip) {
        return byAddress.get(ip);
    }
}
