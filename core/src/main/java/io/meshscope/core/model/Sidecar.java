package io.meshscope.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@code networking.istio.io} Sidecar. Lists may contain null items as written (validation reports them);
 * {@code workloadSelector}, {@code outboundTrafficPolicy} and {@code inboundConnectionPool} are null when absent.
 */
public record Sidecar(
        ObjectMeta meta,
        WorkloadSelector workloadSelector,
        List<IngressListener> ingress,
        List<EgressListener> egress,
        OutboundTrafficPolicy outboundTrafficPolicy,
        ConnectionPool inboundConnectionPool) implements MeshObject {

    public Sidecar {
        ingress = ingress == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(ingress));
        egress = egress == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(egress));
    }

    public boolean hasSelector() {
        return workloadSelector != null;
    }
}
