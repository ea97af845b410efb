package io.meshscope.xds;

import java.util.List;

/** The inbound resources of one workload's sidecar (inbound clusters, virtualInbound and real inbound listeners). */
public record InboundResources(List<NamedResource> clusters, List<NamedResource> listeners) {
    /** None: proxyless gRPC clients get no inbound resources here. */
    public static final InboundResources NONE = new InboundResources(List.of(), List.of());

    public InboundResources {
        clusters = NamedResource.sorted(clusters);
        listeners = NamedResource.sorted(listeners);
    }

    /** The inbound resources of one type (inbound has clusters and listeners only). */
    public List<NamedResource> resources(XdsType type) {
        return switch (type) {
            case CLUSTER -> clusters;
            case LISTENER -> listeners;
            case ENDPOINT, ROUTE -> List.of();
        };
    }
}
