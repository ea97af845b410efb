package io.meshscope.core.describe;

import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServiceRegistry;
import io.meshscope.core.scope.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A change as {@code affected} takes it: {@code service:FQDN}, {@code endpoints:FQDN}, or {@code Kind/NS/NAME}
 * for every kind istiod keys a push on ({@link #NAMED_KINDS}; the kind is matched case-insensitively and kept in
 * its canonical spelling).
 */
public record ChangeSpec(String text, String kind, String namespace, String name) {
    /**
     * Kinds a scope tracks one by one (istio pilot/pkg/model/sidecar.go {@code sidecarScopedKnownConfigTypes},
     * less the service and endpoint keys, which have their own forms).
     */
    public static final List<String> SCOPED_KINDS = List.of(ConfigKey.SIDECAR, ConfigKey.VIRTUAL_SERVICE,
            ConfigKey.DESTINATION_RULE, ConfigKey.PEER_AUTHENTICATION);
    /** Kinds pushed to their own namespace's proxies, or to all from the root namespace ({@code clusterScopedKnownConfigTypes}). */
    public static final List<String> NAMESPACE_KINDS = List.of("EnvoyFilter", "AuthorizationPolicy",
            "RequestAuthentication", "WasmPlugin", "TrafficExtension", "Telemetry");
    /** Istio's Gateway: pushed to gateways only (proxy_dependencies.go {@code UnAffectedConfigKinds}). */
    public static final List<String> GATEWAY_KINDS = List.of("Gateway");
    /**
     * The other kind istiod's config handler keys a push on (pilot/pkg/bootstrap/server.go; ServiceEntry,
     * WorkloadEntry and WorkloadGroup changes arrive as hostname keys, Gateway API kinds through the gateway
     * controller): scopes do not track it, so it is pushed to every proxy.
     */
    public static final List<String> UNSCOPED_KINDS = List.of("ProxyConfig");
    /** Every kind accepted in {@code Kind/NS/NAME} form. */
    public static final Set<String> NAMED_KINDS = Set.copyOf(concat(SCOPED_KINDS, NAMESPACE_KINDS, GATEWAY_KINDS,
            UNSCOPED_KINDS));

    /** Parses the text; empty when it matches none of the forms. */
    public static Optional<ChangeSpec> parse(String text) {
        if (text.startsWith("service:") && text.length() > "service:".length()) {
            return Optional.of(new ChangeSpec(text, ConfigKey.SERVICE_ENTRY, null, text.substring(8)));
        }
        if (text.startsWith("endpoints:") && text.length() > "endpoints:".length()) {
            return Optional.of(new ChangeSpec(text, ConfigKey.ENDPOINTS, null, text.substring(10)));
        }
        String[] parts = text.split("/", -1);
        if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
            return canonicalKind(parts[0]).map(k -> new ChangeSpec(text, k, parts[1], parts[2]));
        }
        return Optional.empty();
    }

    /** The kind as istiod spells it, for a kind typed in any case; empty when istiod keys no push on it. */
    public static Optional<String> canonicalKind(String typed) {
        return NAMED_KINDS.stream().filter(k -> k.equalsIgnoreCase(typed)).findFirst();
    }

    /** True for {@code service:} and {@code endpoints:} changes, which name a hostname. */
    public boolean isHostname() {
        return namespace == null;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    /**
     * The config keys istiod would see: for a hostname, one per namespace that has a service with it in the
     * input; when none has (a deleted service), a key that matches the hostname in any namespace.
     */
    public List<ConfigKey> keys(ServiceRegistry registry) {
        if (namespace != null) {
            return List.of(new ConfigKey(kind, namespace, name));
        }
        Set<String> namespaces = new LinkedHashSet<>();
        for (MeshService s : registry.withHostname(name)) {
            namespaces.add(s.namespace());
        }
        List<ConfigKey> out = new ArrayList<>();
        if (namespaces.isEmpty()) {
            out.add(new ConfigKey(kind, null, name));
        }
        namespaces.forEach(ns -> out.add(new ConfigKey(kind, ns, name)));
        return out;
    }
}
