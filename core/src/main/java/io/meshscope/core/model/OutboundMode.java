package io.meshscope.core.model;

/**
 * Outbound traffic policy modes. In a Sidecar the proto zero value is {@code REGISTRY_ONLY}; the mesh-only
 * {@code ALLOW_ANY_DYNAMIC_DNS} (3) is rejected by Sidecar validation but propagates from MeshConfig.
 */
public enum OutboundMode {
    REGISTRY_ONLY(0), ALLOW_ANY(1), ALLOW_ANY_DYNAMIC_DNS(3);

    private final int number;

    OutboundMode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
