package io.meshscope.xds;

import static io.meshscope.xds.LocalityFixture.CLUSTER;
import static io.meshscope.xds.LocalityFixture.assertGroups;
import static io.meshscope.xds.LocalityFixture.assignment;
import static io.meshscope.xds.LocalityFixture.cluster;
import static io.meshscope.xds.LocalityFixture.proxyIn;
import static io.meshscope.xds.LocalityFixture.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.meshscope.core.model.Locality;
import io.meshscope.core.scope.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden locality load balancing: each expected assignment was derived by hand from the istiod function named in
 * the test ({@code pilot/pkg/networking/core/loadbalancer/loadbalancer.go}: {@code GetEffectiveLbSetting},
 * {@code ApplyLocalityLoadBalancer}, {@code applyLocalityFailover}, {@code applyLocalityWeights},
 * {@code applyFailoverPriorities}, {@code ApplyZoneAwareLoadBalancer}, {@code ApplyToCluster};
 * {@code pilot/pkg/xds/endpoints/endpoint_builder.go}: {@code BuildClusterLoadAssignment}) for the endpoints of
 * {@link LocalityFixture}. Groups are rendered {@code locality priority weight [addresses]}.
 */
class LocalityLoadBalancingFidelityTest {
    private static final String OUTLIER = """
              trafficPolicy:
                outlierDetection: {consecutive5xxErrors: 5}
            """;

    @Test
    void applyLocalityFailoverIsIstiodsDefaultOnceOutlierDetectionIsSet() {
        // BuildClusterLoadAssignment: the mesh's default localityLbSetting {enabled: true} is the effective setting;
        // outlier detection enables failover, so applyLocalityFailover ranks groups by LbPriority (0 same subzone,
        // 1 same zone, 2 same region, 3 other) and compacts the priorities to 0..N.
        XdsSnapshot s = snapshot(OUTLIER, "");
        assertGroups(assignment(s, proxyIn("r1/z1/s1")),
                "r1/z1/s1 p0 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p1 w1 [10.0.0.2]", "r2/z1/s1 p2 w1 [10.0.0.3]",
                "r3/z1/s1 p2 w1 [10.0.0.4]");
        assertGroups(assignment(s, proxyIn("r2/z1/s1")),
                "r1/z1/s1 p1 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p1 w1 [10.0.0.2]", "r2/z1/s1 p0 w1 [10.0.0.3]",
                "r3/z1/s1 p1 w1 [10.0.0.4]");
        // The whole assignment as Envoy JSON, for the first proxy.
        DrPolicyFixture.assertJson(assignment(s, proxyIn("r1/z1/s1")).resource(), ClusterLoadAssignment.newBuilder(), """
                {"cluster_name": "%s", "endpoints": [
                 {"locality": {"region": "r1", "zone": "z1", "sub_zone": "s1"}, "load_balancing_weight": 2,
                  "lb_endpoints": [
                   {"endpoint": {"address": {"socket_address": {"address": "10.0.0.1", "port_value": 80}}},
                    "health_status": "HEALTHY", "load_balancing_weight": 1},
                   {"endpoint": {"address": {"socket_address": {"address": "10.0.0.5", "port_value": 80}}},
                    "health_status": "HEALTHY", "load_balancing_weight": 1}]},
                 {"locality": {"region": "r1", "zone": "z2", "sub_zone": "s1"}, "load_balancing_weight": 1,
                  "priority": 1, "lb_endpoints": [
                   {"endpoint": {"address": {"socket_address": {"address": "10.0.0.2", "port_value": 80}}},
                    "health_status": "HEALTHY", "load_balancing_weight": 1}]},
                 {"locality": {"region": "r2", "zone": "z1", "sub_zone": "s1"}, "load_balancing_weight": 1,
                  "priority": 2, "lb_endpoints": [
                   {"endpoint": {"address": {"socket_address": {"address": "10.0.0.3", "port_value": 80}}},
                    "health_status": "HEALTHY", "load_balancing_weight": 1}]},
                 {"locality": {"region": "r3", "zone": "z1", "sub_zone": "s1"}, "load_balancing_weight": 1,
                  "priority": 2, "lb_endpoints": [
                   {"endpoint": {"address": {"socket_address": {"address": "10.0.0.4", "port_value": 80}}},
                    "health_status": "HEALTHY", "load_balancing_weight": 1}]}]}""".formatted(CLUSTER));
        // ApplyToCluster: no explicit failover, so no locality_weighted_lb_config.
        assertThat(cluster(s, proxyIn("r1/z1/s1")).getCommonLbConfig().hasLocalityWeightedLbConfig()).isFalse();
    }

