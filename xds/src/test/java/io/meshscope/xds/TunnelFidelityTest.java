package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.scope.MeshIndex;
import org.junit.jupiter.api.Test;

/**
 * Golden {@code tunneling_config} for a DestinationRule's {@code tunnel}, derived from istiod's
 * {@code tunnelingconfig.Apply} ({@code pilot/pkg/networking/core/tunnelingconfig/apply.go}). The cluster itself
 * gets nothing from {@code tunnel} ({@code applyTrafficPolicy} never reads it).
 */
class TunnelFidelityTest {
    private static DestinationRule rule(String spec) {
        return MeshIndex.build(XdsFixtures.yaml(DrPolicyFixture.SERVICES + spec)).input().destinationRules().get(0);
    }

    @Test
    void applySetsHostnameAndUsePostFromTheTopLevelOrOnlyTheSubsetsOwnTunnel() {
        DestinationRule r = rule("""
                  trafficPolicy:
                    tunnel: {protocol: POST, targetHost: "2001:db8::1", targetPort: 8443}
                  subsets:
                  - {name: v1, labels: {version: v1}, trafficPolicy: {tunnel: {targetHost: egress.example.com, targetPort: 3128}}}
                  - {name: v2, labels: {version: v2}}
                """);
        DrPolicyFixture.assertJson(Tunnels.forDestination(r, ""), TcpProxy.TunnelingConfig.newBuilder(), """
                {"hostname": "[2001:db8::1]:8443", "use_post": true}""");
        DrPolicyFixture.assertJson(Tunnels.forDestination(r, "v1"), TcpProxy.TunnelingConfig.newBuilder(), """
                {"hostname": "egress.example.com:3128"}""");
        assertThat(Tunnels.forDestination(r, "v2")).as("a subset does not inherit the rule's tunnel").isNull();
    }

    @Test
    void theClusterGetsNothingFromTunnel() {
        String base = DrPolicyFixture.print(DrPolicyFixture.cluster("""
                  trafficPolicy:
                    connectionPool: {tcp: {maxConnections: 7}}
                """, DrPolicyFixture.C80));
        assertThat(DrPolicyFixture.print(DrPolicyFixture.cluster("""
                  trafficPolicy:
                    connectionPool: {tcp: {maxConnections: 7}}
                    tunnel: {targetHost: egress.example.com, targetPort: 3128}
                """, DrPolicyFixture.C80))).isEqualTo(base);
    }
}
