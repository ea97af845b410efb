package io.meshscope.core.scope;

import io.meshscope.core.model.EgressListener;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.registry.ServiceRegistry;
import io.meshscope.core.registry.VirtualServiceIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one egress listener imports for one consuming namespace: istiod's {@code selectServices} (exclusions,
 * namespace-then-wildcard matching, port filtering, one namespace per hostname) and
 * {@code SelectVirtualServices} (filtered by the VirtualService's own namespace).
 */
final class EgressImporter {
    private final ServiceRegistry registry;
    private final VirtualServiceIndex virtualServices;

    EgressImporter(ServiceRegistry registry, VirtualServiceIndex virtualServices) {
        this.registry = registry;
        this.virtualServices = virtualServices;
    }

    EgressScope importFor(int index, EgressListener listener, String configNs) {
        ParsedHosts hosts = ParsedHosts.parse(listener.hosts(), configNs);
        List<MeshService> services = selectServices(listener, hosts, configNs);
        List<ResolvedVirtualService> vses = selectVirtualServices(hosts, configNs);
        return new EgressScope(index, listener, services, vses);
    }

    private List<MeshService> candidates(ParsedHosts hosts, String configNs) {
        if (!hosts.allExact) {
            HostClass any = hosts.get(ParsedHosts.ANY_NAMESPACE);
            return any != null && any.hasInclusions() ? registry.exportedTo(configNs) : byNamespace(hosts, configNs);
        }
        // Fast path (istiod 1.31+ servicesForExactHosts): one indexed service per (host, namespace).
        List<MeshService> out = new ArrayList<>();
        Set<MeshService> seen = new HashSet<>();
        for (Map.Entry<String, HostClass> e : hosts.byNamespace.entrySet()) {
            for (String host : e.getValue().exact) {
                MeshService s = registry.lookup(host, e.getKey());
                if (s != null && registry.isVisible(s, configNs) && seen.add(s)) {
                    out.add(s);
                }
            }
        }
        out.sort(MeshService.CREATION_ORDER);
        return out;
    }

    /**
     * Without a {@code *\/} inclusion only services of the namespaces named in the hosts can match, so those
     * namespaces' visible services are the candidates, in {@code exportedTo(configNs)} order: exactly what a
     * scan of that list would keep, at a cost that follows the named namespaces, not the mesh. (A
     * {@code ns/*} per workload Sidecar, e.g. {@code istio-system/*}, made every scope scan every service.)
     */
    private List<MeshService> byNamespace(ParsedHosts hosts, String configNs) {
        List<MeshService> out = new ArrayList<>();
        for (Map.Entry<String, HostClass> e : hosts.byNamespace.entrySet()) {
            HostClass hc = e.getValue();
            if (!hc.hasInclusions()) {
                continue;
            }
            boolean onlyExact = hc.exact.size() == hc.all.size();
            if (onlyExact) {
                for (String host : hc.exact) {
                    for (MeshService s : registry.withHostname(host)) {
                        if (s.namespace().equals(e.getKey()) && registry.isVisible(s, configNs)) {
                            out.add(s);
                        }
                    }
                }
            } else {
                for (MeshService s : registry.inNamespace(e.getKey())) {
                    if (registry.isVisible(s, configNs)) {
                        out.add(s);
                    }
                }
            }
        }
        out.sort(registry.exportOrder(configNs));
        return out;
    }

    private List<MeshService> selectServices(EgressListener listener, ParsedHosts hosts, String configNs) {
        Integer matchPort = listener.matchPort();
        HostClass wildcardNs = hosts.get(ParsedHosts.ANY_NAMESPACE);
        List<MeshService> imported = new ArrayList<>();
        for (MeshService s : candidates(hosts, configNs)) {
            if (hosts.excluded(s.namespace(), s.hostname())) {
                continue;
            }
            HostClass own = hosts.get(s.namespace());
            if (own != null && own.matches(s.hostname())) {
                MeshService m = filterPort(s, matchPort);
                if (m != null) {
                    imported.add(m);
                    continue;
                }
                // istiod falls through to the wildcard namespace when the port filter dropped the service.
            }
            if (wildcardNs != null && wildcardNs.matches(s.hostname())) {
                MeshService m = filterPort(s, matchPort);
                if (m != null) {
                    imported.add(m);
                }
            }
        }
        return onePerHostname(imported, configNs);
    }

    /**
     * One namespace per hostname: the first seen, replaced by one from the consuming namespace, or (unified
     * scope) by a Kubernetes service when the current choice is neither Kubernetes nor local.
     */
    private static List<MeshService> onePerHostname(List<MeshService> imported, String configNs) {
        Map<String, MeshService> chosen = new HashMap<>();
        for (MeshService s : imported) {
            MeshService cur = chosen.get(s.hostname());
            if (cur == null || s.namespace().equals(configNs)) {
                chosen.put(s.hostname(), s);
            } else if (!cur.namespace().equals(configNs) && !cur.isKubernetes() && s.isKubernetes()) {
                chosen.put(s.hostname(), s);
            }
        }
        List<MeshService> out = new ArrayList<>(imported.size());
        for (MeshService s : imported) {
            if (chosen.get(s.hostname()).namespace().equals(s.namespace())) {
                out.add(s);
            }
        }
        return out;
    }

    /** istiod's {@code serviceMatchingListenerPort}: keep only the service port equal to the listener port. */
    static MeshService filterPort(MeshService s, Integer port) {
        if (port == null) {
            return s;
        }
        ServicePort p = s.port(port);
        if (p == null) {
            return null;
        }
        return s.ports().size() == 1 ? s : s.withPorts(List.of(p));
    }

    private List<ResolvedVirtualService> selectVirtualServices(ParsedHosts hosts, String configNs) {
        List<ResolvedVirtualService> out = new ArrayList<>();
        Set<String> added = new HashSet<>();
        HostClass wildcardNs = hosts.get(ParsedHosts.ANY_NAMESPACE);
        for (ResolvedVirtualService vs : virtualServices.visibleTo(configNs)) {
            HostClass own = hosts.get(vs.namespace());
            if (own != null && imports(vs, own, hosts) && added.add(vs.key())) {
                out.add(vs);
            }
            if (wildcardNs != null && !added.contains(vs.key()) && imports(vs, wildcardNs, hosts) && added.add(vs.key())) {
                out.add(vs);
            }
        }
        return out;
    }

    private static boolean imports(ResolvedVirtualService vs, HostClass hc, ParsedHosts hosts) {
        for (String vh : vs.hosts()) {
            if (hosts.excluded(vs.namespace(), vh)) {
                continue;
            }
            if (hc.matchesVirtualServiceHost(vh)) {
                return true;
            }
        }
        return false;
    }
}
