package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.L4Match;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TCP and TLS filter chains of one service on one outbound listener, as istiod's
 * {@code buildSidecarOutboundTCPListenerOpts} builds them ({@code pilot/pkg/networking/core/tls.go}): the
 * VirtualService {@code tls} routes ({@code buildSidecarOutboundTLSFilterChainOpts}, TLS and HTTPS ports) or
 * {@code tcp} routes ({@code buildSidecarOutboundTCPFilterChainOpts}, every other port) of the VirtualServices
 * whose hosts match the service, then the service's own chain unless a route already took all its traffic.
 * Which matches apply is decided per proxy ({@code matchTLS}, {@code matchTCP}: port, {@code gateways} naming
 * {@code mesh}, {@code sourceLabels}, {@code sourceNamespace}); the proxies sharing these chains satisfy the same
 * {@code sourceLabels} selectors (see {@link SourceSelectors}).
 */
final class L4Chains {
    private static final String MESH_GATEWAY = "mesh";

    private final SidecarScope scope;
    private final Set<Map<String, String>> matchingSourceLabels;
    private final Map<String, DestinationRuleIndex.Entry> drs;

    L4Chains(SidecarScope scope, Set<Map<String, String>> matchingSourceLabels,
             Map<String, DestinationRuleIndex.Entry> drs) {
        this.scope = scope;
        this.matchingSourceLabels = matchingSourceLabels;
        this.drs = drs;
    }

    /**
     * The chains of {@code svc} on a listener of {@code listenPort} (0 for a UDS) bound to {@code bind};
     * {@code cidr} is the service's CIDR address when the listener is the wildcard one for it, else null.
     */
    List<OutboundChain> chains(MeshService svc, int listenPort, String protocol, String bind, String cidr,
                               List<ResolvedVirtualService> virtualServices) {
        boolean uds = bind.startsWith(ResourceNames.UNIX_PREFIX);
        List<String> cidrs = cidr == null || uds ? List.of() : List.of(cidr);
        List<ResolvedVirtualService> configs = configsForHost(svc.hostname(), virtualServices);
        boolean tls = protocol.equals("TLS") || protocol.equals("HTTPS");
        return tls ? tls(svc, listenPort, bind, cidr, cidrs, configs) : tcp(svc, listenPort, cidrs, configs);
    }

    /** {@code getConfigsForHost}: the VirtualServices with a host matching the service's (wildcards included). */
    private static List<ResolvedVirtualService> configsForHost(String hostname, List<ResolvedVirtualService> all) {
        List<ResolvedVirtualService> out = new ArrayList<>();
        for (ResolvedVirtualService vs : all) {
            if (vs.hosts().stream().anyMatch(h -> Hostnames.matches(h, hostname))) {
                out.add(vs);
            }
        }
        return out;
    }

