package io.meshscope.core.analyze;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import java.util.ArrayList;
import java.util.List;

/**
 * MS0012 (Info): an egress listener with {@code captureMode: NONE} and no bind is often written to "bypass
 * Envoy". It does the opposite: Envoy binds a real listener on 127.0.0.1:port that the application must call,
 * while connections to the services' own addresses on that port stay intercepted and, the port being taken by
 * this listener, leave without a mesh route (sidecar-semantics.md §10).
 */
public final class CaptureModeNoneAnalyzer implements Analyzer {
    @Override
    public String name() {
        return "meshscope.CaptureModeNoneAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MeshscopeMessageTypes.CAPTURE_MODE_NONE_DOES_NOT_BYPASS);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            for (Findings.Listener l : Findings.listeners(s)) {
                if (l.listener().captureMode() != CaptureMode.NONE || !l.listener().bind().isEmpty()
                        || l.listener().port() == null || l.listener().port().numberOrZero() <= 0) {
                    continue;
                }
                long port = l.listener().port().numberOrZero();
                String field = Findings.listener(l.index()) + ".captureMode";
                out.add(Findings.at(MeshscopeMessageTypes.CAPTURE_MODE_NONE_DOES_NOT_BYPASS, s, field, field
                        + " NONE does not bypass Envoy: Envoy binds a real listener on 127.0.0.1:" + port + " that the"
                        + " application must connect to explicitly. Connections to the services' own addresses on port "
                        + port + " are still intercepted and, since this listener takes the port, leave without a mesh"
                        + " route (PassthroughCluster under ALLOW_ANY, BlackHoleCluster under REGISTRY_ONLY). To keep"
                        + " port " + port + " away from Envoy, annotate the pods with"
                        + " traffic.sidecar.istio.io/excludeOutboundPorts: \"" + port + "\"."));
            }
        }
        return out;
    }
}
