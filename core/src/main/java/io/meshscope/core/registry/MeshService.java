package io.meshscope.core.registry;

import io.meshscope.core.model.ResourceId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One registry service, as istiod's {@code model.Service}: a Kubernetes Service, or one host of a ServiceEntry.
 *
 * <p>{@code orderName} is Istio's {@code Attributes.Name} (the Service name, or the host for a ServiceEntry),
 * used with the creation time for every "oldest wins" tie-break. {@code exportTo} is the effective set after
 * mesh defaults. Copies trimmed to fewer ports keep {@link #source()} so they stay traceable.
 */
public record MeshService(
        String hostname,
        String namespace,
        Registry registry,
        List<ServicePort> ports,
        Set<String> exportTo,
        long creationEpochSeconds,
        String orderName,
        Resolution resolution,
        Map<String, String> labels,
        Map<String, String> selector,
        List<String> addresses,
        boolean meshExternal,
        ResourceId source) {

    /** Istio's {@code SortServicesByCreationTime}: creation time, then name, then namespace. */
    public static final Comparator<MeshService> CREATION_ORDER = Comparator
            .comparingLong(MeshService::creationEpochSeconds)
            .thenComparing(MeshService::orderName)
            .thenComparing(MeshService::namespace);

    public MeshService {
        ports = List.copyOf(ports);
        exportTo = Set.copyOf(exportTo);
        labels = Map.copyOf(labels);
        selector = Map.copyOf(selector);
        addresses = List.copyOf(addresses);
    }

    public boolean isKubernetes() {
        return registry == Registry.KUBERNETES;
    }

    /** This service with only the given ports (a trimmed copy, as istiod's DeepCopy + Ports rewrite). */
    public MeshService withPorts(List<ServicePort> newPorts) {
        return new MeshService(hostname, namespace, registry, newPorts, exportTo, creationEpochSeconds, orderName,
                resolution, labels, selector, addresses, meshExternal, source);
    }

    /** The port with this number, or null. */
    public ServicePort port(int number) {
        for (ServicePort p : ports) {
            if (p.port() == number) {
                return p;
            }
        }
        return null;
    }

    /** How clients resolve the service's endpoints (istiod's {@code Resolution}). */
    public enum Resolution { CLIENT_SIDE_LB, DNS_LB, DNS_ROUND_ROBIN_LB, PASSTHROUGH, ALIAS }
}