    @Test
    void withoutOutlierDetectionEveryLocalitySharesTheUnshapedAssignment() {
        // ApplyLocalityLoadBalancer with enableFailover false and no distribute changes nothing.
        XdsSnapshot s = snapshot("""
                  trafficPolicy:
                    loadBalancer: {simple: ROUND_ROBIN}
                """, "");
        NamedResource a = assignment(s, proxyIn("r1/z1/s1"));
        assertThat(assignment(s, proxyIn("r2/z1/s1"))).isSameAs(a);
        assertGroups(a, "r1/z1/s1 p0 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p0 w1 [10.0.0.2]",
                "r2/z1/s1 p0 w1 [10.0.0.3]", "r3/z1/s1 p0 w1 [10.0.0.4]");
    }

    @Test
    void applyLocalityFailoverDemotesRegionsOtherThanTheFailoverTarget() {
        // applyLocalityFailover with failover r1 -> r3: r2 (priority 3, not the target) becomes 4; then compacted.
        // ApplyToCluster sets locality_weighted_lb_config (explicit failover with outlier detection).
        XdsSnapshot s = snapshot("""
                  trafficPolicy:
                    outlierDetection: {consecutive5xxErrors: 5}
                    loadBalancer:
                      localityLbSetting: {failover: [{from: r1, to: r3}]}
                """, "");
        assertGroups(assignment(s, proxyIn("r1/z1/s1")),
                "r1/z1/s1 p0 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p1 w1 [10.0.0.2]", "r2/z1/s1 p3 w1 [10.0.0.3]",
                "r3/z1/s1 p2 w1 [10.0.0.4]");
        assertThat(cluster(s, proxyIn("r1/z1/s1")).getCommonLbConfig().hasLocalityWeightedLbConfig()).isTrue();
    }

    @Test
    void applyLocalityWeightsDistributesByTheFirstMatchingFromAndEmptiesUnmatchedGroups() {
        // applyLocalityWeights: from r1/z1/* matches the r1/z1/s1 proxy; r1/* (two groups of weight 2 and 1)
        // gets ceil(w*80/3) each, r2/* 20; r3 matches no `to`, so its group loses its endpoints. A proxy in r2
        // matches no `from`: its assignment is unchanged. Distribute needs no outlier detection.
        XdsSnapshot s = snapshot("""
                  trafficPolicy:
                    loadBalancer:
                      localityLbSetting:
                        distribute: [{from: r1/z1/*, to: {"r1/*": 80, "r2/*": 20}}]
                """, "");
        assertGroups(assignment(s, proxyIn("r1/z1/s1")),
                "r1/z1/s1 p0 w54 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p0 w27 [10.0.0.2]", "r2/z1/s1 p0 w20 [10.0.0.3]",
                "r3/z1/s1 p0 w1 []");
        assertGroups(assignment(s, proxyIn("r2/z1/s1")),
                "r1/z1/s1 p0 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p0 w1 [10.0.0.2]", "r2/z1/s1 p0 w1 [10.0.0.3]",
                "r3/z1/s1 p0 w1 [10.0.0.4]");
        assertThat(cluster(s, proxyIn("r1/z1/s1")).getCommonLbConfig().hasLocalityWeightedLbConfig()).isTrue();
    }

    @Test
    void applyFailoverPrioritiesSplitsGroupsByTheProxysLabelValues() {
        // applyFailoverPriorities / applyFailoverPriorityPerLocality with [zone, version] for a proxy in zone z1
        // with version v1: all match 0, a version mismatch 2-1 = 1, a zone mismatch 2-0 = 2; r1/z1/s1 splits in
        // two groups. Endpoint labels carry their locality's topology labels (AugmentLabels).
        XdsSnapshot s = snapshot("""
                  trafficPolicy:
                    outlierDetection: {consecutive5xxErrors: 5}
                    loadBalancer:
                      localityLbSetting: {failoverPriority: [topology.kubernetes.io/zone, version]}
                """, "");
        assertGroups(assignment(s, proxyIn("r1/z1/s1", Map.of("version", "v1"))),
                "r1/z1/s1 p0 w1 [10.0.0.1]", "r1/z1/s1 p1 w1 [10.0.0.5]", "r1/z2/s1 p2 w1 [10.0.0.2]",
                "r2/z1/s1 p0 w1 [10.0.0.3]", "r3/z1/s1 p0 w1 [10.0.0.4]");
        // Same locality, other version: a different assignment (a split group lists its priorities in ascending
        // order); same locality and version: the same instance.
        assertGroups(assignment(s, proxyIn("r1/z1/s1", Map.of("version", "v2"))),
                "r1/z1/s1 p0 w1 [10.0.0.5]", "r1/z1/s1 p1 w1 [10.0.0.1]", "r1/z2/s1 p2 w1 [10.0.0.2]",
                "r2/z1/s1 p1 w1 [10.0.0.3]", "r3/z1/s1 p1 w1 [10.0.0.4]");
        assertThat(assignment(s, proxyIn("r1/z1/s1", Map.of("version", "v1", "team", "x"))))
                .isSameAs(assignment(s, proxyIn("r1/z1/s1", Map.of("version", "v1"))));
    }

