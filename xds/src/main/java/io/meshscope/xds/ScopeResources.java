package io.meshscope.xds;

import java.util.List;

/**
 * The outbound resources of one scope, sorted by name: everything that depends only on the SidecarScope (and the
 * mesh), so every proxy using the same scope (and the same DestinationRule selection) shares this instance. For
 * sidecars: outbound and catch-all clusters, their EDS assignments, outbound listeners with virtualOutbound,
 * and the RDS route configs; for proxyless gRPC: API listeners, their route configs, EDS clusters, assignments.
 */
public final class ScopeResources {
    private final List<NamedResource> clusters;
    private final List<NamedResource> endpoints;
    private final List<NamedResource> listeners;
    private final List<NamedResource> routes;

    /** Sorts each list by name (and rejects duplicate names). */
    public ScopeResources(List<NamedResource> clusters, List<NamedResource> endpoints, List<NamedResource> listeners,
                          List<NamedResource> routes) {
        this.clusters = NamedResource.sorted(clusters);
        this.endpoints = NamedResource.sorted(endpoints);
        this.listeners = NamedResource.sorted(listeners);
        this.routes = NamedResource.sorted(routes);
    }

    private ScopeResources(ScopeResources same, List<NamedResource> endpoints) {
        this.clusters = same.clusters;
        this.endpoints = endpoints;
        this.listeners = same.listeners;
        this.routes = same.routes;
    }

    /**
     * These resources with some assignments replaced by new versions under the same names (an endpoint update):
     * the other lists stay the same instances and nothing is sorted again.
     */
    ScopeResources withEndpoints(List<NamedResource> sameNamesInOrder) {
        if (sameNamesInOrder.size() != endpoints.size()) {
            throw new IllegalArgumentException("an endpoint update keeps the assignment names");
        }
        return new ScopeResources(this, List.copyOf(sameNamesInOrder));
    }

    public List<NamedResource> clusters() {
        return clusters;
    }

    /** The ClusterLoadAssignments of the scope's EDS clusters. */
    public List<NamedResource> endpoints() {
        return endpoints;
    }

    public List<NamedResource> listeners() {
        return listeners;
    }

    public List<NamedResource> routes() {
        return routes;
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
