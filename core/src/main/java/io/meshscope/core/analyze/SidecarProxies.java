package io.meshscope.core.analyze;

import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.describe.SidecarInjection;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.ProxyType;

/**
 * Which workloads run a sidecar proxy (the proxies Sidecar resources apply to): not a gateway, and injected by
 * {@link SidecarInjection}'s rule, the one every command uses.
 */
final class SidecarProxies {
    private final SidecarInjection injection;

    SidecarProxies(MeshInput input) {
        this.injection = SidecarInjection.of(input);
    }

    boolean runsSidecar(Workload w) {
        return GatewayRecognizer.typeOf(w) == ProxyType.SIDECAR && injection.hasProxy(w);
    }
}
