package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code networking.istio.io} ServiceEntry; it yields one registry service per host. {@code subjectAltNames}
 * are the identities its endpoints may present (istiod adds them to the service's accounts for mTLS SANs).
 */
public record ServiceEntry(
        ObjectMeta meta,
        List<String> hosts,
        List<String> addresses,
        List<SePort> ports,
        String location,
        String resolution,
        List<SeEndpoint> endpoints,
        WorkloadSelector workloadSelector,
        List<String> exportTo,
        List<String> subjectAltNames) implements MeshObject {

    public ServiceEntry {
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
        hosts = List.copyOf(hosts);
        addresses = List.copyOf(addresses);
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
        exportTo = List.copyOf(exportTo);
        location = location == null ? "MESH_EXTERNAL" : location;
        resolution = resolution == null ? "NONE" : resolution;
    }

    /** A ServiceEntry without {@code subjectAltNames}. */
    public ServiceEntry(ObjectMeta meta, List<String> hosts, List<String> addresses, List<SePort> ports,
                        String location, String resolution, List<SeEndpoint> endpoints,
                        WorkloadSelector workloadSelector, List<String> exportTo) {
        this(meta, hosts, addresses, ports, location, resolution, endpoints, workloadSelector, exportTo, List.of());
    }

    /** A ServiceEntry port; {@code targetPort} 0 when unset. */
    public record SePort(int number, String protocol, String name, int targetPort) {
    }

    /** An inline WorkloadEntry of a ServiceEntry; {@code network} and {@code serviceAccount} are "" when absent. */
    public record SeEndpoint(String address, Map<String, Integer> ports, Map<String, String> labels, String locality,
                             int weight, String network, String serviceAccount) {
        public SeEndpoint {
            serviceAccount = serviceAccount == null ? "" : serviceAccount;
            ports = ports == null ? Map.of() : Map.copyOf(ports);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            locality = locality == null ? "" : locality;
            network = network == null ? "" : network;
        }

        /** An endpoint without a network. */
        public SeEndpoint(String address, Map<String, Integer> ports, Map<String, String> labels, String locality,
                          int weight) {
            this(address, ports, labels, locality, weight, "", "");
        }

        /** An endpoint without a service account. */
        public SeEndpoint(String address, Map<String, Integer> ports, Map<String, String> labels, String locality,
                          int weight, String network) {
            this(address, ports, labels, locality, weight, network, "");
        }
    }
}
