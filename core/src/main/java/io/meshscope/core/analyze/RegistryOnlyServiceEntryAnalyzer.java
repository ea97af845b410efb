package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * MS0007: a Sidecar whose outbound policy is REGISTRY_ONLY (its own, or the mesh's) while a ServiceEntry in the
 * namespace of its workloads is not imported, host or port: calls to it are blocked (BlackHoleCluster, or 502 for
 * HTTP). The ServiceEntry in the workloads' own namespace is the evidence that they call it.
 */
public final class RegistryOnlyServiceEntryAnalyzer extends IndexedAnalyzer {

    public RegistryOnlyServiceEntryAnalyzer() {
        this(new IndexCache());
    }

    RegistryOnlyServiceEntryAnalyzer(IndexCache cache) {
        super("meshscope.RegistryOnlyServiceEntryAnalyzer", MeshscopeMessageTypes.REGISTRY_ONLY_SERVICE_ENTRY_NOT_IMPORTED, cache);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        MeshIndex index = cache.of(input);
        Consumers consumers = cache.consumers(input);
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            for (String ns : consumers.of(s)) {
                SidecarScope scope = index.scopeFor(s, ns);
                if (scope.outboundMode() != OutboundMode.REGISTRY_ONLY) {
                    continue;
                }
                for (ServiceEntry se : input.serviceEntries()) {
                    if (se.meta().namespace().equals(ns)) {
                        check(index, s, scope, se, ns).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    private static Optional<AnalysisMessage> check(MeshIndex index, Sidecar s, SidecarScope scope,
                                                             ServiceEntry se, String ns) {
        List<String> missing = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (String host : se.hosts()) {
            MeshService svc = index.registry().lookup(host, ns);
            if (svc == null || !index.registry().isVisible(svc, ns)) {
                continue;
            }
            MeshService imported = scope.service(host);
            TreeSet<Integer> ports = new TreeSet<>();
            for (ServiceEntry.SePort p : se.ports()) {
                if (imported != null && imported.port(p.number()) == null) {
                    ports.add(p.number());
                }
            }
            if (imported == null || !ports.isEmpty()) {
                String portList = String.join(",", ports.stream().map(String::valueOf).toList());
                missing.add(host + (ports.isEmpty() ? "" : ":" + portList));
                fixes.add((ns.equals(s.meta().namespace()) ? "./" : ns + "/") + host);
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        boolean own = s.outboundTrafficPolicy() != null;
        String field = own ? "spec.outboundTrafficPolicy" : "spec.egress";
        String policy = own ? "spec.outboundTrafficPolicy" + (s.outboundTrafficPolicy().mode() == null
                ? " (no mode, which Istio reads as REGISTRY_ONLY)" : "") : "the mesh config's outboundTrafficPolicy";
        String where = ns.equals(s.meta().namespace()) ? "" : " (inherited by namespace " + ns + ")";
        return Optional.of(Findings.at(MeshscopeMessageTypes.REGISTRY_ONLY_SERVICE_ENTRY_NOT_IMPORTED, s,
                field, "outbound traffic is REGISTRY_ONLY through " + policy + where + ", but ServiceEntry "
                        + se.meta().id().nsName() + " in the workloads' own namespace " + ns + " is not imported: "
                        + String.join(", ", missing) + ". Calls to it are blocked (BlackHoleCluster, or 502 for HTTP)."
                        + " Add " + Findings.quoted(fixes) + " to the egress hosts, with the listener port if any."));
    }
}
