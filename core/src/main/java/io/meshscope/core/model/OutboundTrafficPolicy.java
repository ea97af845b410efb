package io.meshscope.core.model;

/**
 * A Sidecar's {@code outboundTrafficPolicy}. {@code mode} is null when the field is omitted inside a present
 * object, which Istio reads as the proto zero, REGISTRY_ONLY (see {@link #effectiveMode()}).
 */
public record OutboundTrafficPolicy(OutboundMode mode, EgressProxy egressProxy) {
    public OutboundMode effectiveMode() {
        return mode == null ? OutboundMode.REGISTRY_ONLY : mode;
    }
}
