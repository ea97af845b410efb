package io.meshscope.xds;

import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.type.v3.HashPolicy;
import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.TrafficPolicy;
import java.util.List;
import java.util.Map;

/**
 * The TCP proxy filter of an outbound TCP or TLS filter chain as istiod builds it
 * ({@code pilot/pkg/networking/core/networkfilter.go}): {@code buildOutboundNetworkFiltersWithSingleDestination}
 * (one cluster) and {@code buildOutboundNetworkFiltersWithWeightedClusters}, with the DestinationRule's
 * {@code connectionPool.tcp.idleTimeout} as {@code idle_timeout}, {@code maxConnectionDuration} as
 * {@code max_downstream_connection_duration} and a source-IP consistent hash as {@code hash_policy}
 * ({@code maybeSetHashPolicy}). istiod reads both durations from the rule's top-level policy only (not port-level
 * settings, not subsets), and so does this.
 */
final class TcpProxies {
    /** A weighted destination of a TCP proxy: its cluster and weight (istiod drops 0-weight ones). */
    record Weighted(String cluster, int weight) {
    }

    private TcpProxies() {
    }

    /** {@code buildOutboundNetworkFiltersWithSingleDestination}: stat prefix and cluster are the cluster name. */
    static Filter single(String cluster, String subset, DestinationRule dr) {
        TcpProxy.Builder p = TcpProxy.newBuilder().setStatPrefix(cluster).setCluster(cluster);
        durations(p, dr);
        hash(p, dr, subset);
        tunnel(p, dr, subset);
        return filter(p);
    }

    /**
     * {@code buildOutboundNetworkFiltersWithWeightedClusters}: stat prefix {@code <vs name>.<vs namespace>}, the
     * destinations with a positive weight, the hash of the rule's top-level policy (a subset's is ignored).
     */
    static Filter weighted(String statPrefix, List<Weighted> destinations, DestinationRule dr) {
        TcpProxy.WeightedCluster.Builder w = TcpProxy.WeightedCluster.newBuilder();
        for (Weighted d : destinations) {
            if (d.weight() > 0) {
                w.addClusters(TcpProxy.WeightedCluster.ClusterWeight.newBuilder().setName(d.cluster())
                        .setWeight(d.weight()));
            }
        }
        TcpProxy.Builder p = TcpProxy.newBuilder().setStatPrefix(statPrefix).setWeightedClusters(w);
        durations(p, dr);
        hash(p, dr, "");
        tunnel(p, dr, ""); // tunnelingconfig.Apply(tcpProxy, destinationRule, ""): the top-level tunnel only
        return filter(p);
    }

    /** {@code tunnelingconfig.Apply}: the rule's tunnel for the destination, as {@code tunneling_config}. */
    private static void tunnel(TcpProxy.Builder p, DestinationRule dr, String subset) {
        TcpProxy.TunnelingConfig t = Tunnels.forDestination(dr, subset);
        if (t != null) {
            p.setTunnelingConfig(t);
        }
    }

    private static Filter filter(TcpProxy.Builder p) {
        return Filter.newBuilder().setName(Protos.TCP_PROXY_FILTER).setTypedConfig(Protos.any(p.build())).build();
    }

    /**
     * {@code GetTrafficPolicy().GetConnectionPool().GetTcp()}: {@code idleTimeout} (the proxy's
     * {@code IDLE_TIMEOUT} metadata otherwise, which meshscope's proxies never carry) and
     * {@code maxConnectionDuration}.
     */
    private static void durations(TcpProxy.Builder p, DestinationRule dr) {
        Map<String, Object> tcp = dr == null || dr.policy().connectionPool() == null ? null
                : dr.policy().connectionPool().tcp();
        if (tcp == null) {
            return;
        }
        Duration idle = duration(tcp, "idleTimeout", "idle_timeout");
        if (idle != null) {
            p.setIdleTimeout(idle);
        }
        Duration max = duration(tcp, "maxConnectionDuration", "max_connection_duration");
        if (max != null) {
            p.setMaxDownstreamConnectionDuration(max);
        }
    }

    /** The field by its JSON name, else its proto name (as {@link ClusterPolicies} reads the cluster's half). */
    private static Duration duration(Map<String, Object> tcp, String json, String proto) {
        Object v = tcp.get(json) != null ? tcp.get(json) : tcp.get(proto);
        return v == null ? null : ClusterPolicies.duration(String.valueOf(v));
    }

    /**
     * {@code maybeSetHashPolicy}: the rule's top-level {@code consistentHash.useSourceIp}, unless the named subset
     * has a load balancer of its own: then its consistent hash's {@code useSourceIp} (false for any other kind).
     */
    private static void hash(TcpProxy.Builder p, DestinationRule dr, String subset) {
        if (dr == null) {
            return;
        }
        boolean useSourceIp = sourceIp(dr.policy().loadBalancer());
        for (DestinationRule.Subset s : dr.subsets()) {
            if (!s.name().equals(subset)) {
                continue;
            }
            TrafficPolicy sp = s.trafficPolicy();
            if (sp != null && sp.loadBalancer() != null) {
                useSourceIp = sourceIp(sp.loadBalancer());
            }
            break;
        }
        if (useSourceIp) {
            p.addHashPolicy(HashPolicy.newBuilder().setSourceIp(HashPolicy.SourceIp.getDefaultInstance()));
        }
    }

    private static boolean sourceIp(TrafficPolicy.LoadBalancer lb) {
        return lb != null && lb.consistentHash() != null && Boolean.TRUE.equals(lb.consistentHash().useSourceIp());
    }
}
