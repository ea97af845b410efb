package io.meshscope.core.scope;

import io.meshscope.core.model.EgressListener;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import java.util.List;

/**
 * What one egress listener imports (istiod's {@code IstioEgressListenerWrapper}): its services, possibly
 * trimmed to the listener port and several per hostname from one namespace, and its VirtualServices.
 * {@code index} is the listener's position in {@code spec.egress}, or 0 for the implicit catch-all.
 */
public record EgressScope(int index, EgressListener listener, List<MeshService> services,
                          List<ResolvedVirtualService> virtualServices) {
    public EgressScope {
        services = List.copyOf(services);
        virtualServices = List.copyOf(virtualServices);
    }
}
