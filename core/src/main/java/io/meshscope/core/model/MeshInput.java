package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * Everything read from one set of inputs: the objects by kind, the effective MeshConfig, and what went wrong
 * while reading ({@code problems}: documents or fields that could not be decoded). Immutable.
 */
public record MeshInput(
        MeshConfig meshConfig,
        List<Namespace> namespaces,
        List<KubeService> services,
        List<ServiceEntry> serviceEntries,
        List<EndpointGroup> endpoints,
        List<Workload> workloads,
        List<Sidecar> sidecars,
        List<VirtualService> virtualServices,
        List<DestinationRule> destinationRules,
        List<PeerAuthentication> peerAuthentications,
        List<Diagnostic> problems,
        Map<String, Integer> skippedKinds,
        int documents) {

    public MeshInput {
        namespaces = List.copyOf(namespaces);
        services = List.copyOf(services);
        serviceEntries = List.copyOf(serviceEntries);
        endpoints = List.copyOf(endpoints);
        workloads = List.copyOf(workloads);
        sidecars = List.copyOf(sidecars);
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        peerAuthentications = List.copyOf(peerAuthentications);
        problems = List.copyOf(problems);
        skippedKinds = Map.copyOf(skippedKinds);
    }

    /** An input without PeerAuthentications (the many callers that build inputs of the networking kinds only). */
    public MeshInput(MeshConfig meshConfig, List<Namespace> namespaces, List<KubeService> services,
                     List<ServiceEntry> serviceEntries, List<EndpointGroup> endpoints, List<Workload> workloads,
                     List<Sidecar> sidecars, List<VirtualService> virtualServices,
                     List<DestinationRule> destinationRules, List<Diagnostic> problems,
                     Map<String, Integer> skippedKinds, int documents) {
        this(meshConfig, namespaces, services, serviceEntries, endpoints, workloads, sidecars, virtualServices,
                destinationRules, List.of(), problems, skippedKinds, documents);
    }

    /** This input with {@code peerAuthentications} in place of its own. */
    public MeshInput withPeerAuthentications(List<PeerAuthentication> peerAuthentications) {
        return new MeshInput(meshConfig, namespaces, services, serviceEntries, endpoints, workloads, sidecars,
                virtualServices, destinationRules, peerAuthentications, problems, skippedKinds, documents);
    }

    /** This input with exactly {@code sidecars} as its Sidecars. */
    public MeshInput withSidecars(List<Sidecar> sidecars) {
        return new MeshInput(meshConfig, namespaces, services, serviceEntries, endpoints, workloads, sidecars,
                virtualServices, destinationRules, peerAuthentications, problems, skippedKinds, documents);
    }

    /** An input with nothing in it but the given mesh config. */
    public static MeshInput empty(MeshConfig mesh) {
        return new MeshInput(mesh, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), Map.of(), 0);
    }

    /** True when some document or field could not be decoded at error level. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The number of mesh objects read (all kinds). */
    public int objectCount() {
        return namespaces.size() + services.size() + serviceEntries.size() + endpoints.size() + workloads.size()
                + sidecars.size() + virtualServices.size() + destinationRules.size() + peerAuthentications.size();
    }
}
