package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.HostEntry;
import io.meshscope.core.scope.MeshIndex;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * §12.7: a host {@code ns/...} imports a service while the VirtualService that routes it lives in another
 * namespace. The namespace part selects VirtualServices by their own namespace, so that VirtualService is not
 * imported and its routing rules do not apply, although the docs read as if the service's namespace counted.
 */
final class VirtualServiceNamespaceRule implements DocsRule {
    @Override
    public void check(MeshInput input, MeshIndex index, List<AnalysisMessage> out) {
        for (Sidecar s : input.sidecars()) {
            String ns = s.meta().namespace();
            List<EgressScope> scopes = index.scopeFor(s, ns).egress();
            for (Findings.Listener l : Findings.listeners(s)) {
                Optional<EgressScope> es = scopes.stream().filter(e -> e.index() == l.index()).findFirst();
                if (es.isEmpty()) {
                    continue;
                }
                Set<String> reported = new LinkedHashSet<>();
                for (int j = 0; j < l.listener().hosts().size(); j++) {
                    String written = l.listener().hosts().get(j);
                    Optional<HostEntry> e = written == null ? Optional.empty() : HostEntry.parse(written, ns);
                    if (e.isEmpty() || e.get().exclusion() || e.get().namespace().equals("*")) {
                        continue;
                    }
                    for (ResolvedVirtualService vs : index.virtualServices().visibleTo(ns)) {
                        String routed = routedImport(vs, e.get(), es.get());
                        if (routed != null && !es.get().virtualServices().contains(vs) && reported.add(vs.key())) {
                            String field = Findings.host(l.index(), j);
                            out.add(DocsRule.message(s, field, field + " \"" + written + "\" imports " + routed
                                    + " but not VirtualService " + vs.key() + ", which routes it: the namespace in"
                                    + " \"namespace/host\" selects VirtualServices by their own namespace ("
                                    + vs.namespace() + "), not by the namespace of the service they route, so its rules"
                                    + " do not apply to these workloads. Add \"" + vs.namespace() + "/" + routed + "\"."));
                        }
                    }
                }
            }
        }
    }

    /** A service this entry imports that the VirtualService (in another namespace) routes, or null. */
    private static String routedImport(ResolvedVirtualService vs, HostEntry e, EgressScope es) {
        if (vs.namespace().equals(e.namespace())) {
            return null;
        }
        for (MeshService svc : es.services()) {
            if (!e.matchesService(svc.namespace(), svc.hostname())) {
                continue;
            }
            for (String vh : vs.hosts()) {
                if (Hostnames.matches(svc.hostname(), vh)) {
                    return svc.hostname();
                }
            }
        }
        return null;
    }
}
