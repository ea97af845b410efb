package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.HostEntry;
import io.meshscope.core.scope.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MS0006: a port-specific egress listener whose hosts match services, none of which has that service port
 * (sidecar-semantics.md §4.5: the listener keeps only services whose service port, not targetPort, equals its
 * port). Listeners whose hosts match nothing at all are MS0001's and MS0002's.
 */
public final class PortListenerImportsNothingAnalyzer extends IndexedAnalyzer {
    private static final int MAX_LISTED = 4;

    public PortListenerImportsNothingAnalyzer() {
        this(new IndexCache());
    }

    PortListenerImportsNothingAnalyzer(IndexCache cache) {
        super("meshscope.PortListenerImportsNothingAnalyzer", MeshscopeMessageTypes.PORT_LISTENER_IMPORTS_NOTHING, cache);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        MeshIndex index = cache.of(input);
        Consumers consumers = cache.consumers(input);
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            List<String> readers = consumers.of(s);
            for (Findings.Listener l : Findings.listeners(s)) {
                Integer port = Findings.filteredPort(l.listener());
                if (port == null || importsSomething(index, s, l, readers)) {
                    continue;
                }
                Map<String, List<ServicePort>> matched = matchedIgnoringPort(index, l, readers.get(0));
                if (!matched.isEmpty()) {
                    out.add(Findings.at(MeshscopeMessageTypes.PORT_LISTENER_IMPORTS_NOTHING, s,
                            Findings.listener(l.index()) + ".port", text(l.index(), port, matched)));
                }
            }
        }
        return out;
    }

    private static boolean importsSomething(MeshIndex index, Sidecar s, Findings.Listener l, List<String> readers) {
        for (String ns : readers) {
            Optional<EgressScope> es = index.scopeFor(s, ns).egress().stream()
                    .filter(e -> e.index() == l.index()).findFirst();
            if (es.isPresent() && !es.get().services().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<ServicePort>> matchedIgnoringPort(MeshIndex index, Findings.Listener l, String ns) {
        Map<String, List<ServicePort>> out = new TreeMap<>();
        for (String written : l.listener().hosts()) {
            Optional<HostEntry> e = written == null ? Optional.empty() : HostEntry.parse(written, ns);
            if (e.isEmpty() || e.get().exclusion()) {
                continue;
            }
            for (MeshService svc : index.registry().exportedTo(ns)) {
                if (e.get().matchesService(svc.namespace(), svc.hostname())) {
                    out.computeIfAbsent(svc.hostname(), h -> new ArrayList<>()).addAll(svc.ports());
                }
            }
        }
        return out;
    }

    private static String text(int i, int port, Map<String, List<ServicePort>> matched) {
        List<String> listed = new ArrayList<>();
        String retarget = null;
        for (Map.Entry<String, List<ServicePort>> e : matched.entrySet()) {
            TreeSet<Integer> numbers = new TreeSet<>();
            for (ServicePort p : e.getValue()) {
                numbers.add(p.port());
                if (p.targetPort() == port && retarget == null) {
                    retarget = " " + e.getKey() + " listens on targetPort " + port + " behind service port " + p.port()
                            + ": the listener needs port " + p.port() + ".";
                }
            }
            listed.add(e.getKey() + " (ports " + String.join(", ", numbers.stream().map(String::valueOf).toList()) + ")");
        }
        return Findings.listener(i) + ".port " + port + ": the listener imports no service on port " + port
                + ". Its hosts match " + Findings.count(matched.size(), "service") + ", "
                + Findings.firstOf(listed, MAX_LISTED)
                + ", but a port listener keeps only services with that service port (not the targetPort), so calls on"
                + " port " + port + " get no mesh route: they leave through PassthroughCluster (ALLOW_ANY) or are"
                + " blocked (REGISTRY_ONLY)." + (retarget == null ? "" : retarget);
    }
}
