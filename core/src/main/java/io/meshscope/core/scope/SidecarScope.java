package io.meshscope.core.scope;

import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.MeshService;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every proxy of one (Sidecar, namespace) pair sees — istiod's {@code SidecarScope}. Computed once per
 * pair and shared by all proxies that use it; immutable.
 *
 * @param name the Sidecar's name, or {@code default-sidecar} for the built-in scope
 * @param namespace the consuming (proxy) namespace, also for a root-namespace Sidecar inherited here
 * @param sidecar the Sidecar applied, or null for the built-in default and gateway scopes
 * @param egress one entry per egress listener (the implicit {@code *}/{@code *} one when there is none)
 * @param services the scope union used for CDS, including VirtualService-inferred destinations
 * @param outboundMode effective outbound traffic policy, null when neither the Sidecar nor the mesh sets one
 * @param dependencies config keys a change of which must push proxies of this scope
 */
public record SidecarScope(
        String name,
        String namespace,
        Sidecar sidecar,
        List<EgressScope> egress,
        List<MeshService> services,
        OutboundMode outboundMode,
        Set<ConfigKey> dependencies,
        Map<String, MeshService> servicesByHost) {

    public static final String DEFAULT_NAME = "default-sidecar";

    public SidecarScope {
        egress = List.copyOf(egress);
        services = List.copyOf(services);
        dependencies = Set.copyOf(dependencies);
        servicesByHost = Map.copyOf(servicesByHost);
    }

    /** The scope-union service for a hostname, or null (istiod's {@code GetService}). */
    public MeshService service(String hostname) {
        return servicesByHost.get(hostname);
    }

    /** The Sidecar's ingress listeners (inherited from a root Sidecar too); empty without a Sidecar. */
    public List<IngressListener> ingress() {
        return sidecar == null ? List.of() : sidecar.ingress();
    }

    /** istiod's {@code DependsOnConfig} for the kinds a scope tracks (unknown kinds are the caller's call). */
    public boolean dependsOn(ConfigKey key) {
        if (key.namespace() != null) {
            return dependencies.contains(key);
        }
        for (ConfigKey d : dependencies) {
            if (key.matches(d)) {
                return true;
            }
        }
        return false;
    }
}