    @Test
    void applyZoneAwareLoadBalancerBucketsByRegionAndTheClusterGetsZoneAwareConfig() {
        // ZoneAwareLBSettings.ApplyToCluster: zone_aware_lb_config with min_cluster_size; ApplyToLoadAssignment
        // (routing enabled by default, with or without outlier detection): applyZoneAwareRegionalFailover puts
        // the proxy's region at 0, the failover target at 1, other regions at 2, then compacts.
        XdsSnapshot s = snapshot("""
                  trafficPolicy:
                    loadBalancer:
                      zoneAwareLbSetting: {minClusterSize: 2, failover: [{from: r1, to: r3}]}
                """, "");
        assertGroups(assignment(s, proxyIn("r1/z1/s1")),
                "r1/z1/s1 p0 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p0 w1 [10.0.0.2]", "r2/z1/s1 p2 w1 [10.0.0.3]",
                "r3/z1/s1 p1 w1 [10.0.0.4]");
        assertGroups(assignment(s, proxyIn("r2/z1/s1")),
                "r1/z1/s1 p1 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p1 w1 [10.0.0.2]", "r2/z1/s1 p0 w1 [10.0.0.3]",
                "r3/z1/s1 p1 w1 [10.0.0.4]");
        Cluster c = cluster(s, proxyIn("r1/z1/s1"));
        DrPolicyFixture.assertJson(c.getCommonLbConfig(), Cluster.CommonLbConfig.newBuilder(), """
                {"zone_aware_lb_config": {"min_cluster_size": "2"}}""");
    }

    @Test
    void zoneAwareDisabledSendsRoutingAtZeroPercentAndLeavesEndpointsAlone() {
        // ZoneAwareLBSettings with enabled: false: ApplyToCluster sets routing_enabled 0%; ApplyToLoadAssignment
        // returns without changes.
        XdsSnapshot s = snapshot("""
                  trafficPolicy:
                    loadBalancer:
                      zoneAwareLbSetting: {enabled: false}
                """, "");
        DrPolicyFixture.assertJson(cluster(s, proxyIn("r1/z1/s1")).getCommonLbConfig(),
                Cluster.CommonLbConfig.newBuilder(), """
                {"zone_aware_lb_config": {"routing_enabled": {}}}""");
        assertThat(assignment(s, proxyIn("r2/z1/s1"))).isSameAs(assignment(s, proxyIn("r1/z1/s1")));
    }

    @Test
    void meshLocalityLbSettingDisabledTurnsTheDefaultFailoverOff() {
        // GetEffectiveLbSetting: no DestinationRule setting, mesh localityLbSetting {enabled: false} -> none.
        XdsSnapshot s = snapshot(OUTLIER, meshConfig("localityLbSetting: {enabled: false}"));
        assertThat(assignment(s, proxyIn("r2/z1/s1"))).isSameAs(assignment(s, proxyIn("r1/z1/s1")));
    }

    @Test
    void meshDistributeAppliesToClustersWithoutADestinationRule() {
        // GetEffectiveLbSetting falls back to the mesh's localityLbSetting; applyLoadBalancer applies it to every
        // cluster (ApplyToCluster: locality_weighted_lb_config for distribute).
        XdsSnapshot s = snapshot(null, meshConfig(
                "localityLbSetting: {distribute: [{from: \"r1/*\", to: {\"r1/*\": 90, \"r3/*\": 10}}]}"));
        assertGroups(assignment(s, proxyIn("r1/z1/s1")),
                "r1/z1/s1 p0 w60 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p0 w30 [10.0.0.2]", "r2/z1/s1 p0 w1 []",
                "r3/z1/s1 p0 w10 [10.0.0.4]");
        assertThat(cluster(s, proxyIn("r1/z1/s1")).getCommonLbConfig().hasLocalityWeightedLbConfig()).isTrue();
    }

