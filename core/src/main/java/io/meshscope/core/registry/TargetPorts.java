package io.meshscope.core.registry;

import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;

/**
 * The port a workload serves a service port on: the port of its EDS endpoint and the {@code TargetPort} of its
 * service target (which names its inbound cluster {@code inbound|P||} and filter chain). A Kubernetes
 * {@code targetPort} may be a number or the name of a container port, and each workload resolves a name on its
 * own, so pods of one service can serve the same port name on different numbers.
 *
 * <p>Follows istiod ({@code pilot/pkg/serviceregistry/kube/controller}): {@code FindPort} for Pods (and a
 * controller's pod template, which is what its pods will declare), {@code findServiceTargetPort} +
 * {@code serviceInstanceFromWorkloadInstance} for WorkloadEntries selected by a Service, and
 * {@code convertWorkloadInstanceToServiceInstance} ({@code serviceentry/conversion.go}) for ServiceEntries.
 */
public final class TargetPorts {
    /** No port: istiod skips this workload's endpoint and service target for the service port. */
    public static final int NONE = -1;

    private TargetPorts() {
    }

    /**
     * The {@code spec.ports} entry behind a registry port (istiod's {@code findServiceTargetPort}: same name or
     * same port number, the first one listed), or null.
     */
    public static KubeService.KubePort specPort(KubeService service, ServicePort port) {
        for (KubeService.KubePort p : service.ports()) {
            if (p.name().equals(port.name()) || p.port() == port.port()) {
                return p;
            }
        }
        return null;
    }

    /** The name a {@code targetPort} gives, or null when it is a number or unset (then it follows the port). */
    public static String targetName(KubeService.KubePort port) {
        String t = port.targetPort() == null ? "" : port.targetPort().trim();
        return t.isEmpty() || numeric(t) ? null : t;
    }

    /** The number a {@code targetPort} gives: written, else the service port itself (Kubernetes' default). */
    private static int targetNumber(KubeService.KubePort port) {
        String t = port.targetPort() == null ? "" : port.targetPort().trim();
        if (numeric(t)) {
            try {
                int n = Integer.parseInt(t);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // out of int range: validation's business; fall back to the port as for an unset targetPort
            }
        }
        return port.port();
    }

    private static boolean numeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** The port a Kubernetes Service port reaches on a workload, or {@link #NONE}. */
    public static int ofKubernetes(KubeService.KubePort port, Workload workload) {
        return workload.kind() == WorkloadKind.WORKLOAD_ENTRY ? ofWorkloadEntry(port, workload) : ofPod(port, workload);
    }

    /**
     * {@code FindPort}: a number as written; a name is the first declared port with that name and the service
     * port's L4 protocol (containers, then native sidecar init containers). No such port: {@link #NONE}, as the
     * Kubernetes endpoint controller leaves the pod out of that port's endpoints and istiod skips the target.
     */
    public static int ofPod(KubeService.KubePort port, Workload pod) {
        String name = targetName(port);
        if (name == null) {
            return targetNumber(port);
        }
        String protocol = port.protocol() == null || port.protocol().isEmpty() ? "TCP" : port.protocol();
        for (Workload.ContainerPort c : pod.containerPorts()) {
            if (c.name().equals(name) && c.protocol().equals(protocol)) {
                return c.number();
            }
        }
        return NONE;
    }

    /**
     * {@code serviceInstanceFromWorkloadInstance}: the WorkloadEntry's {@code ports} entry named by the
     * targetPort (or, for a numeric one, by the service port's name) wins; a named targetPort the entry lacks
     * skips it; otherwise the numeric targetPort, or the service port for a named one.
     */
    public static int ofWorkloadEntry(KubeService.KubePort port, Workload entry) {
        String explicit = targetName(port);
        String name = explicit != null ? explicit : port.name();
        int number = explicit != null ? port.port() : targetNumber(port);
        if (name != null && !name.isEmpty()) {
            for (Workload.ContainerPort c : entry.containerPorts()) {
                if (c.name().equals(name) && c.number() > 0) {
                    return c.number();
                }
            }
            if (explicit != null) {
                return NONE;
            }
        }
        return number;
    }

    /**
     * {@code convertWorkloadInstanceToServiceInstance}: the workload's port named like the ServiceEntry port (a
     * WorkloadEntry's {@code ports}; a pod's named TCP container ports, first wins), else the ServiceEntry's
     * targetPort, else its number.
     */
    public static int ofServiceEntry(ServicePort port, Workload workload) {
        boolean entry = workload.kind() == WorkloadKind.WORKLOAD_ENTRY;
        if (!port.name().isEmpty()) {
            for (Workload.ContainerPort c : workload.containerPorts()) {
                if (c.name().equals(port.name()) && c.number() > 0 && (entry || c.protocol().equals("TCP"))) {
                    return c.number();
                }
            }
        }
        return numericTarget(port);
    }

    /** A registry port's numeric targetPort, else the port itself (a named or unset targetPort is 0 there). */
    public static int numericTarget(ServicePort port) {
        return port.targetPort() > 0 ? port.targetPort() : port.port();
    }
}
