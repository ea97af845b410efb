package io.meshscope.xds;

/** The four xDS resource types meshscope generates, with the type URLs a DiscoveryResponse carries. */
public enum XdsType {
    CLUSTER("type.googleapis.com/envoy.config.cluster.v3.Cluster"),
    ENDPOINT("type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment"),
    LISTENER("type.googleapis.com/envoy.config.listener.v3.Listener"),
    ROUTE("type.googleapis.com/envoy.config.route.v3.RouteConfiguration");

    private final String typeUrl;

    XdsType(String typeUrl) {
        this.typeUrl = typeUrl;
    }

    /** The type URL of this resource type (also the {@code type_url} of the DiscoveryRequest). */
    public String typeUrl() {
        return typeUrl;
    }
}
