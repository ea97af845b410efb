package io.meshscope.decode;

import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.ObjectMeta;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** EndpointSlices and (legacy) Endpoints as {@link EndpointGroup}s of the Service they belong to. */
final class EndpointsDecoder {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    private static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    private EndpointsDecoder() {
    }

    static EndpointGroup endpointSlice(NodeReader object, ObjectMeta meta) {
        List<EndpointGroup.Address> addresses = new ArrayList<>();
        for (NodeReader endpoint : object.get("endpoints").items()) {
            if (!endpoint.isMapping()) {
                continue;
            }
            // Kubernetes: a missing "ready" condition means unknown, which consumers treat as ready.
            Boolean ready = endpoint.get("conditions").get("ready").bool();
            String zone = endpoint.get("zone").string();
            if (zone == null) {
                zone = endpoint.get("topology").get(ZONE_LABEL).stringOr(""); // discovery.k8s.io/v1beta1
            }
            String pod = endpoint.get("targetRef").get("name").stringOr("");
            for (String ip : ServiceDecoder.nonNull(endpoint.get("addresses").strings())) {
                addresses.add(new EndpointGroup.Address(ip, ready == null || ready, zone, pod));
            }
        }
        Set<EndpointGroup.Port> ports = new LinkedHashSet<>();
        for (NodeReader port : object.get("ports").items()) {
            addPort(port, ports);
        }
        String service = meta.labels().getOrDefault(SERVICE_NAME_LABEL, "");
        return new EndpointGroup(meta, service, addresses, new ArrayList<>(ports));
    }

    /** All subsets merged into one group: the model has one port list per group, so subset ports are unioned. */
    static EndpointGroup endpoints(NodeReader object, ObjectMeta meta) {
        List<EndpointGroup.Address> addresses = new ArrayList<>();
        Set<EndpointGroup.Port> ports = new LinkedHashSet<>();
        for (NodeReader subset : object.get("subsets").items()) {
            addAddresses(subset.get("addresses"), true, addresses);
            addAddresses(subset.get("notReadyAddresses"), false, addresses);
            for (NodeReader port : subset.get("ports").items()) {
                addPort(port, ports);
            }
        }
        return new EndpointGroup(meta, meta.name(), addresses, new ArrayList<>(ports));
    }

    private static void addAddresses(NodeReader list, boolean ready, List<EndpointGroup.Address> into) {
        for (NodeReader address : list.items()) {
            String ip = address.get("ip").string();
            if (ip != null) {
                into.add(new EndpointGroup.Address(ip, ready, address.get("zone").stringOr(""),
                        address.get("targetRef").get("name").stringOr("")));
            }
        }
    }

    private static void addPort(NodeReader port, Set<EndpointGroup.Port> into) {
        if (port.isMapping()) {
            into.add(new EndpointGroup.Port(port.get("name").stringOr(""), port.get("port").int32Or(0),
                    port.get("protocol").stringOr("TCP")));
        }
    }
}
