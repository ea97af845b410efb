package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/** A Kubernetes {@code v1 Service}: the registry's main source of in-mesh services. */
public record KubeService(
        ObjectMeta meta,
        List<KubePort> ports,
        String type,
        String clusterIP,
        String externalName,
        Map<String, String> selector) implements MeshObject {

    public KubeService {
        ports = List.copyOf(ports);
        selector = selector == null ? Map.of() : Map.copyOf(selector);
        type = type == null ? "ClusterIP" : type;
        clusterIP = clusterIP == null ? "" : clusterIP;
        externalName = externalName == null ? "" : externalName;
    }

    /** One {@code spec.ports[]} entry; {@code targetPort} is a number or a named container port (may be null). */
    public record KubePort(String name, int port, String protocol, String targetPort, String appProtocol) {
    }
}
