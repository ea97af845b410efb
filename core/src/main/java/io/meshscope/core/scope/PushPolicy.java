package io.meshscope.core.scope;

import io.meshscope.core.registry.MeshService;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Whether a config change must be pushed to a proxy: istiod's {@code DefaultProxyNeedsPush} with
 * {@code checkProxyDependencies}. A key is relevant when the current <em>or previous</em> scope depends on it.
 */
public final class PushPolicy {
    /** Kinds a scope tracks precisely; any other kind (but the ones below) pushes to everyone. */
    static final Set<String> TRACKED = Set.of(ConfigKey.ENDPOINTS, ConfigKey.SERVICE_ENTRY, ConfigKey.VIRTUAL_SERVICE,
            ConfigKey.DESTINATION_RULE, ConfigKey.SIDECAR, ConfigKey.PEER_AUTHENTICATION);
    /** Kinds that push only to proxies in their own namespace or everywhere from the root namespace. */
    static final Set<String> NAMESPACE_SCOPED = Set.of("EnvoyFilter", "AuthorizationPolicy", "RequestAuthentication",
            "WasmPlugin", "TrafficExtension", "Telemetry");

    private final String rootNamespace;

    public PushPolicy(String rootNamespace) {
        this.rootNamespace = rootNamespace;
    }

    /**
     * {@link #needsPush} for an endpoint change — {@code keys} all of kind {@link ConfigKey#ENDPOINTS}, each naming
     * its namespace, as {@link EndpointUpdate} and {@link ConfigChanges} make them — judged on one scope. Equal
     * to {@code needsPush(proxy, scope, null, keys, false, List.of())}, but it walks the smaller of the keys and the
     * scope's dependencies: a push that moves every service's endpoints has thousands of keys, a scope a few
     * dependencies, and ten thousand streams ask.
     */
    public boolean needsEndpointPush(Proxy proxy, SidecarScope scope, Set<ConfigKey> keys) {
        if (proxy.type() == ProxyType.ROUTER) {
            return !keys.isEmpty(); // gateways take every endpoint change (relevant's router rule)
        }
        Set<ConfigKey> dependencies = scope.dependencies();
        Set<ConfigKey> fewer = keys.size() <= dependencies.size() ? keys : dependencies;
        Set<ConfigKey> more = fewer == keys ? dependencies : keys;
        for (ConfigKey key : fewer) {
            if (more.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param previous the scope before the change (null when unknown: then only the current one counts)
     * @param ownServices the proxy's own services (its service targets), always relevant to it
     */
    public boolean needsPush(Proxy proxy, SidecarScope current, SidecarScope previous, Collection<ConfigKey> changes,
                             boolean forced, List<MeshService> ownServices) {
        if (forced) {
            return true;
        }
        for (ConfigKey key : changes) {
            if (relevant(proxy, current, previous, key, ownServices)) {
                return true;
            }
        }
        return false;
    }

    /** The rule for one key. */
    private boolean relevant(Proxy proxy, SidecarScope current, SidecarScope previous, ConfigKey key,
                            List<MeshService> ownServices) {
        if (proxy.type() == ProxyType.ROUTER) {
            if (key.kind().equals(ConfigKey.SIDECAR)) {
                return false;
            }
            if (key.kind().equals(ConfigKey.SERVICE_ENTRY)) {
                return current.service(key.name()) != null || (previous != null && previous.service(key.name()) != null);
            }
            return true;
        }
        if (key.kind().equals("Gateway")) {
            return false;
        }
        if (key.kind().equals(ConfigKey.SERVICE_ENTRY)) {
            for (MeshService own : ownServices) {
                if (own.hostname().equals(key.name())
                        && (key.namespace() == null || own.namespace().equals(key.namespace()))) {
                    return true;
                }
            }
        }
        return dependsOn(current, proxy, key) || (previous != null && dependsOn(previous, proxy, key));
    }

    private boolean dependsOn(SidecarScope scope, Proxy proxy, ConfigKey key) {
        if (NAMESPACE_SCOPED.contains(key.kind())) {
            return rootNamespace.equals(key.namespace()) || proxy.namespace().equals(key.namespace());
        }
        if (!TRACKED.contains(key.kind())) {
            return true;
        }
        if (key.kind().equals(ConfigKey.PEER_AUTHENTICATION)) {
            if (rootNamespace.equals(key.namespace()) || scope.namespace().equals(key.namespace())) {
                return true;
            }
            return scope.services().stream().anyMatch(s -> s.namespace().equals(key.namespace()));
        }
        return scope.dependsOn(key);
    }
}
