package io.meshscope.core.scope;

import io.meshscope.core.registry.Hostnames;
import java.util.Optional;

/**
 * One written egress host ({@code ns/dnsName}) on its own, for explaining imports host by host: which
 * services and VirtualServices this entry matches. Uses the same matching rules as the importer.
 */
public record HostEntry(String written, boolean exclusion, String namespace, String dnsName) {

    /** Parses as the runtime does ({@code .} bound to {@code configNs}, {@code ~} exclusion); empty if skipped. */
    public static Optional<HostEntry> parse(String written, String configNs) {
        if (written == null) {
            return Optional.empty();
        }
        int slash = written.indexOf('/');
        if (slash < 0 || written.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String ns = written.substring(0, slash);
        String name = written.substring(slash + 1);
        boolean exclusion = ns.startsWith("~");
        if (exclusion) {
            ns = ns.substring(1);
            if (ns.isEmpty()) {
                ns = ParsedHosts.ANY_NAMESPACE;
            }
        }
        if (ns.equals(".")) {
            ns = configNs;
        }
        return Optional.of(new HostEntry(written, exclusion, ns, name));
    }

    private boolean namespaceCovers(String ns) {
        return namespace.equals(ParsedHosts.ANY_NAMESPACE) || namespace.equals(ns);
    }

    /** True when this entry (ignoring exclusion) selects a service host of namespace {@code ns}. */
    public boolean matchesService(String ns, String hostname) {
        if (!namespaceCovers(ns)) {
            return false;
        }
        if (dnsName.equals(hostname)) {
            return true;
        }
        return (Hostnames.isWildcard(hostname) || Hostnames.isWildcard(dnsName)) && Hostnames.subsetOf(hostname, dnsName);
    }

    /** True when this entry selects a VirtualService of namespace {@code ns} with this (resolved) host. */
    public boolean matchesVirtualServiceHost(String ns, String vsHost) {
        if (!namespaceCovers(ns)) {
            return false;
        }
        if (dnsName.equals(vsHost)) {
            return true;
        }
        return (Hostnames.isWildcard(vsHost) || Hostnames.isWildcard(dnsName)) && Hostnames.matches(vsHost, dnsName);
    }
}
