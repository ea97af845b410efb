package io.meshscope.core.analyze;

import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.ProxyType;
import java.util.HashMap;
import java.util.Map;

/**
 * Which workloads run a sidecar proxy, as far as the input tells: not a gateway, not opted out with
 * {@code sidecar.istio.io/inject: "false"}, and injected by its namespace ({@code istio-injection=enabled} or
 * {@code istio.io/rev}) or its own {@code sidecar.istio.io/inject: "true"}. Without a Namespace object the
 * namespace is assumed injected; WorkloadEntries always run one.
 */
final class SidecarProxies {
    static final String INJECT = "sidecar.istio.io/inject";
    private final Map<String, Namespace> namespaces = new HashMap<>();

    SidecarProxies(MeshInput input) {
        input.namespaces().forEach(n -> namespaces.put(n.meta().name(), n));
    }

    boolean runsSidecar(Workload w) {
        if (GatewayRecognizer.typeOf(w) == ProxyType.ROUTER) {
            return false;
        }
        String inject = w.labels().getOrDefault(INJECT, w.annotations().get(INJECT));
        if ("false".equalsIgnoreCase(inject)) {
            return false;
        }
        if ("true".equalsIgnoreCase(inject) || w.kind() == WorkloadKind.WORKLOAD_ENTRY) {
            return true;
        }
        Namespace ns = namespaces.get(w.namespace());
        if (ns == null) {
            return true;
        }
        Map<String, String> labels = ns.meta().labels();
        if (SidecarSelectorAnalyzer.namespaceInAmbientMode(ns) || "disabled".equals(labels.get("istio-injection"))) {
            return false;
        }
        String rev = labels.get("istio.io/rev");
        return "enabled".equals(labels.get("istio-injection")) || (rev != null && !rev.isEmpty());
    }
}
