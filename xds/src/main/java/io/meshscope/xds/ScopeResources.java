package io.meshscope.xds;

import java.util.List;

/**
 * The outbound resources of one scope, sorted by name: everything that depends only on the SidecarScope (and the
 * mesh), so every proxy using the same scope (and the same DestinationRule selection) shares this instance. For
 * sidecars: outbound and catch-all clusters, their EDS assignments, outbound listeners with virtualOutbound,
 * and the RDS route configs; for proxyless gRPC: API listeners, their route configs, EDS clusters, assignments.
 */
public record ScopeResources(List<NamedResource> clusters, List<NamedResource> endpoints,
                             List<NamedResource> listeners, List<NamedResource> routes) {

    public ScopeResources {
        clusters = NamedResource.sorted(clusters);
        endpoints = NamedResource.sorted(endpoints);
        listeners = NamedResource.sorted(listeners);
        routes = NamedResource.sorted(routes);
    }

    /** The resources of one type. */
    public List<NamedResource> resources(XdsType type) {
        return switch (type) {
            case CLUSTER -> clusters;
            case ENDPOINT -> endpoints;
            case LISTENER -> listeners;
            case ROUTE -> routes;
        };
    }
}
