package io.meshscope.core.scope;

/**
 * A changed config, as istiod's {@code ConfigKey}. Service changes use kind {@code ServiceEntry} and
 * endpoint-only changes kind {@code Endpoints}, both named by the service hostname. A null namespace
 * matches any namespace (a hostname whose service is no longer in the input).
 */
public record ConfigKey(String kind, String namespace, String name) {
    public static final String SERVICE_ENTRY = "ServiceEntry";
    public static final String ENDPOINTS = "Endpoints";
    public static final String SIDECAR = "Sidecar";
    public static final String VIRTUAL_SERVICE = "VirtualService";
    public static final String DESTINATION_RULE = "DestinationRule";
    public static final String PEER_AUTHENTICATION = "PeerAuthentication";

    /** True when this key names the same config as {@code dependency} (a null namespace matches any). */
    public boolean matches(ConfigKey dependency) {
        return kind.equals(dependency.kind) && name.equals(dependency.name)
                && (namespace == null || dependency.namespace == null || namespace.equals(dependency.namespace));
    }

    @Override
    public String toString() {
        return kind + "/" + (namespace == null ? "*" : namespace) + "/" + name;
    }
}
