package io.meshscope.core.registry;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DestinationRules indexed as istiod's {@code setDestinationRules}: namespace-local, exported by namespace, and
 * root-local. {@link #select} is {@code PushContext.destinationRule}: client namespace, then the service's
 * namespace, then the root namespace — never filtered by a Sidecar's {@code hosts}.
 */
public final class DestinationRuleIndex {
    private final String rootNamespace;
    private final Map<String, Map<String, List<Entry>>> namespaceLocal = new HashMap<>();
    private final Map<String, Map<String, List<Entry>>> exportedByNamespace = new HashMap<>();
    private final Map<String, List<Entry>> rootLocal = new LinkedHashMap<>();
    /** Every rule visible beyond its own namespace is visible to every namespace. */
    private boolean exportedEverywhere = true;

    /** A DR with its resolved host and effective exportTo. */
    public record Entry(DestinationRule rule, String host, Set<String> exportTo) {
        public String key() {
            return rule.meta().id().nsName();
        }
    }

    private DestinationRuleIndex(String rootNamespace) {
        this.rootNamespace = rootNamespace;
    }

    /** Indexes the rules, oldest first (the oldest of several rules for one host takes precedence). */
    public static DestinationRuleIndex build(List<DestinationRule> rules, MeshConfig mesh) {
        DestinationRuleIndex idx = new DestinationRuleIndex(mesh.rootNamespace());
        List<DestinationRule> sorted = new ArrayList<>(rules);
        sorted.sort(MeshObject.OLDEST_FIRST);
        Set<String> defaults = new LinkedHashSet<>(mesh.defaultDestinationRuleExportTo());
        for (DestinationRule dr : sorted) {
            String ns = dr.meta().namespace();
            String host = Hostnames.resolveShortName(dr.host(), ns, mesh.domainSuffix());
            // Rules with a workload selector are private to their namespace.
            Set<String> exportTo = dr.workloadSelector() == null ? new LinkedHashSet<>(dr.exportTo()) : Set.of(".");
            Entry e = new Entry(dr, host, exportTo);
            if (exportTo.isEmpty() || exportTo.contains("*") || exportTo.contains(".") || exportTo.contains(ns)) {
                add(idx.namespaceLocal.computeIfAbsent(ns, n -> new LinkedHashMap<>()), e);
            }
            boolean privateOnly = (exportTo.isEmpty() && defaults.contains("."))
                    || (exportTo.size() == 1 && (exportTo.contains(".") || exportTo.contains(ns)));
            if (!privateOnly) {
                add(idx.exportedByNamespace.computeIfAbsent(ns, n -> new LinkedHashMap<>()), e);
                idx.exportedEverywhere &= exportTo.isEmpty() || exportTo.contains("*");
            } else if (ns.equals(mesh.rootNamespace())) {
                add(idx.rootLocal, e);
            }
        }
        return idx;
    }

    private static void add(Map<String, List<Entry>> byHost, Entry e) {
        byHost.computeIfAbsent(e.host(), h -> new ArrayList<>()).add(e);
    }

    /**
     * The rule a proxy in {@code clientNs} with {@code proxyLabels} uses for {@code hostname} of a service in
     * {@code serviceNs}, or null. Among several rules for one host, a matching workload-selector rule beats the
     * selector-less one, and the oldest wins otherwise (istiod merges them with the oldest taking precedence).
     */
    public Entry select(String clientNs, Map<String, String> proxyLabels, String hostname, String serviceNs) {
        List<Entry> found = lookup(clientNs, hostname, serviceNs);
        return found.isEmpty() ? null : pick(found, proxyLabels);
    }

    /**
     * Whether {@link #lookup} answers the same for a client in {@code clientNs} as for any other namespace this
     * holds for: no rule is local to it, it is not the root namespace, and every exported rule is exported to
     * every namespace. Scopes of such namespaces that import the same services have the same rule dependencies.
     */
    public boolean lookupIndependentOf(String clientNs) {
        return exportedEverywhere && !clientNs.equals(rootNamespace) && !namespaceLocal.containsKey(clientNs);
    }

    /**
     * The consolidated rules istiod's {@code destinationRule} returns for the host: all of them are push
     * dependencies of a scope that imports the service.
     */
    public List<Entry> lookup(String clientNs, String hostname, String serviceNs) {
        List<Entry> found = mostSpecific(hostname, clientNs.equals(rootNamespace) ? rootLocal : namespaceLocal.get(clientNs));
        if (found == null && !serviceNs.isEmpty()) {
            found = exported(serviceNs, hostname, clientNs);
        }
        if (found == null) {
            found = exported(rootNamespace, hostname, clientNs);
        }
        return found == null ? List.of() : found;
    }

    private List<Entry> exported(String owningNs, String hostname, String clientNs) {
        List<Entry> rules = mostSpecific(hostname, exportedByNamespace.get(owningNs));
        if (rules == null) {
            return null;
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : rules) {
            Set<String> x = e.exportTo();
            if (x.isEmpty() || x.contains("*") || x.contains(clientNs)) {
                out.add(e);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static Entry pick(List<Entry> rules, Map<String, String> proxyLabels) {
        if (proxyLabels != null) {
            for (Entry e : rules) {
                if (e.rule().workloadSelector() != null
                        && Labels.selects(e.rule().workloadSelector().labels(), proxyLabels)) {
                    return e;
                }
            }
        }
        for (Entry e : rules) {
            if (e.rule().workloadSelector() == null) {
                return e;
            }
        }
        return null;
    }

    /** istiod's {@code MostSpecificHostMatch}: the exact host, else the longest wildcard covering it. */
    static List<Entry> mostSpecific(String needle, Map<String, List<Entry>> byHost) {
        if (byHost == null || byHost.isEmpty()) {
            return null;
        }
        List<Entry> exact = byHost.get(needle);
        if (exact != null) {
            return exact;
        }
        String suffixOf = Hostnames.isWildcard(needle) ? needle.substring(1) : needle;
        String best = null;
        for (String h : byHost.keySet()) {
            if (Hostnames.isWildcard(h) && suffixOf.endsWith(h.substring(1))) {
                if (best == null || h.length() > best.length() || (h.length() == best.length() && h.compareTo(best) < 0)) {
                    best = h;
                }
            }
        }
        return best == null ? null : byHost.get(best);
    }
}
