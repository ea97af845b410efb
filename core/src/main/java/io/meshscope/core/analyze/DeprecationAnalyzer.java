package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import java.util.ArrayList;
import java.util.List;

/** Istio's {@code deprecation.FieldAnalyzer} for Sidecars: {@code outboundTrafficPolicy.egressProxy} (IST0002). */
public final class DeprecationAnalyzer implements Analyzer {
    static final String EGRESS_PROXY_FIELD = "spec.outboundTrafficPolicy.egressProxy";

    @Override
    public String name() {
        return "deprecation.FieldAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MessageTypes.DEPRECATED);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            if (s.outboundTrafficPolicy() != null && s.outboundTrafficPolicy().egressProxy() != null) {
                // Istio's text is "<field> ignored" with the Go field path, not the YAML one.
                out.add(new AnalysisMessage(MessageTypes.DEPRECATED, s.id(), s.meta().locate(EGRESS_PROXY_FIELD),
                        EGRESS_PROXY_FIELD, "Deprecated: OutboundTrafficPolicy.EgressProxy ignored"));
            }
        }
        return out;
    }
}
