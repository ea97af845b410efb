package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Virtual hosts of VirtualService hosts that are no service, derived from istiod's
 * {@code BuildSidecarOutboundVirtualHosts} and {@code selectVirtualServices} ({@code httproute.go}) and
 * {@code BuildSidecarVirtualHostWrapper}, {@code separateVSHostsAndServices},
 * {@code buildSidecarVirtualHostsForVirtualService} ({@code route/route.go}).
 */
class VirtualServiceHostFidelityTest {
    private static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              ports: [{name: http, port: 80}, {name: http-alt, port: 9080}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: app}
            spec:
              hosts: [reviews, reviews.example.com]
              http:
              - route: [{destination: {host: reviews}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: legacy, namespace: app}
            spec:
              hosts: [legacy.example.com]
              http:
              - route: [{destination: {host: reviews, port: {number: 80}}}]
            """;
    private static final String REVIEWS = "reviews.app.svc.cluster.local";

    private static RouteConfiguration route(String name) {
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(MESH)));
        ProxyResources r = s.resourcesFor(Proxy.sidecar("app", Map.of("app", "client")), null);
        assertThat(Invariants.check(r)).isEmpty();
        return (RouteConfiguration) r.find(XdsType.ROUTE, name).resource();
    }

    private static VirtualHost vhost(RouteConfiguration rc, String name) {
        return rc.getVirtualHostsList().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void virtualServiceHostsThatAreNoServiceGetTheirOwnVirtualHostWithTheHostAsOnlyDomain() {
        // Port 80: reviews.example.com rides on the ports of the service its VirtualService claims; legacy's
        // VirtualService claims no service, so its host lands on port 80 (istiod's "gross HACK").
        RouteConfiguration rc = route("80");
        assertThat(rc.getVirtualHostsList()).extracting(VirtualHost::getName).containsExactly(
                "legacy.example.com:80", REVIEWS + ":80", "reviews.example.com:80", "allow_any");
        assertThat(vhost(rc, "legacy.example.com:80").getDomainsList()).containsExactly("legacy.example.com");
        assertThat(vhost(rc, "reviews.example.com:80").getDomainsList()).containsExactly("reviews.example.com");
        assertThat(vhost(rc, "legacy.example.com:80").getRoutes(0).getRoute().getCluster())
                .isEqualTo("outbound|80||" + REVIEWS);
        assertThat(vhost(rc, "reviews.example.com:80").getRoutesList())
                .isEqualTo(vhost(rc, REVIEWS + ":80").getRoutesList());
    }

    @Test
    void onOtherPortsOnlyVirtualServicesWithAServiceOfThePortContribute() {
        // selectVirtualServices: legacy has no host among port 9080's services, so it is left out there.
        RouteConfiguration rc = route("9080");
        assertThat(rc.getVirtualHostsList()).extracting(VirtualHost::getName).containsExactly(
                REVIEWS + ":9080", "reviews.example.com:9080", "allow_any");
        assertThat(vhost(rc, "reviews.example.com:9080").getRoutes(0).getRoute().getCluster())
                .isEqualTo("outbound|9080||" + REVIEWS);
        assertThat(List.of(vhost(rc, "reviews.example.com:9080").getDomainsList().toArray()))
                .containsExactly("reviews.example.com");
    }
}
