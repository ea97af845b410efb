package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resources for a proxyless gRPC client, in the shapes grpc-xds accepts ({@code pilot/pkg/networking/grpcgen}):
 * per scope service HTTP/HTTP2/GRPC/unknown-protocol port, an API listener {@code <host>:<port>} whose
 * HttpConnectionManager fetches route config {@code <host>:<port>} over ADS (filters: fault, router last), a route
 * config with one virtual host for that service (domains with and without {@code :port}), and plain EDS
 * clusters ({@code eds_config.ads}) for every cluster the routes name that resolves to a scope service port
 * (and DestinationRule subset). istiod itself names the route config {@code outbound|<port>||<host>}
 * ({@code grpcgen/lds.go clusterKey}); meshscope uses {@code <host>:<port>} as its API listener does.
 */
final class ProxylessBuilder {
    private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTP2", "GRPC", "UNSUPPORTED");

    record Built(List<Listener> listeners, List<RouteConfiguration> routes, List<Cluster> clusters,
                 List<ClusterBuilder.EdsTarget> eds) {
    }

    private final SidecarScope scope;
    private final Map<String, DestinationRuleIndex.Entry> drs;
    private final String proxyDomain;
    private final HttpRoutes routes;
    private final java.util.function.Function<MeshService, List<String>> serviceAccounts;

    ProxylessBuilder(SidecarScope scope, Map<String, DestinationRuleIndex.Entry> drs, String domainSuffix,
                     Set<Map<String, String>> sourceLabels,
                     java.util.function.Function<MeshService, List<String>> serviceAccounts) {
        this.scope = scope;
        this.serviceAccounts = serviceAccounts;
        this.drs = drs;
        this.proxyDomain = Domains.proxyDomain(scope.namespace(), domainSuffix);
        this.routes = new HttpRoutes(scope, false, sourceLabels, drs);
    }

    Built build() {
        List<Listener> listeners = new ArrayList<>();
        List<RouteConfiguration> routeConfigs = new ArrayList<>();
        Set<String> clusterNames = new TreeSet<>();
        for (MeshService svc : scope.services()) {
            if (svc.resolution() == MeshService.Resolution.ALIAS) {
                continue;
            }
            for (ServicePort sp : svc.ports()) {
                if (!PROTOCOLS.contains(sp.protocol())) {
                    continue;
                }
                String name = ResourceNames.hostPort(svc.hostname(), sp.port());
                listeners.add(listener(svc, sp.port(), name));
                RouteConfiguration rc = routeConfig(svc, sp.port(), name);
                routeConfigs.add(rc);
                clusterNames.add(ResourceNames.outboundCluster(sp.port(), svc.hostname()));
                referencedClusters(rc, clusterNames);
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        List<ClusterBuilder.EdsTarget> eds = new ArrayList<>();
        for (String cluster : clusterNames) {
            ClusterBuilder.EdsTarget target = resolve(cluster);
            if (target != null) {
                Cluster.Builder c = Cluster.newBuilder().setName(cluster).setType(Cluster.DiscoveryType.EDS)
                        .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setServiceName(cluster)
                                .setEdsConfig(Protos.adsBare()));
                DestinationRuleIndex.Entry dr = drs.get(target.service().hostname());
                ProxylessPolicies.apply(c, TrafficPolicies.forCluster(dr == null ? null : dr.rule(),
                        cluster.split("\\|", -1)[2], target.port().port()),
                        serviceAccounts.apply(target.service()));
                clusters.add(c.build());
                eds.add(target);
            }
        }
        return new Built(listeners, routeConfigs, clusters, eds);
    }

    private Listener listener(MeshService svc, int port, String name) {
        String vip = OutboundListenerBuilder.vip(svc);
        String address = vip == null || vip.indexOf('/') >= 0 ? OutboundListenerBuilder.WILDCARD : vip;
        return Listener.newBuilder().setName(name).setAddress(Protos.address(address, port))
                .setApiListener(ApiListener.newBuilder().setApiListener(Protos.any(ConnectionManagers.proxyless(name))))
                .build();
    }

    private RouteConfiguration routeConfig(MeshService svc, int port, String name) {
        List<Route> rs = null;
        EgressScope es = RouteBuilder.egressForRds(scope, port, name);
        if (es != null) {
            List<ResolvedVirtualService> withRoutes = new ArrayList<>();
            for (ResolvedVirtualService vs : es.virtualServices()) {
                if (!routes.virtualServiceRoutes(vs, port).isEmpty()) {
                    withRoutes.add(vs);
                }
            }
            ResolvedVirtualService vs = HttpRoutes.claimingVirtualService(withRoutes, svc.hostname());
            if (vs != null) {
                rs = routes.virtualServiceRoutes(vs, port);
            }
        }
        if (rs == null) {
            rs = routes.defaultRoutes(svc, port);
        }
        List<String> domains = Domains.forService(svc.withPorts(List.of(svc.port(port))), port, proxyDomain).get(0);
        return RouteConfiguration.newBuilder().setName(name)
                .addVirtualHosts(VirtualHost.newBuilder().setName(name).addAllDomains(domains).addAllRoutes(rs))
                .build();
    }

    private static void referencedClusters(RouteConfiguration rc, Set<String> into) {
        for (VirtualHost vh : rc.getVirtualHostsList()) {
            for (Route r : vh.getRoutesList()) {
                if (!r.getRoute().getCluster().isEmpty()) {
                    into.add(r.getRoute().getCluster());
                }
                for (WeightedCluster.ClusterWeight w : r.getRoute().getWeightedClusters().getClustersList()) {
                    into.add(w.getName());
                }
            }
        }
    }

    /** The scope service port (and DestinationRule subset) an {@code outbound|port|subset|host} name denotes. */
    private ClusterBuilder.EdsTarget resolve(String cluster) {
        String[] parts = cluster.split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals("outbound")) {
            return null;
        }
        MeshService svc = scope.service(parts[3]);
        int port;
        try {
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        ServicePort sp = svc == null ? null : svc.port(port);
        if (sp == null) {
            return null;
        }
        Map<String, String> labels = null;
        if (!parts[2].isEmpty()) {
            DestinationRuleIndex.Entry dr = drs.get(svc.hostname());
            DestinationRule.Subset subset = dr == null ? null
                    : dr.rule().subsets().stream().filter(s -> s.name().equals(parts[2])).findFirst().orElse(null);
            if (subset == null) {
                return null;
            }
            labels = subset.labels();
        }
        DestinationRuleIndex.Entry rule = drs.get(svc.hostname());
        return ClusterBuilder.edsTarget(cluster, svc, sp, labels,
                TrafficPolicies.forCluster(rule == null ? null : rule.rule(), parts[2], port));
    }
}
