package io.meshscope.core.analyze;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * §12.4: Sidecar {@code ingress} on workloads no Service selects. The docs say inbound ports are configured
 * only for workloads associated with a service; Istio's code opens them anyway.
 */
final class IngressWithoutServiceRule implements DocsRule {
    private static final int MAX_LISTED = 4;

    @Override
    public void check(MeshInput input, MeshIndex index, List<AnalysisMessage> out) {
        SidecarProxies proxies = new SidecarProxies(input);
        Map<Sidecar, TreeSet<String>> orphans = new LinkedHashMap<>();
        for (Workload w : ProxyWorkloads.of(input)) {
            if (!proxies.runsSidecar(w)) {
                continue;
            }
            Proxy proxy = Describer.proxyOf(w, ProxyType.SIDECAR);
            Sidecar s = index.select(proxy).sidecar();
            if (s != null && !s.ingress().isEmpty() && index.ownServices(proxy).isEmpty()) {
                orphans.computeIfAbsent(s, k -> new TreeSet<>()).add(w.namespace() + "/" + w.name());
            }
        }
        orphans.forEach((s, workloads) -> {
            List<String> ports = new ArrayList<>();
            for (IngressListener il : s.ingress()) {
                if (il != null && il.port() != null) {
                    ports.add(String.valueOf(il.port().numberOrZero()));
                }
            }
            out.add(DocsRule.message(s, "spec.ingress", "spec.ingress: no Service selects "
                    + Findings.firstOf(new ArrayList<>(workloads), MAX_LISTED) + ", yet Istio opens inbound port"
                    + (ports.size() == 1 ? " " : "s ") + String.join(", ", ports) + " on "
                    + (workloads.size() == 1 ? "it" : "them") + " (the docs say inbound ports are configured only for"
                    + " workloads associated with a service). Add the Service, or remove ingress if the ports must stay"
                    + " closed."));
        });
    }
}
