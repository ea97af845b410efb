package io.meshscope.core.analyze;

import io.meshscope.core.render.EditDistance;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.HostEntry;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an egress host that imports nothing probably meant, among the services visible to its reader: the
 * Kubernetes FQDN of a partial name ({@code name}, {@code name.ns}, {@code name.ns.svc}: Sidecar hosts are never
 * expanded), else the closest service host by edit distance in the host's namespace (a typo).
 */
public final class HostSuggestions {
    private HostSuggestions() {
    }

    /**
     * The FQDN a partial Kubernetes name stands for in namespace {@code ns} ({@code name}, {@code name.ns},
     * {@code name.ns.svc}), or null when {@code dns} is not one of those forms.
     */
    public static String expansion(String dns, String ns, String domain) {
        if (dns.startsWith("*") || dns.isEmpty()) {
            return null;
        }
        String[] parts = dns.split("\\.", -1);
        return switch (parts.length) {
            case 1 -> ns.equals("*") ? null : Hostnames.kubernetesHost(dns, ns, domain);
            case 2 -> Hostnames.kubernetesHost(parts[0], parts[1], domain);
            case 3 -> parts[2].equals("svc") ? Hostnames.kubernetesHost(parts[0], parts[1], domain) : null;
            default -> null;
        };
    }

    /**
     * {@code ns/FQDN} for each visible service whose host is the expansion of the written partial name; the
     * written namespace is kept when it holds the service (or is {@code *}), else the service's own is named.
     */
    public static SortedSet<String> expansions(Collection<MeshService> visible, HostEntry e, String writtenNs,
                                               String domain) {
        SortedSet<String> out = new TreeSet<>();
        for (MeshService svc : visible) {
            String fqdn = expansion(e.dnsName(), e.namespace().equals("*") ? svc.namespace() : e.namespace(), domain);
            if (svc.hostname().equals(fqdn)) {
                out.add(importFrom(writtenNs, e, svc) + "/" + svc.hostname());
            }
        }
        return out;
    }

    /**
     * {@code ns/host} of the visible services in the entry's namespace closest to the written name by edit
     * distance, when close enough to be a typo (at most a fifth of the name, and at least 2, edits).
     */
    public static SortedSet<String> nearMisses(Collection<MeshService> visible, HostEntry e, String writtenNs,
                                               String domain) {
        String dns = e.dnsName();
        if (dns.contains("*")) {
            return new TreeSet<>();
        }
        int best = Math.max(2, dns.length() / 5) + 1;
        SortedSet<String> out = new TreeSet<>();
        for (MeshService svc : visible) {
            if (!e.namespace().equals("*") && !svc.namespace().equals(e.namespace())) {
                continue;
            }
            String expanded = expansion(dns, svc.namespace(), domain);
            String name = expanded == null ? dns : expanded;
            if (Math.abs(name.length() - svc.hostname().length()) >= best) {
                continue; // the distance is at least the length difference: skip the quadratic part
            }
            int d = EditDistance.between(name, svc.hostname());
            if (d > 0 && d < best) {
                best = d;
                out.clear();
            }
            if (d > 0 && d == best) {
                out.add(importFrom(writtenNs, e, svc) + "/" + svc.hostname());
            }
        }
        return out;
    }

    private static String importFrom(String writtenNs, HostEntry e, MeshService svc) {
        return e.namespace().equals("*") || e.namespace().equals(svc.namespace()) ? writtenNs : svc.namespace();
    }
}
