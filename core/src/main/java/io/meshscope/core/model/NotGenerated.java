package io.meshscope.core.model;

import java.util.Map;
import java.util.Optional;

/**
 * What meshscope reads but does not turn into proxy config, and the diagnostic rule that reports each use. A
 * control plane may leave a feature out; it must say so where the feature is written, because a proxy served by
 * meshscope then behaves differently from one served by istiod (issue "Traffic management": unsupported is loud).
 */
public final class NotGenerated {
    /** The {@link Diagnostic#rule()} of every "written but not generated" message (kinds and fields alike). */
    public static final String RULE = "not-generated";

    /**
     * Kinds that change what istiod sends a proxy, by API group and kind, with what a proxy served by meshscope
     * lacks. Other unknown kinds are skipped quietly: they are not proxy config (Deployments' ConfigMaps, CRDs of
     * other products, WorkloadGroup, ...).
     */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("networking.istio.io/EnvoyFilter",
                    "the proxies it selects get config without its patches"),
            Map.entry("networking.istio.io/Gateway",
                    "gateway proxies get no listeners or routes for its servers"),
            Map.entry("networking.istio.io/ProxyConfig",
                    "the proxy settings it sets are not applied"),
            Map.entry("extensions.istio.io/WasmPlugin",
                    "no proxy gets its Wasm filters"),
            Map.entry("telemetry.istio.io/Telemetry",
                    "the access logging, metrics and tracing it sets are missing"),
            Map.entry("security.istio.io/AuthorizationPolicy",
                    "no RBAC filter is generated, so requests it would deny are allowed"),
            Map.entry("security.istio.io/RequestAuthentication",
                    "no JWT filter is generated, so requests with invalid tokens are not rejected"),
            Map.entry("gateway.networking.k8s.io/HTTPRoute",
                    "istiod turns it into mesh or gateway routes; meshscope sends none"),
            Map.entry("gateway.networking.k8s.io/GRPCRoute",
                    "istiod turns it into mesh or gateway routes; meshscope sends none"),
            Map.entry("gateway.networking.k8s.io/TCPRoute",
                    "istiod turns it into mesh or gateway routes; meshscope sends none"),
            Map.entry("gateway.networking.k8s.io/TLSRoute",
                    "istiod turns it into mesh or gateway routes; meshscope sends none"),
            Map.entry("gateway.networking.k8s.io/Gateway",
                    "the gateway it describes is not configured"));

    private NotGenerated() {
    }

    /**
     * What a proxy lacks because an object of this apiVersion and kind is not applied, or empty when the kind is
     * not proxy config (any version of the group: every served version of these kinds means the same).
     */
    public static Optional<String> kindConsequence(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return Optional.ofNullable(KINDS.get(group + "/" + kind));
    }

    /** The one wording of the message for an object of an unsupported kind. */
    public static String kindMessage(String kind, String consequence) {
        return "meshscope does not apply " + kind + ": " + consequence;
    }
}
