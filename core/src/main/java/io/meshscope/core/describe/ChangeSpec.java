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
 * (Sidecar, VirtualService, DestinationRule, and any other kind, which istiod treats by its own rules).
 */
public record ChangeSpec(String text, String kind, String namespace, String name) {
    /** The kinds accepted in {@code Kind/NS/NAME} form without a warning. */
    public static final Set<String> NAMED_KINDS = Set.of(ConfigKey.SIDECAR, ConfigKey.VIRTUAL_SERVICE,
            ConfigKey.DESTINATION_RULE, "PeerAuthentication", "EnvoyFilter", "AuthorizationPolicy",
            "RequestAuthentication", "WasmPlugin", "Telemetry", "Gateway");

    /** Parses the text; empty when it matches none of the forms. */
    public static Optional<ChangeSpec> parse(String text) {
        if (text.startsWith("service:") && text.length() > "service:".length()) {
            return Optional.of(new ChangeSpec(text, ConfigKey.SERVICE_ENTRY, null, text.substring(8)));
        }
        if (text.startsWith("endpoints:") && text.length() > "endpoints:".length()) {
            return Optional.of(new ChangeSpec(text, ConfigKey.ENDPOINTS, null, text.substring(10)));
        }
        String[] parts = text.split("/", -1);
        if (parts.length == 3 && NAMED_KINDS.contains(parts[0]) && !parts[1].isEmpty() && !parts[2].isEmpty()) {
            return Optional.of(new ChangeSpec(text, parts[0], parts[1], parts[2]));
        }
        return Optional.empty();
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
