package io.meshscope.core.scope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An egress listener's {@code hosts} parsed as istiod's {@code convertIstioListenerToWrapper} does: per
 * namespace key ({@code *} for any), with {@code .} bound to the consuming namespace and {@code ~} read as
 * exclusion. Entries without exactly one {@code /} are skipped, as the runtime skips them.
 */
final class ParsedHosts {
    static final String ANY_NAMESPACE = "*";

    final Map<String, HostClass> byNamespace;
    /** True when every inclusion is an exact host in a named namespace: the lookup fast path applies. */
    final boolean allExact;

    private ParsedHosts(Map<String, HostClass> byNamespace, boolean allExact) {
        this.byNamespace = Collections.unmodifiableMap(byNamespace);
        this.allExact = allExact;
    }

    static ParsedHosts parse(Iterable<String> hosts, String configNamespace) {
        Map<String, HostClass> byNs = new LinkedHashMap<>();
        boolean allExact = true;
        for (String written : hosts) {
            Optional<HostEntry> parsed = HostEntry.parse(written, configNamespace);
            if (parsed.isEmpty()) {
                continue;
            }
            HostEntry entry = parsed.get();
            String ns = entry.namespace();
            String name = entry.dnsName();
            boolean exclusion = entry.exclusion();
            HostClass hc = byNs.computeIfAbsent(ns, k -> new HostClass());
            if (exclusion) {
                hc.excluded.add(name);
                continue;
            }
            hc.all.add(name);
            boolean wildcardName = name.startsWith("*");
            if (!wildcardName) {
                hc.exact.add(name);
            }
            if (wildcardName || ns.equals(ANY_NAMESPACE)) {
                allExact = false;
            }
        }
        return new ParsedHosts(byNs, allExact);
    }

    HostClass get(String ns) {
        return byNamespace.get(ns);
    }

    /** True when a service host of namespace {@code ns} is excluded by {@code ~ns/...} or {@code ~/...}. */
    boolean excluded(String ns, String host) {
        HostClass own = byNamespace.get(ns);
        if (own != null && own.excludes(host)) {
            return true;
        }
        HostClass any = byNamespace.get(ANY_NAMESPACE);
        return any != null && any.excludes(host);
    }
}
