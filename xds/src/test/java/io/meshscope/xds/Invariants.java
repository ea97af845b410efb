package io.meshscope.xds;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Structural invariants every generated resource set must satisfy; returns the violations, empty when fine. */
final class Invariants {
    private Invariants() {
    }

    static List<String> check(ProxyResources r) {
        List<String> problems = new ArrayList<>();
        for (XdsType t : XdsType.values()) {
            List<NamedResource> list = r.resources(t);
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i - 1).name().compareTo(list.get(i).name()) >= 0) {
                    problems.add(t + " not strictly sorted / duplicate at " + list.get(i).name());
                }
            }
        }
        Set<String> clusters = names(r.clusters());
        Set<String> routes = names(r.routes());
        Set<String> referencedClusters = new TreeSet<>();
        Set<String> referencedRoutes = new TreeSet<>();
        for (NamedResource l : r.listeners()) {
            Listener listener = (Listener) l.resource();
            if (!listener.getName().equals(l.name())) {
                problems.add("listener resource name mismatch " + l.name());
            }
            List<FilterChain> chains = new ArrayList<>(listener.getFilterChainsList());
            if (listener.hasDefaultFilterChain()) {
                chains.add(listener.getDefaultFilterChain());
            }
            if (listener.hasApiListener()) {
                HttpConnectionManager hcm = unpack(listener.getApiListener().getApiListener(), HttpConnectionManager.class);
                hcmReferences(hcm, referencedClusters, referencedRoutes, problems, l.name());
            } else if (chains.isEmpty()) {
                problems.add("listener without filter chains " + l.name());
            }
            for (FilterChain fc : chains) {
                for (Filter f : fc.getFiltersList()) {
                    if (f.getName().equals(Protos.TCP_PROXY_FILTER)) {
                        TcpProxy tcp = unpack(f.getTypedConfig(), TcpProxy.class);
                        if (tcp.hasWeightedClusters()) { // VirtualService tcp/tls routes to several destinations
                            tcp.getWeightedClusters().getClustersList().forEach(w -> referencedClusters.add(w.getName()));
                        } else {
                            referencedClusters.add(tcp.getCluster());
                        }
                    } else if (f.getName().equals(Protos.HCM_FILTER)) {
                        hcmReferences(unpack(f.getTypedConfig(), HttpConnectionManager.class), referencedClusters,
                                referencedRoutes, problems, l.name());
                    }
                }
            }
        }
        for (NamedResource rc : r.routes()) {
            routeClusters((RouteConfiguration) rc.resource(), referencedClusters);
        }
        for (String c : referencedClusters) {
            if (!clusters.contains(c)) {
                problems.add("cluster referenced but not generated: " + c);
            }
        }
        for (String rn : referencedRoutes) {
            if (!routes.contains(rn)) {
                problems.add("route config referenced but not generated: " + rn);
            }
        }
        Set<String> assignments = names(r.endpoints());
        Set<String> edsClusters = new TreeSet<>();
        for (NamedResource c : r.clusters()) {
            Cluster cluster = (Cluster) c.resource();
            if (cluster.getType() == Cluster.DiscoveryType.EDS) {
                edsClusters.add(c.name());
                if (!cluster.getEdsClusterConfig().getServiceName().equals(c.name())
                        || !cluster.getEdsClusterConfig().getEdsConfig().hasAds()) {
                    problems.add("EDS cluster without ads config or service name: " + c.name());
                }
            }
            if (cluster.hasLoadAssignment()) {
                localities(cluster.getLoadAssignment(), false, problems);
            }
        }
        if (!edsClusters.equals(assignments)) {
            problems.add("EDS clusters " + edsClusters + " != assignments " + assignments);
        }
        for (NamedResource e : r.endpoints()) {
            ClusterLoadAssignment cla = (ClusterLoadAssignment) e.resource();
            if (!cla.getClusterName().equals(e.name())) {
                problems.add("assignment name mismatch " + e.name());
            }
            localities(cla, true, problems);
        }
        return problems;
    }

    private static void hcmReferences(HttpConnectionManager hcm, Set<String> clusters, Set<String> routes,
                                      List<String> problems, String listener) {
        if (hcm.getHttpFiltersCount() == 0
                || !hcm.getHttpFilters(hcm.getHttpFiltersCount() - 1).getName().equals(Protos.ROUTER_FILTER)) {
            problems.add("HCM whose last filter is not the router in " + listener);
        }
        if (hcm.hasRds()) {
            routes.add(hcm.getRds().getRouteConfigName());
            if (!hcm.getRds().getConfigSource().hasAds()) {
                problems.add("RDS not over ADS in " + listener);
            }
        } else {
            routeClusters(hcm.getRouteConfig(), clusters);
        }
    }

    private static void routeClusters(RouteConfiguration rc, Set<String> into) {
        for (VirtualHost vh : rc.getVirtualHostsList()) {
            for (Route route : vh.getRoutesList()) {
                if (!route.getRoute().getCluster().isEmpty()) {
                    into.add(route.getRoute().getCluster());
                }
                for (WeightedCluster.ClusterWeight w : route.getRoute().getWeightedClusters().getClustersList()) {
                    into.add(w.getName());
                }
            }
        }
    }

    private static void localities(ClusterLoadAssignment cla, boolean ipOnly, List<String> problems) {
        for (LocalityLbEndpoints l : cla.getEndpointsList()) {
            if (l.getLoadBalancingWeight().getValue() < 1) {
                problems.add("locality weight < 1 in " + cla.getClusterName());
            }
            if (!l.hasLocality()) {
                problems.add("locality unset in " + cla.getClusterName() + " (grpc-js and grpc-go reject it)");
            }
            for (LbEndpoint ep : l.getLbEndpointsList()) {
                String address = ep.getEndpoint().getAddress().getSocketAddress().getAddress();
                if (ipOnly && !Protos.isIpLiteral(address)) {
                    problems.add("EDS endpoint address is not an IP literal: " + address + " in " + cla.getClusterName());
                }
            }
        }
    }

    static Set<String> names(List<NamedResource> resources) {
        Set<String> out = new LinkedHashSet<>();
        resources.forEach(r -> out.add(r.name()));
        return out;
    }

    static <T extends com.google.protobuf.Message> T unpack(Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("cannot unpack " + any.getTypeUrl() + " as " + type.getSimpleName(), e);
        }
    }
}
