package io.meshscope.core.registry;

import io.meshscope.core.model.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A VirtualService with its hosts resolved to FQDNs relative to its namespace, as istiod stores it. */
public record ResolvedVirtualService(VirtualService source, List<String> hosts, boolean boundToMesh, String domain) {

    static ResolvedVirtualService of(VirtualService vs, String domain) {
        List<String> hosts = new ArrayList<>();
        for (String h : vs.hosts()) {
            hosts.add(Hostnames.resolveShortName(h, vs.meta().namespace(), domain));
        }
        boolean mesh = vs.gateways().isEmpty() || vs.gateways().contains("mesh");
        return new ResolvedVirtualService(vs, List.copyOf(hosts), mesh, domain);
    }

    public String namespace() {
        return source.meta().namespace();
    }

    /** {@code namespace/name}. */
    public String key() {
        return source.meta().id().nsName();
    }

    /**
     * istiod's {@code virtualServiceDestinationsFilteredBySourceNamespace}: destination host → ports (0 = a
     * destination without a port). An HTTP route is skipped when some match sets {@code sourceNamespace} and
     * none sets it to {@code configNs}.
     */
    public Map<String, Set<Integer>> destinationsFor(String configNs) {
        Map<String, Set<Integer>> out = new LinkedHashMap<>();
        for (VirtualService.Route r : source.http()) {
            if (!httpRouteAppliesTo(r, configNs)) {
                continue;
            }
            r.route().forEach(d -> add(out, d));
            r.mirrors().forEach(d -> add(out, d));
        }
        source.tcp().forEach(r -> r.route().forEach(d -> add(out, d)));
        source.tls().forEach(r -> r.route().forEach(d -> add(out, d)));
        return out;
    }

    private static boolean httpRouteAppliesTo(VirtualService.Route r, String configNs) {
        boolean anySourceNs = false;
        for (VirtualService.Match m : r.match()) {
            if (!m.sourceNamespace().isEmpty()) {
                anySourceNs = true;
                if (m.sourceNamespace().equals(configNs)) {
                    return true;
                }
            }
        }
        return !anySourceNs;
    }

    private void add(Map<String, Set<Integer>> out, VirtualService.Destination d) {
        if (d.host() == null || d.host().isEmpty()) {
            return;
        }
        String host = Hostnames.resolveShortName(d.host(), namespace(), domain);
        out.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(d.port());
    }
}
