package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Sidecar's deprecated {@code outboundTrafficPolicy.egressProxy} takes the place of PassthroughCluster under
 * ALLOW_ANY, as istiod's {@code buildSidecarVirtualHostsFromConfigAndRegistry} (the {@code allow_any} virtual host)
 * and {@code buildOutboundCatchAllNetworkFiltersOnly} (the catch-all TCP chains) name it:
 * {@code GetDestinationCluster(egressProxy, nil, 0)}.
 */
class EgressProxyTest {
    private static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: app}
            spec: {clusterIP: 10.0.0.1, ports: [{name: http, port: 80}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: egress, namespace: app}
            spec:
              hosts: [egress.example.com]
              location: MESH_EXTERNAL
              resolution: DNS
              ports: [{number: 3128, name: tcp, protocol: TCP}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: app}
            spec:
              egress: [{hosts: ["./*"]}]
              outboundTrafficPolicy:
                mode: ALLOW_ANY
                egressProxy: {host: egress.example.com, port: {number: 3128}}
            """;

    private static String dump(String yaml, XdsType type, String name) {
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(yaml)));
        return DrPolicyFixture.print(s.resourcesFor(Proxy.sidecar("app", Map.of("app", "client")), null, false)
                .find(type, name).resource());
    }

    @Test
    void unmatchedHttpAndTcpGoToTheEgressProxyCluster() {
        String egress = "outbound|3128||egress.example.com";
        assertThat(dump(MESH, XdsType.ROUTE, "80")).contains("\"cluster\": \"" + egress + "\"")
                .doesNotContain("PassthroughCluster");
        assertThat(dump(MESH, XdsType.LISTENER, ResourceNames.VIRTUAL_OUTBOUND_LISTENER))
                .contains("\"cluster\": \"" + egress + "\"");
    }

    @Test
    void withoutEgressProxyItIsPassthroughAndUnderRegistryOnlyTheBlackHole() {
        String plain = MESH.replace("    egressProxy: {host: egress.example.com, port: {number: 3128}}\n", "");
        assertThat(dump(plain, XdsType.ROUTE, "80")).contains("\"cluster\": \"PassthroughCluster\"");
        String registryOnly = MESH.replace("mode: ALLOW_ANY", "mode: REGISTRY_ONLY")
                .replace("    egressProxy: {host: egress.example.com, port: {number: 3128}}\n", "");
        assertThat(dump(registryOnly, XdsType.LISTENER, ResourceNames.VIRTUAL_OUTBOUND_LISTENER))
                .contains("BlackHoleCluster").doesNotContain("egress.example.com");
    }
}
