package io.meshscope.xds;

import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes of one virtual host ({@code pilot/pkg/networking/core/route/route.go}): a service's default route,
 * or the HTTP routes of the VirtualService that claims it. What a VirtualService contributes: {@code uri}
 * exact/prefix/regex matches (other match fields are not in meshscope's model), {@code port} and
 * {@code sourceNamespace} match filtering, and single or weighted destinations with subsets. Mirrors,
 * rewrites, redirects, retries, timeouts, fault injection and header operations are not generated.
 */
final class HttpRoutes {
    private static final String RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes";

    private final SidecarScope scope;
    private final boolean sidecar;

    /** {@code sidecar} false means proxyless gRPC: no retry policy (grpc-xds handles only gRPC retry codes). */
    HttpRoutes(SidecarScope scope, boolean sidecar) {
        this.scope = scope;
        this.sidecar = sidecar;
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

    /** {@code BuildDefaultHTTPOutboundRoute}: prefix {@code /} to {@code outbound|port||host}, named "default". */
    List<Route> defaultRoutes(MeshService svc, int port) {
        return List.of(route(ResourceNames.DEFAULT_ROUTE, prefix("/"),
                single(ResourceNames.outboundCluster(port, svc.hostname()))));
    }

    /**
     * {@code BuildHTTPRoutesForVirtualService} for a listener port: one route per applicable match, stopping
     * after a catch-all. Matches for another port or another source namespace are skipped.
     */
    List<Route> virtualServiceRoutes(ResolvedVirtualService vs, int listenerPort) {
        List<Route> out = new ArrayList<>();
        for (VirtualService.Route http : vs.source().http()) {
            RouteAction.Builder action = action(http, vs, listenerPort);
            if (action == null) {
                continue;
            }
            boolean catchAll = http.match().isEmpty();
            if (catchAll) {
                out.add(route(http.name(), prefix("/"), action));
            }
            for (VirtualService.Match m : http.match()) {
                if ((m.port() != 0 && m.port() != listenerPort)
                        || (!m.sourceNamespace().isEmpty() && !m.sourceNamespace().equals(scope.namespace()))) {
                    continue;
                }
                out.add(route(http.name(), match(m), action));
                if (isCatchAll(m)) {
                    catchAll = true;
                    break;
                }
            }
            if (catchAll) {
                break; // istiod stops translating after a catch-all route: later ones can never match
            }
        }
        return out;
    }

    private static boolean isCatchAll(VirtualService.Match m) {
        return m.uriExact().isEmpty() && m.uriRegex().isEmpty()
                && (m.uriPrefix().isEmpty() || m.uriPrefix().equals("/"));
    }

    private static RouteMatch match(VirtualService.Match m) {
        if (!m.uriExact().isEmpty()) {
            return RouteMatch.newBuilder().setPath(m.uriExact()).build();
        }
        if (!m.uriRegex().isEmpty()) {
            return RouteMatch.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(m.uriRegex())).build();
        }
        return prefix(m.uriPrefix().isEmpty() ? "/" : m.uriPrefix());
    }

    private static RouteMatch prefix(String p) {
        return RouteMatch.newBuilder().setPrefix(p).build();
    }

    /** Single cluster or weighted clusters; zero-weight destinations are dropped when there are others. */
    private RouteAction.Builder action(VirtualService.Route http, ResolvedVirtualService vs, int port) {
        List<VirtualService.Destination> dests = new ArrayList<>();
        for (VirtualService.Destination d : http.route()) {
            if (d.host() != null && !d.host().isEmpty() && (d.weight() != 0 || http.route().size() == 1)) {
                dests.add(d);
            }
        }
        if (dests.isEmpty()) {
            return null;
        }
        if (dests.size() == 1) {
            return single(destinationCluster(dests.get(0), vs, port));
        }
        WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
        for (VirtualService.Destination d : dests) {
            weighted.addClusters(WeightedCluster.ClusterWeight.newBuilder()
                    .setName(destinationCluster(d, vs, port))
                    .setWeight(Protos.u32(d.weight())));
        }
        return withDefaults(RouteAction.newBuilder().setWeightedClusters(weighted));
    }

    /**
     * {@code GetDestinationCluster}: the destination port, else the service's only port, else the listener
     * port; the host is expanded against the VirtualService's namespace.
     */
    private String destinationCluster(VirtualService.Destination d, ResolvedVirtualService vs, int vhostPort) {
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

    private RouteAction.Builder single(String cluster) {
        return withDefaults(RouteAction.newBuilder().setCluster(cluster));
    }

    /**
     * istiod's {@code setTimeout} defaults: no timeout; sidecars also get {@code max_grpc_timeout: 0s} and the
     * default retry policy, proxyless clients {@code max_stream_duration} (grpc-xds does not read the
     * deprecated field) and no retry policy.
     */
    @SuppressWarnings("deprecation") // max_grpc_timeout is what istiod still sets for sidecars
    private RouteAction.Builder withDefaults(RouteAction.Builder a) {
        a.setTimeout(Protos.ZERO);
        if (!sidecar) {
            return a.setMaxStreamDuration(RouteAction.MaxStreamDuration.newBuilder().setMaxStreamDuration(Protos.ZERO));
        }
        return a.setMaxGrpcTimeout(Protos.ZERO)
                .setRetryPolicy(RetryPolicy.newBuilder().setRetryOn(RETRY_ON).setNumRetries(Protos.u32(2))
                        .setHostSelectionRetryMaxAttempts(5)
                        .addRetryHostPredicate(RetryPolicy.RetryHostPredicate.newBuilder()
                                .setName("envoy.retry_host_predicates.previous_hosts")
                                .setTypedConfig(Protos.any(PreviousHostsPredicate.getDefaultInstance()))));
    }

    private static Route route(String name, RouteMatch match, RouteAction.Builder action) {
        Route.Builder r = Route.newBuilder().setMatch(match).setRoute(action);
        if (name != null && !name.isEmpty()) {
            r.setName(name);
        }
        return r.build();
    }

    /** {@code buildCatchAllVirtualHost}: {@code allow_any} to PassthroughCluster, or {@code block_all} (502). */
    @SuppressWarnings("deprecation") // max_grpc_timeout, as istiod sets it
    static VirtualHost catchAll(boolean allowAny) {
        if (allowAny) {
            RouteAction action = RouteAction.newBuilder().setCluster(ResourceNames.PASSTHROUGH_CLUSTER)
                    .setTimeout(Protos.ZERO).setMaxGrpcTimeout(Protos.ZERO).build();
            return VirtualHost.newBuilder().setName(ResourceNames.ALLOW_ANY).addDomains("*")
                    .addRoutes(Route.newBuilder().setName(ResourceNames.ALLOW_ANY).setMatch(prefix("/"))
                            .setRoute(action)).build();
        }
        return VirtualHost.newBuilder().setName(ResourceNames.BLOCK_ALL).addDomains("*")
                .addRoutes(Route.newBuilder().setName(ResourceNames.BLOCK_ALL).setMatch(prefix("/"))
                        .setDirectResponse(DirectResponseAction.newBuilder().setStatus(502))).build();
    }
}