    /**
     * {@code buildSidecarOutboundTLSFilterChainOpts}: a chain per applicable match with the match's
     * {@code sniHosts} as server names and its {@code destinationSubnets} (else the service's CIDR) as prefix
     * ranges, skipping a later match with the same SNI hosts and subnets (it could never be reached); without
     * any, the service's own chain. istiod carries one match's {@code destinationSubnets} over to every later
     * match of the listener (a loop variable it overwrites), which narrows those matches to subnets they do not
     * name; meshscope gives each match its own.
     */
    private List<OutboundChain> tls(MeshService svc, int listenPort, String bind, String cidr, List<String> cidrs,
                                    List<ResolvedVirtualService> configs) {
        List<OutboundChain> out = new ArrayList<>();
        Set<String> handled = new HashSet<>();
        for (ResolvedVirtualService vs : configs) {
            for (VirtualService.Route tls : vs.source().tls()) {
                if (tls.route().isEmpty() || !tls.http().notGenerated().isEmpty()) {
                    continue;
                }
                for (VirtualService.Match m : tls.match()) {
                    if (!applies(m, listenPort)) {
                        continue;
                    }
                    L4Match l4 = m.l4();
                    List<String> ranges = !l4.destinationSubnets().isEmpty() && listenPort > 0
                            ? l4.destinationSubnets() : cidrs;
                    if (!handled.add(String.join(",", l4.sniHosts()) + "|" + String.join(",", l4.destinationSubnets()))) {
                        continue;
                    }
                    Filter filter = networkFilter(tls.route(), listenPort, vs);
                    if (filter != null) {
                        out.add(new OutboundChain(l4.sniHosts(), ranges, List.of(), "", null, filter,
                                HttpRoutes.configMetadata(vs)));
                    }
                }
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        // Use the hostname as the SNI value only where the listener cannot tell the service by address.
        String vip = OutboundListenerBuilder.vip(svc);
        String listenAddress = vip == null ? OutboundListenerBuilder.WILDCARD : (vip.indexOf('/') >= 0 ? "" : vip);
        List<String> sni = List.of();
        if (cidr != null || listenAddress.isEmpty() || (listenAddress.equals(OutboundListenerBuilder.WILDCARD)
                && bind.equals(OutboundListenerBuilder.WILDCARD))) {
            sni = List.of(svc.hostname());
        }
        out.add(new OutboundChain(sni, cidrs, List.of(), "", null, serviceFilter(svc, listenPort), null));
        return out;
    }

    /**
     * {@code buildSidecarOutboundTCPFilterChainOpts}: routes in order; a route without matches, or an applicable
     * match without {@code destinationSubnets} (or on a UDS), takes the rest of the listener's traffic for the
     * service and ends the list; a route whose applicable matches all name subnets gets one chain for their
     * union. The service's own chain follows unless a route took all its traffic or used exactly its CIDRs.
     */
    private List<OutboundChain> tcp(MeshService svc, int listenPort, List<String> cidrs,
                                    List<ResolvedVirtualService> configs) {
        List<OutboundChain> out = new ArrayList<>();
        boolean defaultAdded = false;
        routes:
        for (ResolvedVirtualService vs : configs) {
            for (VirtualService.Route tcp : vs.source().tcp()) {
                if (tcp.route().isEmpty() || !tcp.http().notGenerated().isEmpty()) {
                    continue;
                }
                if (tcp.match().isEmpty()) {
                    add(out, cidrs, tcp, listenPort, vs, HttpRoutes.configMetadata(vs));
                    defaultAdded = true;
                    break routes;
                }
                List<String> subnets = new ArrayList<>();
                for (VirtualService.Match m : tcp.match()) {
                    if (!applies(m, listenPort)) {
                        continue;
                    }
                    if (m.l4().destinationSubnets().isEmpty() || listenPort == 0) {
                        add(out, cidrs, tcp, listenPort, vs, HttpRoutes.configMetadata(vs));
                        defaultAdded = true;
                        break routes;
                    }
                    subnets.addAll(m.l4().destinationSubnets());
                }
                if (!subnets.isEmpty()) {
                    add(out, subnets, tcp, listenPort, vs, null); // istiod sets no config metadata on this one
                    if (sorted(subnets).equals(sorted(cidrs))) {
                        defaultAdded = true; // Envoy would reject two chains with the same match
                    }
                }
            }
        }
        if (!defaultAdded) {
            out.add(new OutboundChain(List.of(), cidrs, List.of(), "", null, serviceFilter(svc, listenPort), null));
        }
        return out;
    }

    private void add(List<OutboundChain> out, List<String> cidrs, VirtualService.Route route, int listenPort,
                     ResolvedVirtualService vs, Metadata metadata) {
        Filter filter = networkFilter(route.route(), listenPort, vs);
        if (filter != null) {
            out.add(new OutboundChain(List.of(), cidrs, List.of(), "", null, filter, metadata));
        }
    }

    /**
     * {@code matchTLS} / {@code matchTCP} for a sidecar: the port, match-level {@code gateways} (only {@code mesh}
     * applies), {@code sourceLabels} selecting the proxy and {@code sourceNamespace} its namespace. A match with a
     * field meshscope cannot express never applies.
     */
    private boolean applies(VirtualService.Match m, int listenPort) {
        L4Match l4 = m.l4();
        if (!l4.notGenerated().isEmpty()) {
            return false; // a field meshscope cannot express: omitted, never widened (validation reports it)
        }
        if (!l4.gateways().isEmpty() && !l4.gateways().contains(MESH_GATEWAY)) {
            return false;
        }
        if (!l4.sourceLabels().isEmpty() && !matchingSourceLabels.contains(l4.sourceLabels())) {
            return false;
        }
        if (m.port() != 0 && m.port() != listenPort) {
            return false;
        }
        return m.sourceNamespace().isEmpty() || m.sourceNamespace().equals(scope.namespace());
    }

    /**
     * The service's own TCP proxy: to its only port's cluster when it has one port, else to the listener port's
     * (a Sidecar egress port that is no service port then most likely blackholes, as in istiod).
     */
    private Filter serviceFilter(MeshService svc, int listenPort) {
        int clusterPort = svc.ports().size() == 1 ? svc.ports().get(0).port() : listenPort;
        return TcpProxies.single(ResourceNames.outboundCluster(clusterPort, svc.hostname()), "",
                rule(svc.hostname()));
    }

    /**
     * {@code buildOutboundNetworkFilters}: one destination → its cluster; several → weighted clusters. The
     * DestinationRule is the first destination's service's. Null when no destination has a positive weight
     * (validation rejects that; istiod would fail on it).
     */
    private Filter networkFilter(List<VirtualService.Destination> routes, int listenPort, ResolvedVirtualService vs) {
        VirtualService.Destination first = routes.get(0);
        MeshService svc = scope.service(Hostnames.resolveShortName(first.host(), vs.namespace(), vs.domain()));
        DestinationRule dr = svc == null ? null : rule(svc.hostname());
        if (routes.size() == 1) {
            return TcpProxies.single(HttpRoutes.destinationCluster(scope, first, vs, listenPort), first.subset(), dr);
        }
        List<TcpProxies.Weighted> weighted = new ArrayList<>();
        for (VirtualService.Destination d : routes) {
            weighted.add(new TcpProxies.Weighted(HttpRoutes.destinationCluster(scope, d, vs, listenPort), d.weight()));
        }
        if (weighted.stream().noneMatch(w -> w.weight() > 0)) {
            return null;
        }
        return TcpProxies.weighted(vs.source().meta().name() + "." + vs.namespace(), weighted, dr);
    }

    private static List<String> sorted(List<String> in) {
        return in.stream().sorted().toList();
    }

    private DestinationRule rule(String host) {
        DestinationRuleIndex.Entry e = drs.get(host);
        return e == null ? null : e.rule();
    }
}
