package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.type.v3.Percent;
import io.meshscope.core.model.Locality;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.TrafficPolicy;
import com.google.protobuf.UInt64Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The locality or zone-aware load-balancing setting in effect for one cluster, as istiod's
 * {@code loadbalancer.GetEffectiveLbSetting} resolves it ({@code pilot/pkg/networking/core/loadbalancer}): the
 * DestinationRule's {@code zoneAwareLbSetting}, else its {@code localityLbSetting} (none when {@code enabled:
 * false}), else the mesh's {@code zoneAwareLbSetting}, else the mesh's {@code localityLbSetting}. {@code outlier}
 * is whether the cluster's policy has outlier detection, which turns failover on.
 *
 * <p>Exactly one of {@code locality} and {@code zoneAware} is set. Value-equal policies shape endpoints alike, so
 * this record is part of the key of a locality-shaped assignment.
 */
record LocalityLbPolicy(TrafficPolicy.LocalityLb locality, TrafficPolicy.ZoneAware zoneAware, boolean outlier) {
    /** istiod's {@code label.TopologyNetwork}: a first failoverPriority label that is only a preference. */
    static final String NETWORK_LABEL = "topology.istio.io/network";

    /** {@code GetEffectiveLbSetting} for a cluster's merged policy (may be null); null when none applies. */
    static LocalityLbPolicy effective(MeshConfig mesh, TrafficPolicy policy) {
        TrafficPolicy.LoadBalancer lb = policy == null ? null : policy.loadBalancer();
        boolean outlier = policy != null && policy.outlierDetection() != null;
        if (lb != null && lb.zoneAwareLbSetting() != null) {
            return new LocalityLbPolicy(null, lb.zoneAwareLbSetting(), outlier);
        }
        if (lb != null && lb.localityLbSetting() != null) {
            return Boolean.FALSE.equals(lb.localityLbSetting().enabled()) ? null
                    : new LocalityLbPolicy(lb.localityLbSetting(), null, outlier);
        }
        // Service trafficDistribution (PreferSameZone/PreferSameNode) would come here; meshscope does not read it.
        if (mesh.zoneAwareLbSetting() != null) {
            return new LocalityLbPolicy(null, mesh.zoneAwareLbSetting(), outlier);
        }
        TrafficPolicy.LocalityLb meshLocality = mesh.localityLbSetting();
        if (meshLocality == null || Boolean.FALSE.equals(meshLocality.enabled())) {
            return null;
        }
        return new LocalityLbPolicy(meshLocality, null, outlier);
    }

    /** {@code ZoneAwareLBSettings.routingEnabled}: on unless {@code enabled: false}. */
    private boolean routingEnabled() {
        return zoneAware != null && !Boolean.FALSE.equals(zoneAware.enabled());
    }

    /**
     * Whether the proxy's locality (or labels) changes the cluster's endpoints: {@code ApplyToLoadAssignment}
     * does something for a zone-aware setting with routing on, for {@code distribute}, and for failover (explicit
     * or istiod's default by region/zone/subzone) when outlier detection is on. Otherwise every proxy gets the
     * same, shared assignment.
     */
    boolean shapesEndpoints() {
        if (zoneAware != null) {
            return routingEnabled();
        }
        return !locality.distribute().isEmpty() || outlier;
    }

    /**
     * The proxy labels the endpoint half reads ({@code FailoverPriorityLabels}, without {@code =value}
     * overrides), so proxies that agree on them and on their locality share an assignment.
     */
    List<String> priorityLabels() {
        List<String> raw;
        if (zoneAware != null) {
            raw = routingEnabled() ? zoneAware.failoverPriority() : List.of();
        } else {
            raw = locality.distribute().isEmpty() && outlier ? locality.failoverPriority() : List.of();
        }
        List<String> out = new ArrayList<>(raw.size());
        for (String l : raw) {
            int eq = l.indexOf('=');
            out.add(eq < 0 ? l : l.substring(0, eq));
        }
        return out;
    }

    /**
     * The part of a proxy's identity the endpoint half depends on: its locality and its values of the priority
     * labels (labels augmented with the locality's topology labels, as istiod's {@code AugmentLabels}).
     */
    static Map<String, String> proxyKey(List<String> priorityLabels, Map<String, String> augmentedLabels) {
        Map<String, String> out = new TreeMap<>();
        for (String l : priorityLabels) {
            out.put(l, augmentedLabels.getOrDefault(l, ""));
        }
        return out;
    }

    /** {@code labelutil.AugmentLabels} for the topology labels: the locality's non-empty parts added. */
    static Map<String, String> augment(Map<String, String> labels, Locality locality) {
        if (locality.isEmpty()) {
            return labels;
        }
        Map<String, String> out = new java.util.HashMap<>(labels);
        if (!locality.region().isEmpty()) {
            out.put(Locality.REGION_LABEL, locality.region());
        }
        if (!locality.zone().isEmpty()) {
            out.put(Locality.ZONE_LABEL, locality.zone());
        }
        if (!locality.subZone().isEmpty()) {
            out.put(Locality.SUBZONE_LABEL, locality.subZone());
        }
        return out;
    }

    /**
     * The cluster half ({@code LocalityLBSettings.ApplyToCluster}, {@code ZoneAwareLBSettings.ApplyToCluster} for
     * a sidecar): {@code locality_weighted_lb_config} for {@code distribute}, or for explicit failover with
     * outlier detection; {@code zone_aware_lb_config} (with {@code min_cluster_size}, and routing at 0% when
     * {@code enabled: false}) for a zone-aware setting. Static and DNS clusters' inline endpoints are not
     * re-prioritised (they are shared by every proxy of the scope).
     */
    static void applyToCluster(Cluster.Builder c, LocalityLbPolicy p) {
        if (p == null) {
            return; // LocalityLBSettings{} without a setting: nothing (ENABLE_LOCALITY_WEIGHTED_LB_CONFIG is off)
        }
        if (p.zoneAware != null) {
            Cluster.CommonLbConfig.ZoneAwareLbConfig.Builder z = Cluster.CommonLbConfig.ZoneAwareLbConfig.newBuilder();
            if (!p.routingEnabled()) {
                z.setRoutingEnabled(Percent.newBuilder().setValue(0));
            }
            if (p.zoneAware.minClusterSize() != null) {
                z.setMinClusterSize(UInt64Value.of(p.zoneAware.minClusterSize()));
            }
            c.getCommonLbConfigBuilder().setZoneAwareLbConfig(z);
            return;
        }
        TrafficPolicy.LocalityLb l = p.locality;
        boolean failover = p.outlier && (!l.failover().isEmpty() || !l.failoverPriority().isEmpty());
        if (failover || !l.distribute().isEmpty()) {
            c.getCommonLbConfigBuilder().setLocalityWeightedLbConfig(
                    Cluster.CommonLbConfig.LocalityWeightedLbConfig.getDefaultInstance());
        }
    }
}
