package io.meshscope.core.describe;

import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.ProxyType;

/**
 * Decides whether a workload runs a gateway (router) proxy when no proxy type is given: the label
 * {@code istio: ingressgateway|egressgateway} that Istio's gateway charts set, or the injection template
 * annotation {@code inject.istio.io/templates: gateway}, as istioctl's heuristics do.
 */
public final class GatewayRecognizer {
    private GatewayRecognizer() {
    }

    public static ProxyType typeOf(Workload w) {
        String istio = w.labels().get("istio");
        if ("ingressgateway".equals(istio) || "egressgateway".equals(istio)) {
            return ProxyType.ROUTER;
        }
        if ("gateway".equals(w.annotations().get("inject.istio.io/templates"))) {
            return ProxyType.ROUTER;
        }
        if (w.labels().containsKey("gateway.networking.k8s.io/gateway-name")) {
            return ProxyType.ROUTER;
        }
        return ProxyType.SIDECAR;
    }
}
