package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gateways of one namespace share a scope, but a DestinationRule's workloadSelector picks among them. */
class GatewayDestinationRuleTest {
    static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: web-for-public, namespace: gw}
            spec:
              host: web.app.svc.cluster.local
              workloadSelector: {matchLabels: {istio: public}}
              trafficPolicy: {loadBalancer: {simple: RANDOM}}
            """;

    private static final String WEB = "outbound|80||web.app.svc.cluster.local";

    @Test
    void eachGatewayGetsTheDestinationRuleItsLabelsSelect() {
        XdsSnapshot snapshot = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(MESH)));
        Proxy internal = new Proxy(ProxyType.ROUTER, "gw", Map.of("istio", "internal"));
        Proxy external = new Proxy(ProxyType.ROUTER, "gw", Map.of("istio", "public"));

        Cluster first = (Cluster) snapshot.resourcesFor(internal, null, false).find(XdsType.CLUSTER, WEB).resource();
        Cluster second = (Cluster) snapshot.resourcesFor(external, null, false).find(XdsType.CLUSTER, WEB).resource();

        assertThat(first.getLbPolicy()).isEqualTo(Cluster.LbPolicy.LEAST_REQUEST);
        assertThat(second.getLbPolicy()).as("selected by the public gateway's labels")
                .isEqualTo(Cluster.LbPolicy.RANDOM);
    }
}
