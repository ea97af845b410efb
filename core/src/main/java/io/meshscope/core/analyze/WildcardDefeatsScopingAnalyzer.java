package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.HostEntry;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * MS0003: {@code *}/{@code *} in a Sidecar's egress (or no egress at all, which Istio reads as {@code *}/{@code *})
 * imports every service exported to the namespace, the same as having no Sidecar: scoping is defeated. Reports how
 * many services it imports. A listener that pairs {@code *}/{@code *} with {@code ~} exclusions is an opt-out list
 * and is not reported.
 */
public final class WildcardDefeatsScopingAnalyzer extends IndexedAnalyzer {

    public WildcardDefeatsScopingAnalyzer() {
        this(new IndexCache());
    }

    WildcardDefeatsScopingAnalyzer(IndexCache cache) {
        super("meshscope.WildcardDefeatsScopingAnalyzer", MeshscopeMessageTypes.WILDCARD_DEFEATS_SCOPING, cache);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        MeshIndex index = cache.of(input);
        Consumers consumers = cache.consumers(input);
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            SidecarScope scope = index.scopeFor(s, s.meta().namespace());
            String what = role(s, consumers);
            if (s.egress().isEmpty()) {
                if (!s.ingress().isEmpty() || s.outboundTrafficPolicy() != null || s.inboundConnectionPool() != null) {
                    out.add(Findings.at(MeshscopeMessageTypes.WILDCARD_DEFEATS_SCOPING, s, "spec",
                            "this " + what + " has no spec.egress, so Istio gives it the implicit \"*/*\": "
                                    + size(scope.egress().get(0), s) + " Add an egress listener with the hosts the"
                                    + " workloads call."));
                }
                continue;
            }
            for (Findings.Listener l : Findings.listeners(s)) {
                int j = l.listener().hosts().indexOf("*/*");
                if (j < 0 || hasExclusions(l, s)) {
                    continue;
                }
                EgressScope es = scope.egress().stream().filter(e -> e.index() == l.index()).findFirst().orElse(null);
                if (es == null) {
                    continue;
                }
                out.add(Findings.at(MeshscopeMessageTypes.WILDCARD_DEFEATS_SCOPING, s, Findings.host(l.index(), j),
                        Findings.host(l.index(), j) + " \"*/*\" in this " + what + ": " + size(es, s)
                                + " List the namespaces or hosts the workloads call instead."));
            }
        }
        return out;
    }

    private static String size(EgressScope es, Sidecar s) {
        TreeSet<String> hosts = new TreeSet<>();
        long ports = 0;
        for (MeshService svc : es.services()) {
            hosts.add(svc.hostname());
            ports += svc.ports().size();
        }
        String counts = " (" + Findings.count(hosts.size(), "service") + ", " + Findings.count(ports, "service port")
                + ")";
        Integer port = Findings.filteredPort(es.listener());
        if (port != null) {
            return "it imports every service exported to namespace " + s.meta().namespace() + " that has service port "
                    + port + counts + ": scoping is defeated on that port.";
        }
        return "it imports every service exported to namespace " + s.meta().namespace() + counts
                + ", exactly what a proxy without any Sidecar gets: scoping is defeated.";
    }

    private static String role(Sidecar s, Consumers consumers) {
        if (s.hasSelector()) {
            return "workload Sidecar";
        }
        return s == consumers.rootDefault() ? "root-namespace default Sidecar (inherited by every namespace without"
                + " its own)" : "namespace default Sidecar";
    }

    private static boolean hasExclusions(Findings.Listener l, Sidecar s) {
        return l.listener().hosts().stream()
                .anyMatch(h -> h != null
                        && HostEntry.parse(h, s.meta().namespace()).filter(HostEntry::exclusion).isPresent());
    }
}
