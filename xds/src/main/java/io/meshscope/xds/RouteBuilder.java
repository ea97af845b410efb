package io.meshscope.xds;

import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.Protocols;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.SidecarScope;
import com.google.protobuf.BoolValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sidecar outbound route configurations ({@code buildSidecarOutboundHTTPRouteConfig} and
 * {@code BuildSidecarOutboundVirtualHosts} in {@code pilot/pkg/networking/core/httproute.go}). A route config
 * {@code "<port>"} holds one virtual host {@code <host>:<port>} per HTTP (or protocol-unknown) service port of the
 * egress listener {@code GetEgressListenerForRDS} picks, routed by the VirtualService that claims the host or
 * by the default route, sorted by name, then the {@code allow_any}/{@code block_all} catch-all. Domains carry no
 * port ({@code ignore_port_in_host_matching} is set, as istiod does for sidecars), except on UDS/HTTP_PROXY
 * listeners (port 0). A VirtualService host that is no service of the port gets a virtual host of its own with
 * the VirtualService's routes (domain: the host alone), on each port of the services the VirtualService claims,
 * or on port 80 when it claims none ({@code separateVSHostsAndServices}, {@code buildSidecarVirtualHostsForVirtualService}).
 */
final class RouteBuilder {
    static final int MAX_DIRECT_RESPONSE_BODY_BYTES = 1024 * 1024; // DefaultMaxDirectResponseBodySizeBytes

    /** {@code VirtualHostWrapper}: a service port, or (service null) a VirtualService host that is no service. */
    private record Wrapper(int port, MeshService service, String vsHost, List<Route> routes) {
        Wrapper(int port, MeshService service, List<Route> routes) {
            this(port, service, null, routes);
        }

        String host() {
            return service != null ? service.hostname() : vsHost;
        }
    }

    private final SidecarScope scope;
    private final Map<String, DestinationRuleIndex.Entry> drs;
    private final boolean allowAny;
    /** The {@code allow_any} route's cluster ({@link EgressProxyCluster}). */
    private final String egressCluster;
    private final String proxyDomain;
    private final HttpRoutes routes;

    /** {@code sourceLabels}: the scope's VirtualService source selectors the proxies sharing these routes satisfy. */
    RouteBuilder(SidecarScope scope, String domainSuffix, boolean allowAny, Set<Map<String, String>> sourceLabels,
                 Map<String, DestinationRuleIndex.Entry> drs) {
        this.scope = scope;
        this.drs = drs;
        this.allowAny = allowAny;
        this.egressCluster = EgressProxyCluster.of(scope);
        this.proxyDomain = Domains.proxyDomain(scope.namespace(), domainSuffix);
        this.routes = new HttpRoutes(scope, true, sourceLabels, drs);
    }

    /**
     * {@code GetEgressListenerForRDS}: the first port-less listener, or one whose port is the route's port
     * (for port 0, a UDS, the bind must equal the route name). Null when none applies.
     */
    static EgressScope egressForRds(SidecarScope scope, int port, String routeName) {
        for (EgressScope es : scope.egress()) {
            EgressListener l = es.listener();
            if (l.isCatchAll()) {
                return es;
            }
            if (l.port().numberOrZero() == port && (port != 0 || l.bind().equals(routeName))) {
                return es;
            }
        }
        return null;
    }

