package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * Something that runs proxies: a Pod, a workload controller (its pod template) or a WorkloadEntry.
 * {@code labels}/{@code annotations} are those its proxies carry; {@code replicas} is how many proxies it stands for.
 */
public record Workload(
        ObjectMeta meta,
        WorkloadKind kind,
        Map<String, String> labels,
        Map<String, String> annotations,
        int replicas,
        List<String> addresses,
        List<Integer> containerPorts) implements MeshObject {

    public Workload {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        addresses = List.copyOf(addresses);
        containerPorts = List.copyOf(containerPorts);
    }

    public String namespace() {
        return meta.namespace();
    }

    public String name() {
        return meta.name();
    }
}
