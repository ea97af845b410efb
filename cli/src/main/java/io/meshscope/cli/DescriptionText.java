package io.meshscope.cli;

import io.meshscope.core.analyze.HostSuggestions;
import io.meshscope.core.describe.Description;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServiceRegistry;
import io.meshscope.core.render.TextSafe;
import io.meshscope.core.scope.HostEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The human answer to "which Sidecar applies to this pod, and why?": the choice and its reason, what it
 * shadowed, then per egress listener each written host with what it matched — flagging hosts that matched
 * nothing, with the host they probably meant, and hosts of namespaces the input never showed.
 */
final class DescriptionText {
    private final ServiceRegistry registry;
    private final MeshConfig mesh;

    DescriptionText(ServiceRegistry registry, MeshConfig mesh) {
        this.registry = registry;
        this.mesh = mesh;
    }

    String render(Description d) {
        StringBuilder sb = new StringBuilder();
        Description.WorkloadView w = d.workload();
        sb.append("Workload:  ").append(w.kind()).append(' ').append(t(w.namespace())).append('/').append(t(w.name()));
        if (!w.labels().isEmpty()) {
            sb.append("  ").append(t(w.labels()));
        }
        sb.append('\n');
        sb.append("Proxy:     ").append(d.proxyType()).append('\n');
        Description.InjectionView inj = d.injection();
        sb.append("Injected:  ").append(inj.hasProxy() ? (inj.assumed() ? "yes (assumed)" : "yes") : "no")
                .append(" — ").append(t(inj.reason()));
        if (!inj.hasProxy()) {
            sb.append("; this workload runs no proxy, so nothing below reaches it");
        }
        sb.append('\n');
        sb.append("Sidecar:   ").append(d.sidecar() == null ? "(none)" : t(d.sidecar()));
        if (d.sidecarLocation() != null && d.sidecarLocation().isKnown()) {
            sb.append("  (").append(t(d.sidecarLocation())).append(')');
        }
        sb.append('\n');
        sb.append("Why:       ").append(t(reason(d))).append('\n');
        for (Description.ShadowedView s : d.shadowed()) {
            sb.append("Shadowed:  ").append(t(s.sidecar())).append(" — ").append(t(s.reason())).append('\n');
        }
        String otp = d.outboundTrafficPolicy();
        sb.append("Outbound:  ").append(otp == null ? "(unset)" : otp);
        if ("REGISTRY_ONLY".equals(otp)) {
            sb.append(" — calls to hosts outside this scope go to BlackHoleCluster (502/connection reset)");
        } else if ("ALLOW_ANY".equals(otp)) {
            sb.append(" — calls to hosts outside this scope leave through PassthroughCluster (no mesh policy)");
        }
        sb.append("\n\n");
        int i = 0;
        for (Description.EgressView e : d.egress()) {
            sb.append("Egress listener ").append(i++).append(": ");
            if (e.port() == null) {
                sb.append("catch-all (every port not claimed by a port listener)");
            } else {
                sb.append("port ").append(e.port());
                if (e.protocol() != null) {
                    sb.append(' ').append(e.protocol());
                }
                if (e.name() != null) {
                    sb.append(" \"").append(t(e.name())).append('"');
                }
            }
            if (e.bind() != null) {
                sb.append(", bind ").append(t(e.bind()));
            }
            if (!"DEFAULT".equals(e.captureMode())) {
                sb.append(", captureMode ").append(e.captureMode());
            }
            sb.append('\n');
            for (Map.Entry<String, List<String>> h : e.hostMatches().entrySet()) {
                List<String> matched = h.getValue();
                sb.append("  ").append(t(h.getKey())).append("  ");
                if (e.unknownNamespaceHosts().contains(h.getKey())) {
                    sb.append("?? namespace not in the input (no object of it was read: what it holds is unknown)");
                    String name = h.getKey().substring(h.getKey().indexOf('/') + 1);
                    if (!name.contains(".") && !name.contains("*")) {
                        sb.append("; short names are never expanded: write the FQDN");
                    }
                } else if (matched.isEmpty()) {
                    sb.append("!! matched nothing").append(t(hint(h.getKey(), d.workload().namespace())));
                } else {
                    sb.append("-> ").append(t(String.join(", ", matched)));
                }
                sb.append('\n');
            }
            for (String h : e.hosts()) {
                if (h != null && h.contains("/") && h.startsWith("~")) {
                    sb.append("  ").append(t(h)).append("  (exclusion: removes matches, imports nothing)\n");
                }
            }
            sb.append("  imports ").append(e.services().size()).append(" service(s)");
            if (!e.virtualServices().isEmpty()) {
                sb.append(", VirtualServices ").append(t(e.virtualServices()));
            }
            sb.append('\n');
        }
        sb.append('\n').append("Scope (clusters): ").append(d.scopeServices().size()).append(" service(s)\n");
        for (String s : d.scopeServices()) {
            sb.append("  ").append(t(s)).append(' ').append(portsWithProtocols(d, s)).append("  [")
                    .append(t(d.scopeServiceNamespaces().get(s))).append(']');
            String dr = d.destinationRules().get(s);
            if (dr != null) {
                sb.append("  DestinationRule ").append(t(dr));
            }
            sb.append('\n');
        }
        if (!d.ingress().isEmpty()) {
            sb.append("\nIngress:\n");
            for (Description.IngressView in : d.ingress()) {
                sb.append("  port ").append(in.port()).append(in.protocol() == null ? "" : " " + in.protocol())
                        .append(" -> ").append(in.defaultEndpoint().isEmpty() ? "(original destination)" : t(in.defaultEndpoint()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code [80/auto, 9090/HTTP]}: each port with the protocol its listener serves ({@code auto}: sniffed). */
    private static String portsWithProtocols(Description d, String host) {
        Map<Integer, String> protocols = d.scopeServiceProtocols().getOrDefault(host, new TreeMap<>());
        StringBuilder out = new StringBuilder("[");
        for (Integer port : d.scopeServicePorts().get(host)) {
            out.append(out.length() > 1 ? ", " : "").append(port);
            String protocol = protocols.get(port);
            if (protocol != null) {
                out.append('/').append(protocol);
            }
        }
        return out.append(']').toString();
    }

    private String reason(Description d) {
        String ns = d.workload().namespace();
        return switch (d.selectedBy()) {
            case "workloadSelector" -> "its workloadSelector matches the workload's labels (selector Sidecars outrank the namespace default)";
            case "namespaceDefault" -> "no Sidecar in " + ns + " has a workloadSelector matching this workload; "
                    + d.sidecar() + " has no workloadSelector, so it is the namespace default";
            case "rootNamespaceDefault" -> "no Sidecar in " + ns + " applies; " + d.sidecar()
                    + " is the oldest selector-less Sidecar in the root namespace (" + mesh.rootNamespace() + ")";
            default -> "router".equals(d.proxyType())
                    ? "gateways (router proxies) never use Sidecar resources; they see every service exported to " + ns
                    : "no Sidecar applies (none in " + ns + " matches and the root namespace " + mesh.rootNamespace()
                    + " has no default): the built-in scope imports every service exported to " + ns;
        };
    }

    /**
     * For a host that matched nothing, what it probably meant: the FQDN of a partial name ({@code backend/orders},
     * {@code backend/orders.backend}, {@code backend/orders.backend.svc}) or the closest service host (a typo).
     */
    private String hint(String written, String reader) {
        int slash = written.indexOf('/');
        if (slash < 0) {
            return " (not of the form namespace/dnsName)";
        }
        Optional<HostEntry> parsed = HostEntry.parse(written, reader);
        if (parsed.isEmpty() || parsed.get().exclusion()) {
            return "";
        }
        HostEntry e = parsed.get();
        String writtenNs = written.substring(0, slash);
        List<MeshService> visible = registry.exportedTo(reader);
        SortedSet<String> expanded = HostSuggestions.expansions(visible, e, writtenNs, mesh.domainSuffix());
        boolean shortName = !e.dnsName().contains(".") && !e.dnsName().equals("*");
        String why = shortName ? "short names are never expanded" : "Sidecar hosts are never expanded";
        if (!expanded.isEmpty()) {
            return " (" + why + "; did you mean " + String.join(", ", expanded) + "?)";
        }
        SortedSet<String> near = HostSuggestions.nearMisses(visible, e, writtenNs, mesh.domainSuffix());
        if (!near.isEmpty()) {
            return " (did you mean " + String.join(", ", near) + "?)";
        }
        return shortName ? " (short names are never expanded: write the FQDN)" : "";
    }

    /** User text (names, labels, hosts, file names) as one safe line: see {@link TextSafe}. */
    private static String t(Object userText) {
        return TextSafe.escape(String.valueOf(userText));
    }
}
