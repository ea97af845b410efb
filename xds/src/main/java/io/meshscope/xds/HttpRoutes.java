package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.route.v3.Decorator;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.model.HttpActions;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.scope.SidecarScope;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes of one virtual host ({@code pilot/pkg/networking/core/route/route.go}): a service's default route,
 * or the HTTP routes of the VirtualService that claims it ({@code BuildHTTPRoutesForVirtualService} and
 * {@code TranslateRoute}): every {@code HTTPMatchRequest} field ({@link RouteMatches}), every action
 * ({@link RouteActions}), fault and CORS per-route configs ({@link RouteFilterConfigs}), the route's name,
 * {@code stat_prefix}, decorator and config metadata. A match meshscope cannot express is omitted, never widened.
 */
final class HttpRoutes {
    /** The group/version/kind path of a VirtualService in route metadata ({@code BuildConfigInfoMetadata}). */
    private static final String CONFIG_PATH = "/apis/networking.istio.io/v1/namespaces/%s/virtual-service/%s";
    private static final String MESH_GATEWAY = "mesh";

    private final SidecarScope scope;
    private final boolean sidecar;
    private final Set<Map<String, String>> matchingSourceLabels;
    private final Map<String, DestinationRuleIndex.Entry> drs;

    /**
     * {@code sidecar} false means proxyless gRPC (no default retry policy, max_stream_duration, no CORS);
     * {@code matchingSourceLabels} are the {@code sourceLabels} selectors of the scope's VirtualServices that
     * the proxy's labels satisfy (see {@link SourceSelectors}); {@code drs} the DestinationRules selected for
     * the proxy by host, whose consistent hashes become the routes' {@code hash_policy}.
     */
    HttpRoutes(SidecarScope scope, boolean sidecar, Set<Map<String, String>> matchingSourceLabels,
               Map<String, DestinationRuleIndex.Entry> drs) {
        this.scope = scope;
        this.sidecar = sidecar;
        this.matchingSourceLabels = matchingSourceLabels;
        this.drs = drs;
    }

    /**
     * The VirtualService that claims a service host ({@code separateVSHostsAndServices}): the first (in import
     * order) with exactly that host, else the one whose matching wildcard host is the most specific. Only
     * VirtualServices that produced routes are candidates; the others leave the service its default route.
     */
    static ResolvedVirtualService claimingVirtualService(List<ResolvedVirtualService> withRoutes, String hostname) {
        for (ResolvedVirtualService vs : withRoutes) {
            if (vs.hosts().contains(hostname)) {
                return vs;
            }
        }
        ResolvedVirtualService best = null;
        int bestLength = -1;
        for (ResolvedVirtualService vs : withRoutes) {
            for (String h : vs.hosts()) {
                if (Hostnames.isWildcard(h) && Hostnames.matches(h, hostname) && h.length() > bestLength) {
                    best = vs;
                    bestLength = h.length();
                }
            }
        }
        return best;
    }

    /**
     * {@code BuildDefaultHTTPOutboundRoute}: prefix {@code /} to {@code outbound|port||host}, named "default", with the
     * DestinationRule's consistent hash ({@code buildSidecarVirtualHostForService}, {@code hashForService}).
     */
    List<Route> defaultRoutes(MeshService svc, int port) {
        RouteAction.Builder a = RouteAction.newBuilder().setCluster(ResourceNames.outboundCluster(port, svc.hostname()));
        RouteAction.HashPolicy hash = HashPolicies.of(TrafficPolicies.hash(rule(svc.hostname()), "", port));
        if (hash != null) {
            a.addHashPolicy(hash);
        }
        RouteActions.timeout(a, null, sidecar);
        if (sidecar) {
            a.setRetryPolicy(RetryPolicies.convert(null));
        }
        return List.of(Route.newBuilder().setName(ResourceNames.DEFAULT_ROUTE).setMatch(RouteMatches.prefix("/"))
                .setRoute(a).build());
    }

