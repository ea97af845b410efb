package io.meshscope.core.analyze;

import io.meshscope.core.describe.ShownNamespaces;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.registry.ServiceRegistry;
import io.meshscope.core.scope.HostEntry;
import io.meshscope.core.scope.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * MS0001: an egress host that matches no service, ServiceEntry or VirtualService visible to the namespaces
 * that read it, with the host it probably meant. Hosts in a namespace the input never showed
 * ({@link ShownNamespaces}) are not judged: the input may be one team's folder, and such a namespace is
 * unknown, not empty.
 */
public final class UnknownEgressHostAnalyzer extends IndexedAnalyzer {

    public UnknownEgressHostAnalyzer() {
        this(new IndexCache());
    }

    UnknownEgressHostAnalyzer(IndexCache cache) {
        super("meshscope.UnknownEgressHostAnalyzer", MeshscopeMessageTypes.UNKNOWN_EGRESS_HOST, cache);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        if (input.services().isEmpty() && input.serviceEntries().isEmpty() && input.virtualServices().isEmpty()) {
            return List.of(); // nothing to judge hosts against
        }
        MeshIndex index = cache.of(input);
        Consumers consumers = cache.consumers(input);
        ShownNamespaces shown = ShownNamespaces.of(input);
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            List<String> readers = consumers.of(s);
            for (Findings.Listener l : Findings.listeners(s)) {
                List<String> hosts = l.listener().hosts();
                for (int j = 0; j < hosts.size(); j++) {
                    String written = hosts.get(j);
                    if (written == null || written.equals("*/*") || written.equals("./*")) {
                        continue;
                    }
                    Optional<HostEntry> entry = HostEntry.parse(written, s.meta().namespace());
                    if (entry.isEmpty() || entry.get().exclusion() || matchesSomething(index, written, readers)
                            || shown.unknownNamespaceOf(entry.get()) != null) {
                        continue;
                    }
                    String text = "spec.egress[" + l.index() + "].hosts[" + j + "] \"" + written
                            + "\" imports nothing: no service, ServiceEntry or VirtualService visible to namespace "
                            + readers.get(0) + " matches it." + hint(index, written, entry.get(), readers.get(0));
                    out.add(Findings.at(MeshscopeMessageTypes.UNKNOWN_EGRESS_HOST, s, Findings.host(l.index(), j),
                            text));
                }
            }
        }
        return out;
    }

    /** True when the host, read in any of the namespaces, selects a visible service or VirtualService. */
    static boolean matchesSomething(MeshIndex index, String written, List<String> readers) {
        for (String ns : readers) {
            HostEntry h = HostEntry.parse(written, ns).orElseThrow();
            for (MeshService svc : candidates(index.registry(), h, ns)) {
                if (index.registry().isVisible(svc, ns) && h.matchesService(svc.namespace(), svc.hostname())) {
                    return true;
                }
            }
            for (ResolvedVirtualService vs : index.virtualServices().visibleTo(ns)) {
                for (String vh : vs.hosts()) {
                    if (h.matchesVirtualServiceHost(vs.namespace(), vh)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A superset of the services the host can match, so a check costs what the host names, not the mesh: an
     * exact name matches only services of that hostname ({@link Hostnames#subsetOf}: a wildcard service host
     * is never a subset of an exact name); {@code ns/*.x} only namespace {@code ns}'s services; only
     * {@code *}{@code /*.x} has to look at everything visible.
     */
    private static List<MeshService> candidates(ServiceRegistry registry, HostEntry h, String reader) {
        if (!Hostnames.isWildcard(h.dnsName())) {
            return registry.withHostname(h.dnsName());
        }
        return h.namespace().equals("*") ? registry.exportedTo(reader) : registry.inNamespace(h.namespace());
    }

    private static String hint(MeshIndex index, String written, HostEntry e, String reader) {
        String writtenNs = written.substring(0, written.indexOf('/'));
        String dns = e.dnsName();
        String domain = index.mesh().domainSuffix();
        List<MeshService> visible = index.registry().exportedTo(reader);
        String why = " Sidecar hosts are never short-name expanded (Istio's validation rejects short names)";
        if (!dns.contains(".") && !dns.startsWith("*")) {
            TreeSet<String> meant = new TreeSet<>(HostSuggestions.expansions(visible, e, writtenNs, domain));
            if (meant.isEmpty()) {
                meant.addAll(HostSuggestions.nearMisses(visible, e, writtenNs, domain));
            }
            return meant.isEmpty() ? why + ": write the FQDN, " + dns + ".<namespace>.svc." + domain + "."
                    : why + "; did you mean " + Findings.quoted(meant) + "?";
        }
        SortedSet<String> expanded = HostSuggestions.expansions(visible, e, writtenNs, domain);
        if (!expanded.isEmpty()) {
            return " Sidecar hosts are never expanded to the service's FQDN; did you mean " + Findings.quoted(expanded)
                    + "?";
        }
        TreeSet<String> elsewhere = new TreeSet<>();
        for (MeshService svc : visible) {
            if (!dns.equals("*") && !svc.namespace().equals(e.namespace()) && sameHost(svc.hostname(), dns)) {
                elsewhere.add(svc.namespace() + "/" + dns);
            }
        }
        if (!elsewhere.isEmpty()) {
            return " The host is defined in another namespace, and a Service or ServiceEntry is imported from its own"
                    + " namespace: write " + Findings.quoted(elsewhere) + ".";
        }
        for (MeshService svc : index.registry().all()) {
            if (svc.namespace().equals(e.namespace()) && sameHost(svc.hostname(), dns)) {
                return " " + svc.source() + " defines it, but its exportTo " + new TreeSet<>(svc.exportTo())
                        + " hides it from namespace " + reader + ".";
            }
        }
        for (ResolvedVirtualService vs : index.virtualServices().all()) {
            boolean hidden = !vs.boundToMesh() || !index.virtualServices().visibleTo(reader).contains(vs);
            if (hidden && vs.hosts().stream().anyMatch(h -> e.matchesVirtualServiceHost(vs.namespace(), h))) {
                return " VirtualService " + vs.key() + " matches it, but " + (vs.boundToMesh()
                        ? "its exportTo hides it from namespace " + reader : "it is not bound to the mesh gateway")
                        + ".";
            }
        }
        SortedSet<String> near = HostSuggestions.nearMisses(visible, e, writtenNs, domain);
        return near.isEmpty() ? "" : " Did you mean " + Findings.quoted(near) + "?";
    }

    private static boolean sameHost(String serviceHost, String dns) {
        return serviceHost.equals(dns) || ((Hostnames.isWildcard(serviceHost) || Hostnames.isWildcard(dns))
                && Hostnames.subsetOf(serviceHost, dns));
    }
}