    /**
     * {@code buildSidecarOutboundHTTPRouteConfig}: {@code "<port>"} holds every HTTP service of the port and the
     * catch-all; a sniffed service's own route {@code "<host>:<port>"} ({@code extractListenerPort}) holds only
     * its virtual host, with domain {@code *}, and no catch-all.
     */
    RouteConfiguration build(String routeName) {
        Target t = target(routeName);
        boolean sniffed = t.colon() >= 0;
        List<VirtualHost> vhosts = t.egress() == null ? new ArrayList<>() : virtualHosts(t.egress(), t.port());
        if (sniffed) {
            vhosts = forSniffedService(vhosts, routeName, routeName.substring(0, t.colon()));
        }
        vhosts.sort(Comparator.comparing(VirtualHost::getName));
        if (!sniffed) {
            vhosts.add(HttpRoutes.catchAll(allowAny, egressCluster));
        }
        return RouteConfiguration.newBuilder().setName(routeName).addAllVirtualHosts(vhosts)
                .setValidateClusters(BoolValue.of(false))
                .setMaxDirectResponseBodySizeBytes(Protos.u32(MAX_DIRECT_RESPONSE_BODY_BYTES))
                .setIgnorePortInHostMatching(true)
                .build();
    }

    /**
     * What {@link #build}{@code (routeName)} reads, or null when that cannot be shared across scopes: the listener
     * imports VirtualServices, whose routes read the scope's own services, namespace and source labels.
     */
    RouteSharingKey sharingKey(String routeName) {
        Target t = target(routeName);
        EgressScope es = t.egress();
        List<Object> inputs = new ArrayList<>();
        int listenerPort = t.port();
        if (es != null) {
            if (!es.virtualServices().isEmpty()) {
                return null;
            }
            listenerPort = listenerPort(es, t.port());
            for (MeshService svc : es.services()) {
                if (listenerPort == 0 || svc.port(listenerPort) != null) {
                    DestinationRuleIndex.Entry dr = drs.get(svc.hostname());
                    inputs.add(svc);
                    inputs.add(dr == null ? null : dr.rule());
                }
            }
        }
        return new RouteSharingKey(routeName, listenerPort, proxyDomain, allowAny, egressCluster, inputs.toArray());
    }

    /**
     * A route name as {@link #build} reads it: its port ({@code extractListenerPort}; 0 for a UDS), where a sniffed
     * service's {@code host:port} name splits (-1 for a port's route) and the egress listener it is built from.
     */
    private record Target(int port, int colon, EgressScope egress) {
    }

    private Target target(String routeName) {
        boolean uds = routeName.startsWith(ResourceNames.UNIX_PREFIX);
        int colon = uds ? -1 : routeName.indexOf(':');
        int port = uds ? 0 : listenerPort(routeName.substring(colon + 1));
        return new Target(port, colon, egressForRds(scope, port, routeName));
    }

    /** The port {@code es}'s route's virtual hosts are built for: 0 on an HTTP_PROXY listener, else {@code port}. */
    private static int listenerPort(EgressScope es, int port) {
        EgressListener l = es.listener();
        return !l.isCatchAll() && "HTTP_PROXY".equals(Protocols.parse(l.port().protocol())) ? 0 : port;
    }