    /**
     * {@code BuildHTTPRoutesForVirtualService} for a listener port: one route per applicable match, stopping after
     * a catch-all ({@code IsCatchAllRoute}: later routes could never match) or after a route without matches.
     */
    List<Route> virtualServiceRoutes(ResolvedVirtualService vs, int listenerPort) {
        List<Route> out = new ArrayList<>();
        for (VirtualService.Route http : vs.source().http()) {
            boolean catchAll = false;
            if (http.match().isEmpty()) {
                Route r = translate(vs, http, null, listenerPort);
                if (r != null) {
                    out.add(r);
                }
                // A route left out for what meshscope cannot express is treated like an omitted match: the routes
                // after it still apply (they get its traffic instead of a 404, as for any omitted match).
                catchAll = !omitted(http, null);
            }
            for (VirtualService.Match m : http.match()) {
                Route r = translate(vs, http, m, listenerPort);
                if (r != null) {
                    out.add(r);
                    if (RouteMatches.isCatchAll(r)) {
                        catchAll = true;
                        break;
                    }
                }
            }
            if (catchAll) {
                break;
            }
        }
        return out;
    }

    /**
     * {@code TranslateRoute}, or null when the match does not apply to this listener port or proxy, or the route
     * holds something meshscope cannot express (reported by validation).
     */
    private Route translate(ResolvedVirtualService vs, VirtualService.Route in, VirtualService.Match match, int port) {
        if (match != null && match.port() != 0 && match.port() != port) {
            return null;
        }
        if (!sourceMatches(match) || omitted(in, match)) {
            return null;
        }
        String name = in.name();
        if (match != null && !match.http().name().isEmpty()) {
            name = name + "." + match.http().name();
        }
        Route.Builder out = Route.newBuilder().setMatch(RouteMatches.translate(match))
                .setMetadata(configMetadata(vs));
        if (name != null && !name.isEmpty()) {
            out.setName(name);
        }
        if (match != null && !match.http().statPrefix().isEmpty()) {
            out.setStatPrefix(match.http().statPrefix());
        }
        if (!RouteActions.apply(out, in, port, d -> destinationCluster(d, vs, port), d -> hash(d, vs), sidecar)) {
            return null;
        }
        out.setDecorator(Decorator.newBuilder().setOperation(operation(out, vs.source().meta().name(), port)));
        HttpActions http = in.http();
        if (http.fault() != null) {
            out.putTypedPerFilterConfig(Protos.FAULT_FILTER, Protos.any(RouteFilterConfigs.fault(http.fault())));
        }
        // grpc-xds rejects per-route configs of filters it does not know, and CORS means nothing to a gRPC client.
        if (http.corsPolicy() != null && sidecar) {
            out.putTypedPerFilterConfig(Protos.CORS_FILTER, Protos.any(RouteFilterConfigs.cors(http.corsPolicy())));
        }
        return out.build();
    }

    /**
     * {@code sourceMatchHTTP} for sidecars (the only gateway is {@code mesh}): match-level {@code gateways} must
     * name {@code mesh}; {@code sourceLabels} must select the proxy and {@code sourceNamespace} be its namespace.
     * istiod skips the last two checks when {@code gateways} is written, which widens the rule to every sidecar;
     * the API documents the gateway match as independent of {@code sourceLabels}, so meshscope applies all three.
     */
    private boolean sourceMatches(VirtualService.Match m) {
        if (m == null) {
            return true;
        }
        if (!m.http().gateways().isEmpty() && !m.http().gateways().contains(MESH_GATEWAY)) {
            return false;
        }
        if (!m.http().sourceLabels().isEmpty() && !matchingSourceLabels.contains(m.http().sourceLabels())) {
            return false;
        }
        return m.sourceNamespace().isEmpty() || m.sourceNamespace().equals(scope.namespace());
    }

    /**
     * A match or route with fields meshscope cannot express is left out rather than widened; fault details istiod
     * itself drops (exponential delays, HTTP/2 error aborts) only cost that fault.
     */
    private static boolean omitted(VirtualService.Route in, VirtualService.Match match) {
        if (match != null && !match.http().notGenerated().isEmpty()) {
            return true;
        }
        if (in.http().delegate() != null) {
            return true; // a delegate route left unmerged (the index merges every delegate it can find)
        }
        return in.http().notGenerated().stream().anyMatch(n -> !n.field().startsWith("fault."));
    }