    @Test
    void meshZoneAwareLbSettingAppliesToClustersWithoutADestinationRule() {
        XdsSnapshot s = snapshot(null, meshConfig("zoneAwareLbSetting: {}"));
        assertThat(cluster(s, proxyIn("r1/z1/s1")).getCommonLbConfig().hasZoneAwareLbConfig()).isTrue();
        assertGroups(assignment(s, proxyIn("r2/z1/s1")),
                "r1/z1/s1 p1 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p1 w1 [10.0.0.2]", "r2/z1/s1 p0 w1 [10.0.0.3]",
                "r3/z1/s1 p1 w1 [10.0.0.4]");
    }

    @Test
    void proxiesOfOneLocalityShareOneShapedInstanceAndOtherClustersStayShared() {
        XdsSnapshot s = snapshot(OUTLIER, "");
        ProxyResources a = s.resourcesFor(proxyIn("r1/z1/s1", Map.of("app", "a")), null, false);
        ProxyResources b = s.resourcesFor(proxyIn("r1/z1/s1", Map.of("pod", "b")), null, false);
        ProxyResources other = s.resourcesFor(proxyIn("r2/z1/s1"), null, false);
        assertThat(b.outbound()).isSameAs(a.outbound());
        assertThat(b.find(XdsType.ENDPOINT, CLUSTER)).isSameAs(a.find(XdsType.ENDPOINT, CLUSTER));
        assertThat(other.find(XdsType.ENDPOINT, CLUSTER).version())
                .isNotEqualTo(a.find(XdsType.ENDPOINT, CLUSTER).version());
        // The cluster without locality shaping keeps one instance for both localities, as do clusters and routes.
        String plain = "outbound|80||plain.app.svc.cluster.local";
        assertThat(other.find(XdsType.ENDPOINT, plain)).isSameAs(a.find(XdsType.ENDPOINT, plain));
        assertThat(other.outbound().clusters()).isSameAs(a.outbound().clusters());
        assertThat(other.outbound().routes()).isSameAs(a.outbound().routes());
    }

    @Test
    void theNodeLocalityCountsWhenLabelsAndWorkloadGiveNoneAndNoLocalityIsIstiodsEmptyOne() {
        // setTopologyLabels: labels first, then the xDS node's locality; nothing known is an empty locality, whose
        // LbPriority against every located group is 3, so all groups end up at priority 0.
        XdsSnapshot s = snapshot(OUTLIER, "");
        Proxy bare = proxyIn("");
        NamedResource viaNode = s.resourcesFor(bare, null, false, Locality.parse("r2/z1/s1"))
                .find(XdsType.ENDPOINT, CLUSTER);
        assertThat(viaNode.version()).isEqualTo(assignment(s, proxyIn("r2/z1/s1")).version());
        assertGroups(assignment(s, bare), "r1/z1/s1 p0 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p0 w1 [10.0.0.2]",
                "r2/z1/s1 p0 w1 [10.0.0.3]", "r3/z1/s1 p0 w1 [10.0.0.4]");
        // Labels win over the node's locality.
        NamedResource labelled = s.resourcesFor(proxyIn("r1/z1/s1"), null, false, Locality.parse("r2/z1/s1"))
                .find(XdsType.ENDPOINT, CLUSTER);
        assertThat(labelled.version()).isEqualTo(assignment(s, proxyIn("r1/z1/s1")).version());
    }

    @Test
    void theLocalityLabelIsReadWhenTopologyLabelsAreAbsent() {
        // localityFromProxyLabels -> GetLocalityLabel + SanitizeLocalityLabel ("." for "/").
        XdsSnapshot s = snapshot(OUTLIER, "");
        Proxy p = Proxy.sidecar("app", Map.of("app", "client", Locality.LOCALITY_LABEL, "r2.z1.s1"));
        assertThat(assignment(s, p).version()).isEqualTo(assignment(s, proxyIn("r2/z1/s1")).version());
    }

    static String meshConfig(String line) {
        return """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: istio, namespace: istio-system}
                data:
                  mesh: |
                    %s
                """.formatted(line);
    }
}
