package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * Something that runs proxies: a Pod, a workload controller (its pod template) or a WorkloadEntry.
 * {@code labels}/{@code annotations} are those its proxies carry; {@code replicas} is how many proxies it stands for.
 * {@code containerPorts} are the ports its containers declare (a WorkloadEntry's {@code ports} map), in declaration
 * order, which is the order istiod searches them when a Service's {@code targetPort} names one.
 * {@code entry} is a WorkloadEntry's spec as written (for validation), null for every other kind.
 * {@code serviceAccount} is the Kubernetes service account its proxies run as (a pod spec's
 * {@code serviceAccountName}, {@code default} when unset; a WorkloadEntry's {@code serviceAccount}), "" when unknown.
 */
public record Workload(
        ObjectMeta meta,
        WorkloadKind kind,
        Map<String, String> labels,
        Map<String, String> annotations,
        int replicas,
        List<String> addresses,
        List<ContainerPort> containerPorts,
        WorkloadEntrySpec entry,
        String serviceAccount) implements MeshObject {

    public Workload {
        serviceAccount = serviceAccount == null ? "" : serviceAccount;
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        addresses = List.copyOf(addresses);
        containerPorts = List.copyOf(containerPorts);
    }

    /** A workload whose service account is not known. */
    public Workload(ObjectMeta meta, WorkloadKind kind, Map<String, String> labels, Map<String, String> annotations,
                    int replicas, List<String> addresses, List<ContainerPort> containerPorts, WorkloadEntrySpec entry) {
        this(meta, kind, labels, annotations, replicas, addresses, containerPorts, entry, "");
    }

    /** A workload that is not a WorkloadEntry (or one whose spec is not kept). */
    public Workload(ObjectMeta meta, WorkloadKind kind, Map<String, String> labels, Map<String, String> annotations,
                    int replicas, List<String> addresses, List<ContainerPort> containerPorts) {
        this(meta, kind, labels, annotations, replicas, addresses, containerPorts, null);
    }

    public String namespace() {
        return meta.namespace();
    }

    public String name() {
        return meta.name();
    }

    /**
     * The locality istiod gives this workload's proxies and endpoints: its labels' ({@link Locality#fromLabels}:
     * node topology labels, then the locality label), else a WorkloadEntry's {@code locality}; null when unknown
     * (meshscope reads no Node objects, so a Pod's node topology counts only when its labels carry it).
     */
    public Locality locality() {
        Locality fromLabels = Locality.fromLabels(labels);
        if (fromLabels != null) {
            return fromLabels;
        }
        return entry != null && !entry.locality().isEmpty() ? Locality.parse(entry.locality()) : null;
    }

    /**
     * One declared port: a container's {@code ports[]} entry ({@code protocol} defaults to TCP; a native sidecar
     * init container's ports come after the containers'), or a WorkloadEntry {@code ports} entry (no protocol: "").
     * {@code name} is "" when unnamed.
     */
    public record ContainerPort(String name, int number, String protocol) {
        public ContainerPort {
            name = name == null ? "" : name;
            protocol = protocol == null ? "" : protocol;
        }
    }
}
