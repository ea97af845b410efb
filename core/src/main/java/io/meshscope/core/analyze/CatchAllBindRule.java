package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.MeshIndex;
import java.util.List;

/** §12.5: {@code bind} on the port-less egress listener; the docs require a port, Istio binds every service port. */
final class CatchAllBindRule implements DocsRule {
    @Override
    public void check(MeshInput input, MeshIndex index, List<AnalysisMessage> out) {
        for (Sidecar s : input.sidecars()) {
            for (Findings.Listener l : Findings.listeners(s)) {
                if (l.listener().port() == null && !l.listener().bind().isEmpty()) {
                    String field = Findings.listener(l.index()) + ".bind";
                    out.add(DocsRule.message(s, field, field + " \"" + l.listener().bind() + "\" is set on the"
                            + " catch-all listener, which has no port. The docs say a port must come with bind; Istio"
                            + " neither rejects nor ignores it: every imported service port gets a listener on "
                            + l.listener().bind() + ". Give the listener a port, or remove bind."));
                }
            }
        }
    }
}
