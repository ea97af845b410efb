package io.meshscope.core.registry;

/**
 * Istio's hostname algebra ({@code pkg/config/host/name.go}): wildcard tests, {@code SubsetOf}, the
 * bidirectional {@code Matches}, and {@code ResolveShortnameToFQDN}. Matching is case-sensitive and does no
 * trailing-dot normalisation, exactly as istiod compares strings.
 */
public final class Hostnames {
    private Hostnames() {
    }

    public static boolean isWildcard(String h) {
        return !h.isEmpty() && h.charAt(0) == '*';
    }

    /** {@code n ⊆ o}: a wildcard is never a subset of an exact name; {@code *} covers everything. */
    public static boolean subsetOf(String n, String o) {
        if (isWildcard(n)) {
            return isWildcard(o) && n.substring(1).endsWith(o.substring(1));
        }
        if (isWildcard(o)) {
            return n.endsWith(o.substring(1));
        }
        return n.equals(o);
    }

    /** Istio's {@code Name.Matches}: true when either name covers the other (used for VirtualService hosts). */
    public static boolean matches(String n, String o) {
        boolean nw = isWildcard(n);
        boolean ow = isWildcard(o);
        if (nw && ow) {
            return n.length() < o.length() ? o.substring(1).endsWith(n.substring(1))
                    : n.substring(1).endsWith(o.substring(1));
        }
        if (nw) {
            return o.endsWith(n.substring(1));
        }
        if (ow) {
            return n.endsWith(o.substring(1));
        }
        return n.equals(o);
    }

    /** The hostname of Kubernetes Service {@code name} in {@code namespace}: {@code name.namespace.svc.<domain>}. */
    public static String kubernetesHost(String name, String namespace, String domainSuffix) {
        return name + "." + namespace + ".svc." + domainSuffix;
    }

    /**
     * Expands a VirtualService/DestinationRule host written as a short name to
     * {@code host.<namespace>.svc.<domain>}. Sidecar hosts are never passed through this.
     */
    public static String resolveShortName(String host, String namespace, String domainSuffix) {
        if (host == null || host.isEmpty() || host.equals("*") || host.contains(".") || isIpLiteral(host)) {
            return host == null ? "" : host;
        }
        return namespace.isEmpty() ? host + ".svc." + domainSuffix : kubernetesHost(host, namespace, domainSuffix);
    }

    private static boolean isIpLiteral(String host) {
        // Only IPv6 literals can lack a '.', and they always contain ':'.
        return host.indexOf(':') >= 0;
    }
}
