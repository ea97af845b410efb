package io.meshscope.core.analyze;

import io.meshscope.core.model.ConnectionPool;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.OutboundTrafficPolicy;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.WorkloadSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MS0010: two or more Sidecars in one namespace with the same spec (egress hosts compared as sets; listener
 * order kept). Reported on each but the oldest, which is the one Istio applies when both match.
 */
public final class DuplicateSidecarSpecAnalyzer implements Analyzer {

    /** A spec with each listener's hosts sorted: equal specs mean the same configuration. */
    private record Canonical(String namespace, WorkloadSelector selector, List<IngressListener> ingress,
                             List<EgressListener> egress, OutboundTrafficPolicy outbound, ConnectionPool pool) {
        static Canonical of(Sidecar s) {
            List<EgressListener> egress = new ArrayList<>();
            for (EgressListener l : s.egress()) {
                if (l == null) {
                    egress.add(null);
                    continue;
                }
                List<String> hosts = new ArrayList<>(l.hosts());
                hosts.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
                egress.add(new EgressListener(l.port(), l.bind(), l.captureMode(), hosts));
            }
            return new Canonical(s.meta().namespace(), s.workloadSelector(), s.ingress(), egress,
                    s.outboundTrafficPolicy(), s.inboundConnectionPool());
        }
    }

    @Override
    public String name() {
        return "meshscope.DuplicateSidecarSpecAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MeshscopeMessageTypes.DUPLICATE_SIDECAR_SPEC);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        Map<Canonical, List<Sidecar>> groups = new LinkedHashMap<>();
        for (Sidecar s : input.sidecars()) {
            groups.computeIfAbsent(Canonical.of(s), c -> new ArrayList<>()).add(s);
        }
        List<AnalysisMessage> out = new ArrayList<>();
        for (List<Sidecar> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            group.sort(MeshObject.OLDEST_FIRST);
            Sidecar oldest = group.get(0);
            for (Sidecar s : group.subList(1, group.size())) {
                out.add(Findings.at(MeshscopeMessageTypes.DUPLICATE_SIDECAR_SPEC, s, "spec",
                        "this Sidecar has the same spec as " + oldest.meta().id().nsName() + where(oldest)
                                + ", which is older and is the one applied where both"
                                + " match: this one is redundant. Delete one of them."));
            }
        }
        return out;
    }

    private static String where(Sidecar s) {
        return s.meta().location().isKnown() ? " (" + s.meta().location() + ")" : "";
    }
}
