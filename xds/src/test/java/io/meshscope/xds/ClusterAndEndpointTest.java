package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cluster types by resolution, subsets, and where endpoints come from, on a small inline mesh. */
class ClusterAndEndpointTest {
    static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: app, labels: {app: web, version: v1}}
            status: {podIP: 10.1.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-2, namespace: app, labels: {app: web, version: v2}}
            status: {podIP: 10.1.0.2}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: web, namespace: app}
            spec:
              host: web
              trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: empty, namespace: app}
            spec:
              clusterIP: 10.0.0.2
              selector: {app: nothing}
              ports: [{name: http, port: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: app}
            spec:
              clusterIP: None
              selector: {app: db}
              ports: [{name: tcp-db, port: 5432}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db-0, namespace: app, labels: {app: db}}
            status: {podIP: 10.1.0.9}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ext, namespace: app}
            spec:
              type: ExternalName
              externalName: example.org
              ports: [{name: https, port: 443}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: dns, namespace: app}
            spec:
              clusterIP: 10.0.0.53
              ports: [{name: dns, port: 53, protocol: UDP}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: dns-se, namespace: app}
            spec:
              hosts: [dns.example.com]
              ports: [{number: 80, name: http, protocol: HTTP}]
              resolution: DNS
              endpoints: [{address: a.example.com}, {address: b.example.com}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: rr-se, namespace: app}
            spec:
              hosts: [rr.example.com]
              ports: [{number: 443, name: tls, protocol: TLS}]
              resolution: DNS_ROUND_ROBIN
              endpoints: [{address: one.example.com}, {address: two.example.com}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: host-se, namespace: app}
            spec:
              hosts: [api.example.com]
              ports: [{number: 443, name: tls, protocol: TLS}]
              resolution: DNS
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: static-se, namespace: app}
            spec:
              hosts: [static.example.com]
              addresses: [240.0.0.1]
              ports: [{number: 9000, name: tcp, protocol: TCP}]
              resolution: STATIC
              endpoints:
              - {address: 192.168.0.1, locality: us/east/a, weight: 3, ports: {tcp: 9001}}
              - {address: 192.168.0.2, locality: us/west/b}
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: none-se, namespace: app}
            spec:
              hosts: [passthrough.example.com]
              ports: [{number: 8443, name: tls, protocol: TLS}]
              resolution: NONE
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: vm-se, namespace: app}
            spec:
              hosts: [vm.example.com]
              ports: [{number: 8080, name: http, protocol: HTTP}]
              resolution: STATIC
              workloadSelector: {labels: {app: vm}}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: vm-1, namespace: app}
            spec: {address: 10.9.0.1, labels: {app: vm}}
            """;

    private static ProxyResources resources;

    @BeforeAll
    static void build() {
        MeshInput input = XdsFixtures.yaml(MESH);
        XdsSnapshot snapshot = XdsSnapshot.build(MeshIndex.build(input));
        resources = snapshot.resourcesFor(Proxy.sidecar("app", Map.of("app", "client")), null);
    }

    private static Cluster cluster(String name) {
        NamedResource r = resources.find(XdsType.CLUSTER, name);
        assertThat(r).as(name).isNotNull();
        return (Cluster) r.resource();
    }

    private static ClusterLoadAssignment assignment(String name) {
        NamedResource r = resources.find(XdsType.ENDPOINT, name);
        assertThat(r).as(name).isNotNull();
        return (ClusterLoadAssignment) r.resource();
    }

    private static List<String> addresses(ClusterLoadAssignment cla) {
        return cla.getEndpointsList().stream().flatMap(l -> l.getLbEndpointsList().stream())
                .map(e -> e.getEndpoint().getAddress().getSocketAddress().getAddress() + ":"
                        + e.getEndpoint().getAddress().getSocketAddress().getPortValue())
                .toList();
    }

    @Test
    void invariantsHold() {
        assertThat(Invariants.check(resources)).isEmpty();
    }

    @Test
    void kubernetesServiceIsEdsWithPodsWhenThereIsNoEndpointSlice() {
        Cluster web = cluster("outbound|80||web.app.svc.cluster.local");
        assertThat(web.getType()).isEqualTo(Cluster.DiscoveryType.EDS);
        assertThat(web.getEdsClusterConfig().getEdsConfig().hasAds()).isTrue();
        assertThat(web.getLbPolicy()).isEqualTo(Cluster.LbPolicy.ROUND_ROBIN); // from the DestinationRule
        assertThat(addresses(assignment("outbound|80||web.app.svc.cluster.local")))
                .containsExactly("10.1.0.1:8080", "10.1.0.2:8080");
    }

    @Test
    void subsetsGetTheirOwnClustersAndFilteredEndpoints() {
        assertThat(cluster("outbound|80|v1|web.app.svc.cluster.local").getType()).isEqualTo(Cluster.DiscoveryType.EDS);
        assertThat(addresses(assignment("outbound|80|v1|web.app.svc.cluster.local"))).containsExactly("10.1.0.1:8080");
        assertThat(addresses(assignment("outbound|80|v2|web.app.svc.cluster.local"))).containsExactly("10.1.0.2:8080");
    }

    @Test
    void serviceWithoutEndpointsKeepsItsClusterAndAnEmptyAssignment() {
        assertThat(cluster("outbound|8080||empty.app.svc.cluster.local").getType()).isEqualTo(Cluster.DiscoveryType.EDS);
        assertThat(assignment("outbound|8080||empty.app.svc.cluster.local").getEndpointsList()).isEmpty();
    }

    @Test
    void resolutionsMapToDiscoveryTypes() {
        assertThat(cluster("outbound|5432||db.app.svc.cluster.local").getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
        assertThat(cluster("outbound|5432||db.app.svc.cluster.local").getLbPolicy()).isEqualTo(Cluster.LbPolicy.CLUSTER_PROVIDED);
        assertThat(cluster("outbound|8443||passthrough.example.com").getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
        Cluster dns = cluster("outbound|80||dns.example.com");
        assertThat(dns.getType()).isEqualTo(Cluster.DiscoveryType.STRICT_DNS);
        assertThat(addresses(dns.getLoadAssignment())).containsExactly("a.example.com:80", "b.example.com:80");
        Cluster rr = cluster("outbound|443||rr.example.com");
        assertThat(rr.getType()).isEqualTo(Cluster.DiscoveryType.LOGICAL_DNS);
        assertThat(addresses(rr.getLoadAssignment())).containsExactly("one.example.com:443");
        assertThat(addresses(cluster("outbound|443||api.example.com").getLoadAssignment()))
                .containsExactly("api.example.com:443");
        Cluster ext = cluster("outbound|443||ext.app.svc.cluster.local");
        assertThat(ext.getType()).isEqualTo(Cluster.DiscoveryType.STRICT_DNS);
        assertThat(addresses(ext.getLoadAssignment())).containsExactly("example.org:443");
        assertThat(Invariants.names(resources.clusters())).noneMatch(n -> n.contains("dns.app.svc"));
        assertThat(Invariants.names(resources.endpoints())).noneMatch(n -> n.contains("example.org")
                || n.contains("dns.example.com") || n.contains("db.app"));
    }

    @Test
    void staticServiceEntryEndpointsKeepLocalityPortsAndWeights() {
        assertThat(cluster("outbound|9000||static.example.com").getType()).isEqualTo(Cluster.DiscoveryType.EDS);
        ClusterLoadAssignment cla = assignment("outbound|9000||static.example.com");
        assertThat(cla.getEndpointsList()).extracting(l -> l.getLocality().getRegion() + "/" + l.getLocality().getZone()
                + "/" + l.getLocality().getSubZone()).containsExactly("us/east/a", "us/west/b");
        assertThat(cla.getEndpointsList()).extracting(l -> l.getLoadBalancingWeight().getValue()).containsExactly(3, 1);
        assertThat(addresses(cla)).containsExactly("192.168.0.1:9001", "192.168.0.2:9000");
        List<LbEndpoint> first = cla.getEndpoints(0).getLbEndpointsList();
        assertThat(first.get(0).getLoadBalancingWeight().getValue()).isEqualTo(3);
        assertThat(cla.getEndpointsList()).allMatch((LocalityLbEndpoints l) -> l.getLoadBalancingWeight().getValue() >= 1);
    }

    @Test
    void endpointsWithoutAZoneStillCarryAnEmptyLocality() {
        // Pods without a zone label: grpc-js and grpc-go NACK a group whose locality is unset.
        ClusterLoadAssignment cla = assignment("outbound|80||web.app.svc.cluster.local");
        assertThat(cla.getEndpointsList()).isNotEmpty().allMatch(LocalityLbEndpoints::hasLocality)
                .allMatch(l -> l.getLocality().getRegion().isEmpty() && l.getLocality().getZone().isEmpty());
    }

    @Test
    void workloadEntriesSelectedByAServiceEntryAreEndpoints() {
        assertThat(addresses(assignment("outbound|8080||vm.example.com"))).containsExactly("10.9.0.1:8080");
    }

    @Test
    void catchAllClustersAreAlwaysThere() {
        assertThat(cluster("BlackHoleCluster").getType()).isEqualTo(Cluster.DiscoveryType.STATIC);
        assertThat(cluster("BlackHoleCluster").hasLoadAssignment()).isFalse();
        assertThat(cluster("PassthroughCluster").getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
        Cluster inbound = cluster("InboundPassthroughCluster");
        assertThat(inbound.getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
        assertThat(inbound.getUpstreamBindConfig().getSourceAddress().getAddress()).isEqualTo("127.0.0.6");
    }

    @Test
    void headlessTcpServiceGetsAListenerPerEndpoint() {
        assertThat(Invariants.names(resources.listeners())).contains("10.1.0.9_5432", "240.0.0.1_9000",
                "0.0.0.0_443", "0.0.0.0_8443");
    }
}
