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

    @Test
    void theTcpProxyToATcpServiceCarriesTheTunnel() {
        // buildOutboundNetworkFiltersWithSingleDestination(..., tunnelingconfig.Apply, ...) on the service's own chain.
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: app}
                spec:
                  clusterIP: 10.0.0.9
                  ports: [{name: tcp-db, port: 5432}]
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: db, namespace: app}
                spec:
                  host: db
                  trafficPolicy: {tunnel: {targetHost: egress.example.com, targetPort: 3128}}
                """)));
        String listener = DrPolicyFixture.print(s.resourcesFor(DrPolicyFixture.CLIENT, null, false)
                .find(XdsType.LISTENER, "10.0.0.9_5432").resource());
        assertThat(listener).contains("\"tunneling_config\"").contains("\"hostname\": \"egress.example.com:3128\"");
    }
}
