package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.MeshIndex;
import java.util.List;

/** §12.6: {@code outboundTrafficPolicy} present without {@code mode} is REGISTRY_ONLY, not the documented ALLOW_ANY. */
final class EmptyOutboundPolicyRule implements DocsRule {
    @Override
    public void check(MeshInput input, MeshIndex index, List<AnalysisMessage> out) {
        for (Sidecar s : input.sidecars()) {
            if (s.outboundTrafficPolicy() == null || s.outboundTrafficPolicy().mode() != null) {
                continue;
            }
            out.add(DocsRule.message(s, "spec.outboundTrafficPolicy", "spec.outboundTrafficPolicy is set without mode:"
                    + " Istio reads that as REGISTRY_ONLY (the zero value), not the documented default ALLOW_ANY, so"
                    + " calls to hosts outside the service registry are blocked"
                    + (s.outboundTrafficPolicy().egressProxy() != null ? " and egressProxy is rejected" : "")
                    + ". Write mode: ALLOW_ANY or mode: REGISTRY_ONLY."));
        }
    }
}
