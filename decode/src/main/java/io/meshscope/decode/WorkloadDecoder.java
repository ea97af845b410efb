package io.meshscope.decode;

import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadEntrySpec;
import io.meshscope.core.model.WorkloadKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pods, workload controllers and WorkloadEntries as {@link Workload}s: the labels and annotations their proxies
 * carry (a controller's pod template, not its own metadata) and how many proxies each stands for.
 */
final class WorkloadDecoder {
    private WorkloadDecoder() {
    }

    static Workload pod(NodeReader object, ObjectMeta meta) {
        Set<String> addresses = new LinkedHashSet<>();
        NodeReader status = object.get("status");
        addIfPresent(addresses, status.get("podIP").string());
        for (NodeReader ip : status.get("podIPs").items()) {
            addIfPresent(addresses, ip.get("ip").string());
        }
        ProxyModes.check(object.get("metadata"));
        if (!addresses.isEmpty() && addresses.stream().allMatch(a -> a.contains(":"))) {
            ProxyModes.ipv6Only(status.get("podIPs").isPresent() ? status.get("podIPs") : status.get("podIP"));
        }
        return new Workload(meta, WorkloadKind.POD, meta.labels(), meta.annotations(), 1,
                new ArrayList<>(addresses), containerPorts(object.get("spec")), null, serviceAccount(object.get("spec")));
    }

    /** A Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob, read through its pod template. */
    static Workload controller(WorkloadKind kind, NodeReader object, ObjectMeta meta) {
        NodeReader spec = object.get("spec");
        NodeReader podOwner = kind == WorkloadKind.CRON_JOB ? spec.get("jobTemplate").get("spec") : spec;
        NodeReader template = podOwner.get("template");
        NodeReader templateMeta = template.get("metadata");
        ProxyModes.check(templateMeta);
        int replicas = switch (kind) {
            case DAEMON_SET -> 1;
            case JOB, CRON_JOB -> replicas(podOwner.get("parallelism"));
            default -> replicas(spec.get("replicas"));
        };
        return new Workload(meta, kind, templateMeta.get("labels").stringMap(),
                templateMeta.get("annotations").stringMap(), replicas, List.of(), containerPorts(template.get("spec")),
                null, serviceAccount(template.get("spec")));
    }

    /**
     * The pod spec's service account: {@code serviceAccountName}, else the deprecated {@code serviceAccount}, else
     * {@code default}, which the API server's ServiceAccount admission sets on every pod that names none.
     */
    private static String serviceAccount(NodeReader podSpec) {
        String name = podSpec.get("serviceAccountName").string();
        if (name == null || name.isEmpty()) {
            name = podSpec.get("serviceAccount").string();
        }
        return name == null || name.isEmpty() ? "default" : name;
    }

    /**
     * A WorkloadEntry; its spec is kept as written ({@link WorkloadEntrySpec}) so validation can judge it as Istio's
     * webhook does. Ports are uint32 in the proto: any such number decodes, and validation rejects those outside
     * 1..65535; only those that fit a port are served.
     */
    static Workload workloadEntry(NodeReader object, ObjectMeta meta) {
        NodeReader spec = object.get("spec");
        String address = spec.get("address").string();
        List<String> addresses = new ArrayList<>();
        addIfPresent(addresses, address);
        List<Workload.ContainerPort> ports = new ArrayList<>();
        Map<String, Long> written = new LinkedHashMap<>();
        for (Map.Entry<String, NodeReader> port : spec.get("ports").entries().entrySet()) {
            Long number = port.getValue().integer(0, SidecarParts.UINT32_MAX);
            if (number != null) {
                written.put(port.getKey(), number);
                if (number <= Integer.MAX_VALUE) {
                    ports.add(new Workload.ContainerPort(port.getKey(), number.intValue(), ""));
                }
            }
        }
        Map<String, String> labels = spec.get("labels").stringMap();
        WorkloadEntrySpec entry = new WorkloadEntrySpec(address, written, labels, spec.get("network").string(),
                spec.get("locality").string(), spec.get("weight").integer(0, SidecarParts.UINT32_MAX),
                spec.get("serviceAccount").string());
        return new Workload(meta, WorkloadKind.WORKLOAD_ENTRY, labels, meta.annotations(), 1, addresses, ports,
                entry, entry.serviceAccount());
    }

    private static int replicas(NodeReader field) {
        Long n = field.integer(0, Integer.MAX_VALUE);
        return n == null ? 1 : n.intValue();
    }

    /**
     * The ports a pod spec declares: its containers', then those of native sidecar init containers
     * ({@code restartPolicy: Always}), the order in which istiod's {@code FindPort} looks a named targetPort up.
     */
    private static List<Workload.ContainerPort> containerPorts(NodeReader podSpec) {
        List<Workload.ContainerPort> ports = new ArrayList<>();
        for (NodeReader container : podSpec.get("containers").items()) {
            addPorts(container, ports);
        }
        for (NodeReader container : podSpec.get("initContainers").items()) {
            if ("Always".equals(container.get("restartPolicy").string())) {
                addPorts(container, ports);
            }
        }
        return ports;
    }

    private static void addPorts(NodeReader container, List<Workload.ContainerPort> into) {
        for (NodeReader port : container.get("ports").items()) {
            Long number = port.get("containerPort").integer(0, 65535);
            if (number != null) {
                into.add(new Workload.ContainerPort(port.get("name").stringOr(""), number.intValue(),
                        port.get("protocol").stringOr("TCP")));
            }
        }
    }

    private static void addIfPresent(java.util.Collection<String> into, String value) {
        if (value != null && !value.isEmpty()) {
            into.add(value);
        }
    }
}
