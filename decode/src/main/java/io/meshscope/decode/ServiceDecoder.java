package io.meshscope.decode;

import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.WorkloadSelector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes Services and Istio ServiceEntries, the two sources of registry services. A Service's
 * {@code networking.istio.io/exportTo} annotation stays in its metadata, where the engine reads it.
 */
final class ServiceDecoder {
    private ServiceDecoder() {
    }

    static KubeService service(NodeReader object, ObjectMeta meta) {
        NodeReader spec = object.get("spec");
        ServicePortRules.check(spec.get("ports"));
        List<KubeService.KubePort> ports = new ArrayList<>();
        for (NodeReader port : spec.get("ports").items()) {
            if (port.isMapping()) {
                ports.add(new KubeService.KubePort(port.get("name").stringOr(""), port.get("port").int32Or(0),
                        port.get("protocol").stringOr("TCP"), port.get("targetPort").string(),
                        port.get("appProtocol").string()));
            }
        }
        return new KubeService(meta, ports, spec.get("type").string(), spec.get("clusterIP").string(),
                spec.get("externalName").string(), spec.get("selector").stringMap());
    }

    static ServiceEntry serviceEntry(NodeReader object, ObjectMeta meta) {
        NodeReader spec = object.get("spec");
        List<ServiceEntry.SePort> ports = new ArrayList<>();
        for (NodeReader port : spec.get("ports").items()) {
            if (!port.isPresent()) {
                port.error(RoutingDecoder.ISTIO, "service entry port may not be null");
            }
            if (port.isMapping()) {
                ports.add(new ServiceEntry.SePort(port.get("number").int32Or(0), port.get("protocol").stringOr(""),
                        port.get("name").stringOr(""), port.get("targetPort").int32Or(0)));
            }
        }
        List<ServiceEntry.SeEndpoint> endpoints = new ArrayList<>();
        String resolution = spec.get("resolution").stringOr("NONE");
        for (NodeReader endpoint : spec.get("endpoints").items()) {
            if (!endpoint.isPresent() && java.util.Set.of("STATIC", "DNS", "DNS_ROUND_ROBIN").contains(resolution)) {
                endpoint.error(RoutingDecoder.ISTIO, "endpoint cannot be nil");
            }
            if (endpoint.isMapping()) {
                endpoints.add(endpoint(endpoint));
            }
        }
        NodeReader selector = spec.get("workloadSelector");
        WorkloadSelector workloadSelector = selector.isMapping()
                ? new WorkloadSelector(selector.get("labels").stringMap())
                : null;
        return new ServiceEntry(meta, nonNull(spec.get("hosts").strings()), nonNull(spec.get("addresses").strings()),
                ports, spec.get("location").string(), spec.get("resolution").string(), endpoints, workloadSelector,
                nonNull(spec.get("exportTo").strings()), nonNull(spec.get("subjectAltNames").strings()));
    }

    private static ServiceEntry.SeEndpoint endpoint(NodeReader endpoint) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map.Entry<String, NodeReader> e : endpoint.get("ports").entries().entrySet()) {
            Integer number = e.getValue().int32();
            if (number != null) {
                ports.put(e.getKey(), number);
            }
        }
        return new ServiceEntry.SeEndpoint(endpoint.get("address").stringOr(""), ports,
                endpoint.get("labels").stringMap(), endpoint.get("locality").string(),
                weight(endpoint.get("weight")), endpoint.get("network").string(),
                endpoint.get("serviceAccount").string());
    }

    /** A uint32 weight as the proto has it (a negative one is reported); 0 when absent. */
    private static int weight(NodeReader field) {
        Long w = field.integer(0, SidecarParts.UINT32_MAX);
        return w == null ? 0 : (int) Math.min(w, Integer.MAX_VALUE);
    }

    /** The model's lists are null-free; a null item in these lists carries no meaning and is dropped. */
    static List<String> nonNull(List<String> values) {
        values.removeIf(v -> v == null);
        return values;
    }
}
