package io.meshscope.core.model;

import java.util.List;

/**
 * The endpoints of one Kubernetes Service, from an EndpointSlice (one of possibly several) or an Endpoints object.
 */
public record EndpointGroup(ObjectMeta meta, String serviceName, List<Address> addresses, List<Port> ports)
        implements MeshObject {

    public EndpointGroup {
        addresses = List.copyOf(addresses);
        ports = List.copyOf(ports);
    }

    /** One endpoint address. {@code zone} may be empty. */
    public record Address(String ip, boolean ready, String zone, String podName) {
    }

    /** One named endpoint port. */
    public record Port(String name, int port, String protocol) {
    }
}
