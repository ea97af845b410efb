package io.meshscope.decode;

import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.WorkloadSelector;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Sidecar keeping every distinction validation and selection depend on: an absent {@code
 * workloadSelector} or {@code outboundTrafficPolicy} is null while {@code {}} is an empty value, and null or
 * malformed list items stay in place as null so later indexes still match the field paths.
 */
final class SidecarDecoder {
    private SidecarDecoder() {
    }

    static Sidecar decode(NodeReader object, ObjectMeta meta) {
        NodeReader spec = object.get("spec");
        spec.isMapping(); // reports a spec that is not a mapping
        NodeReader selector = spec.get("workloadSelector");
        WorkloadSelector workloadSelector = selector.isMapping()
                ? new WorkloadSelector(selector.get("labels").stringMap())
                : null;
        List<IngressListener> ingress = new ArrayList<>();
        for (NodeReader item : spec.get("ingress").items()) {
            ingress.add(item.isMapping() ? ingress(item) : null);
        }
        List<EgressListener> egress = new ArrayList<>();
        for (NodeReader item : spec.get("egress").items()) {
            egress.add(item.isMapping() ? egress(item) : null);
        }
        return new Sidecar(meta, workloadSelector, ingress, egress,
                SidecarParts.outboundTrafficPolicy(spec.get("outboundTrafficPolicy")),
                SidecarParts.connectionPool(spec.get("inboundConnectionPool")));
    }

    private static EgressListener egress(NodeReader item) {
        return new EgressListener(SidecarParts.port(item.get("port")), item.get("bind").string(),
                SidecarParts.captureMode(item.get("captureMode")), item.get("hosts").strings());
    }

    private static IngressListener ingress(NodeReader item) {
        return new IngressListener(SidecarParts.port(item.get("port")), item.get("bind").string(),
                SidecarParts.captureMode(item.get("captureMode")), item.get("defaultEndpoint").string(),
                SidecarParts.serverTls(item.get("tls")), SidecarParts.connectionPool(item.get("connectionPool")));
    }
}