    /**
     * The port a route name ends with ({@code extractListenerPort}), or 0 for a name that is not one: a bind
     * address such as {@code 0.0.0.0}, which only a Service port 0 yields (the API server and {@code validate}
     * reject it). istiod sends no route for such a name; a catch-all-only route is sent here instead of failing,
     * so one invalid Service never stops the config of the proxies that import it.
     */
    static int listenerPort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code getVirtualHostsForSniffedServicePort}: the virtual hosts with a domain equal to {@code host:port} or
     * {@code host}; a single one answers every authority on that listener.
     */
    private static List<VirtualHost> forSniffedService(List<VirtualHost> all, String routeName, String host) {
        List<VirtualHost> out = new ArrayList<>();
        for (VirtualHost vh : all) {
            if (vh.getDomainsList().contains(routeName) || vh.getDomainsList().contains(host)) {
                out.add(vh);
            }
        }
        if (out.size() == 1) {
            out.set(0, out.get(0).toBuilder().clearDomains().addDomains("*").build());
        }
        return out;
    }

    private List<VirtualHost> virtualHosts(EgressScope es, int port) {
        int listenerPort = listenerPort(es, port);
        Map<String, MeshService> byHost = new TreeMap<>();
        for (MeshService svc : es.services()) {
            if (listenerPort == 0) {
                byHost.put(svc.hostname().toLowerCase(Locale.ROOT), svc);
            } else if (svc.port(listenerPort) != null) {
                byHost.put(svc.hostname().toLowerCase(Locale.ROOT), svc.withPorts(List.of(svc.port(listenerPort))));
            }
        }
        List<Wrapper> wrappers = wrappers(es, byHost, listenerPort);
        Set<String> knownFqdn = new HashSet<>();
        for (Wrapper w : wrappers) {
            if (w.service() != null) {
                knownFqdn.add(w.service().hostname());
                knownFqdn.add(ResourceNames.hostPort(w.service().hostname(), w.port()));
            }
        }
        Set<String> names = new HashSet<>();
        Set<String> seenDomains = new HashSet<>();
        Map<Integer, List<VirtualHost>> byPort = new TreeMap<>();
        for (Wrapper w : wrappers) {
            String name = ResourceNames.hostPort(w.host(), w.port());
            if (!names.add(name)) {
                continue; // istiod reports DuplicatedDomains and keeps the first
            }
            List<String> domains;
            if (w.service() == null) {
                // buildVirtualHost without a service: the host alone (SidecarIgnorePort), no alternate forms.
                domains = dedupe(List.of(ipv6Compliant(w.vsHost())), List.of(), seenDomains, knownFqdn);
            } else {
                List<List<String>> d = Domains.forService(w.service(), listenerPort != 0 ? 0 : w.port(), proxyDomain);
                domains = dedupe(d.get(0), d.get(1), seenDomains, knownFqdn);
            }
            if (!domains.isEmpty()) {
                byPort.computeIfAbsent(w.port(), p -> new ArrayList<>()).add(VirtualHost.newBuilder().setName(name)
                        .addAllDomains(domains).addAllRoutes(w.routes()).build());
            }
        }
        if (listenerPort != 0) {
            return new ArrayList<>(byPort.getOrDefault(listenerPort, List.of()));
        }
        // mergeAllVirtualHosts: other ports than 80 keep only their port-qualified domains.
        List<VirtualHost> out = new ArrayList<>();
        byPort.forEach((p, vhs) -> {
            for (VirtualHost vh : vhs) {
                if (p == 80) {
                    out.add(vh);
                    continue;
                }
                List<String> withPort = vh.getDomainsList().stream().filter(x -> x.contains(":")).toList();
                if (!withPort.isEmpty()) {
                    out.add(vh.toBuilder().clearDomains().addAllDomains(withPort).build());
                }
            }
        });
        return out;
    }

    /**
     * {@code BuildSidecarVirtualHostWrapper}: VirtualServices (in import order) that yield routes claim their
     * hosts first; every other service gets its default route; only HTTP or protocol-unknown ports count.
     */
    private List<Wrapper> wrappers(EgressScope es, Map<String, MeshService> byHost, int listenerPort) {
        List<ResolvedVirtualService> withRoutes = new ArrayList<>();
        Map<ResolvedVirtualService, List<Route>> vsRoutes = new IdentityHashMap<>();
        for (ResolvedVirtualService vs : es.virtualServices()) {
            List<Route> r = routes.virtualServiceRoutes(vs, listenerPort);
            if (!r.isEmpty()) {
                withRoutes.add(vs);
                vsRoutes.put(vs, r);
            }
        }
        List<Wrapper> out = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        Map<ResolvedVirtualService, List<MeshService>> claims = new IdentityHashMap<>();
        for (MeshService svc : byHost.values()) {
            ResolvedVirtualService vs = HttpRoutes.claimingVirtualService(withRoutes, svc.hostname());
            if (vs != null) {
                claims.computeIfAbsent(vs, v -> new ArrayList<>()).add(svc);
                claimed.add(svc.hostname());
            }
        }
        for (ResolvedVirtualService vs : withRoutes) {
            nonServiceHosts(out, vs, vsRoutes.get(vs), claims.getOrDefault(vs, List.of()), byHost, listenerPort);
            for (MeshService svc : claims.getOrDefault(vs, List.of())) {
                for (ServicePort sp : svc.ports()) {
                    if (httpOrSniffed(sp.protocol())) {
                        out.add(new Wrapper(sp.port(), svc, vsRoutes.get(vs)));
                    }
                }
            }
        }
        for (MeshService svc : byHost.values()) {
            if (claimed.contains(svc.hostname()) || svc.resolution() == MeshService.Resolution.ALIAS) {
                continue;
            }
            for (ServicePort sp : svc.ports()) {
                if (httpOrSniffed(sp.protocol())) {
                    out.add(new Wrapper(sp.port(), svc, routes.defaultRoutes(svc, sp.port())));
                }
            }
        }
        return out;
    }

    /**
     * The wrappers of a VirtualService's hosts that are no service of this port ({@code separateVSHostsAndServices}):
     * a non-wildcard host not in the port's services, a wildcard host matching none of them. They go on every
     * HTTP port of the services the VirtualService claims, or on port 80 when it claims none. On other ports than
     * 80 istiod only looks at VirtualServices with a host among the port's services ({@code selectVirtualServices}).
     */
    private static void nonServiceHosts(List<Wrapper> out, ResolvedVirtualService vs, List<Route> routes,
                                        List<MeshService> claimed, Map<String, MeshService> byHost, int listenerPort) {
        if (listenerPort != 80 && !selects(vs, byHost)) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        for (String h : vs.hosts()) {
            String lower = h.toLowerCase(Locale.ROOT);
            boolean service = Hostnames.isWildcard(lower)
                    ? byHost.keySet().stream().anyMatch(svc -> Hostnames.matches(svc, lower))
                    : byHost.containsKey(lower);
            if (!service) {
                hosts.add(lower);
            }
        }
        if (hosts.isEmpty()) {
            return;
        }
        Set<Integer> ports = new TreeSet<>();
        for (MeshService svc : claimed) {
            svc.ports().stream().filter(sp -> httpOrSniffed(sp.protocol())).forEach(sp -> ports.add(sp.port()));
        }
        if (ports.isEmpty() && listenerPort == 80) {
            ports.add(80); // istiod: "a gross HACK" keeping VirtualServices of non-service hosts on port 80
        }
        for (int port : ports) {
            for (String h : hosts) {
                out.add(new Wrapper(port, null, h, routes));
            }
        }
    }

    /** {@code selectVirtualServices}: some host of the VirtualService is (or matches) a service of the port. */
    private static boolean selects(ResolvedVirtualService vs, Map<String, MeshService> byHost) {
        for (String h : vs.hosts()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (byHost.containsKey(lower) || byHost.keySet().stream().anyMatch(svc -> Hostnames.matches(lower, svc))) {
                return true;
            }
        }
        return false;
    }

    /** {@code util.IPv6Compliant}: an IPv6 literal in brackets. */
    private static String ipv6Compliant(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** {@code Protocol.IsHTTPOrSniffed}. */
    static boolean httpOrSniffed(String protocol) {
        return Protocols.isHttp(protocol) || "UNSUPPORTED".equals(protocol);
    }

    /**
     * {@code dedupeDomains}: a domain already used by an earlier virtual host is dropped, and so is a short
     * alternate host that is some service's real FQDN (so {@code foo.com} expanded never shadows the real one).
     */
    static List<String> dedupe(List<String> domains, List<String> altHosts, Set<String> seen, Set<String> knownFqdn) {
        List<String> out = new ArrayList<>();
        for (String d : domains) {
            String lower = d.toLowerCase(Locale.ROOT);
            if (seen.contains(lower) || (altHosts.contains(d) && knownFqdn.contains(d))) {
                continue;
            }
            out.add(d);
            seen.add(lower);
        }
        return out;
    }
}