    /** {@code BuildConfigInfoMetadata}: {@code istio.config} names the VirtualService. */
    static Metadata configMetadata(ResolvedVirtualService vs) {
        Struct istio = Struct.newBuilder().putFields("config", Value.newBuilder()
                .setStringValue(String.format(CONFIG_PATH, vs.namespace(), vs.source().meta().name())).build()).build();
        return Metadata.newBuilder().putFilterMetadata("istio", istio).build();
    }

    /**
     * {@code GetRouteOperation}: {@code host:port<path>} for a single {@code outbound|...} cluster, else
     * {@code <vs name>:<listener port><path>}; the path is the prefix plus {@code *}, the exact path or the regex.
     */
    static String operation(Route.Builder r, String vsName, int port) {
        RouteMatch m = r.getMatch();
        String path = switch (m.getPathSpecifierCase()) {
            case PREFIX -> m.getPrefix() + "*";
            case PATH -> m.getPath();
            case SAFE_REGEX -> m.getSafeRegex().getRegex();
            default -> "/*";
        };
        String cluster = r.hasRoute() ? r.getRoute().getCluster() : "";
        String[] parts = cluster.split("\\|", -1);
        if (parts.length == 4) {
            return parts[3] + ":" + parts[1] + path;
        }
        return vsName + ":" + port + path;
    }

    /**
     * {@code GetDestinationCluster}: the destination port, else the service's only port, else the listener
     * port; the host is expanded against the VirtualService's namespace.
     */
    private String destinationCluster(VirtualService.Destination d, ResolvedVirtualService vs, int vhostPort) {
        return destinationCluster(scope, d, vs, vhostPort);
    }

    /** {@code GetDestinationCluster} against the services of {@code scope} (shared with TCP and TLS routes). */
    static String destinationCluster(SidecarScope scope, VirtualService.Destination d, ResolvedVirtualService vs,
                                     int vhostPort) {
        String host = Hostnames.resolveShortName(d.host(), vs.namespace(), vs.domain());
        int port = vhostPort;
        if (d.port() > 0) {
            port = d.port();
        } else {
            MeshService svc = scope.service(host);
            if (svc != null && svc.ports().size() == 1) {
                port = svc.ports().get(0).port();
            }
        }
        return ResourceNames.outboundCluster(port, d.subset(), host);
    }

    /** {@code HashForHTTPDestination}: the hash of the destination's (resolved) host, subset and written port. */
    private RouteAction.HashPolicy hash(VirtualService.Destination d, ResolvedVirtualService vs) {
        String host = Hostnames.resolveShortName(d.host(), vs.namespace(), vs.domain());
        return HashPolicies.of(TrafficPolicies.hash(rule(host), d.subset(), d.port()));
    }

    private io.meshscope.core.model.DestinationRule rule(String host) {
        DestinationRuleIndex.Entry e = drs.get(host);
        return e == null ? null : e.rule();
    }

    /**
     * {@code buildCatchAllVirtualHost}: {@code allow_any} to PassthroughCluster (or the egress proxy's cluster,
     * {@link EgressProxyCluster}), or {@code block_all} (502).
     */
    @SuppressWarnings("deprecation") // max_grpc_timeout, as istiod sets it
    static VirtualHost catchAll(boolean allowAny, String egressCluster) {
        if (allowAny) {
            RouteAction action = RouteAction.newBuilder().setCluster(egressCluster)
                    .setTimeout(Protos.ZERO).setMaxGrpcTimeout(Protos.ZERO).build();
            return VirtualHost.newBuilder().setName(ResourceNames.ALLOW_ANY).addDomains("*")
                    .addRoutes(Route.newBuilder().setName(ResourceNames.ALLOW_ANY).setMatch(RouteMatches.prefix("/"))
                            .setRoute(action)).build();
        }
        return VirtualHost.newBuilder().setName(ResourceNames.BLOCK_ALL).addDomains("*")
                .addRoutes(Route.newBuilder().setName(ResourceNames.BLOCK_ALL).setMatch(RouteMatches.prefix("/"))
                        .setDirectResponse(DirectResponseAction.newBuilder().setStatus(502))).build();
    }
}
