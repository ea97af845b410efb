package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.MeshIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inbound clusters and listeners: Sidecar ingress with each defaultEndpoint form, and service-derived ports. */
class InboundTest {
    static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: srv, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: srv}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: srv-1, namespace: app, labels: {app: srv}}
            status: {podIP: 10.2.0.5}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: srv-ingress, namespace: app}
            spec:
              workloadSelector: {labels: {app: srv}}
              ingress:
              - {port: {number: 9080, protocol: HTTP, name: http}, defaultEndpoint: "127.0.0.1:8080"}
              - {port: {number: 9081, protocol: TCP, name: tcp}, defaultEndpoint: "0.0.0.0:8081"}
              - {port: {number: 9082, protocol: HTTP, name: uds}, defaultEndpoint: "unix:///var/run/srv.sock"}
              - {port: {number: 9083, protocol: HTTP, name: orig}}
              - {port: {number: 9084, protocol: TCP, name: real}, captureMode: NONE, defaultEndpoint: "127.0.0.1:9084"}
              egress: [{hosts: ["./*"]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: app}
            spec:
              clusterIP: 10.0.0.2
              selector: {app: api}
              ports: [{name: http-named, port: 81, targetPort: web}, {name: grpc, port: 9090}, {name: tcp-raw, port: 7000}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: api-x1, namespace: app, labels: {kubernetes.io/service-name: api}}
            addressType: IPv4
            ports: [{name: http-named, port: 8181}, {name: grpc, port: 9090}, {name: tcp-raw, port: 7000}]
            endpoints: [{addresses: [10.2.0.7], conditions: {ready: true}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api-1, namespace: app, labels: {app: api}}
            status: {podIP: 10.2.0.7}
            """;

    private static MeshInput input;
    private static XdsSnapshot snapshot;

    @BeforeAll
    static void build() {
        input = XdsFixtures.yaml(MESH);
        snapshot = XdsSnapshot.build(MeshIndex.build(input));
    }

    private static ProxyResources pod(String name) {
        Workload w = XdsFixtures.workload(input, WorkloadKind.POD, "app", name);
        return snapshot.resourcesFor(XdsFixtures.proxy(w), w);
    }

    private static Cluster cluster(ProxyResources r, String name) {
        NamedResource n = r.find(XdsType.CLUSTER, name);
        assertThat(n).as(name).isNotNull();
        return (Cluster) n.resource();
    }

    private static Address endpoint(Cluster c) {
        return c.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress();
    }

    @Test
    void sidecarIngressReplacesServicePortsAndMapsDefaultEndpoints() {
        ProxyResources r = pod("srv-1");
        assertThat(Invariants.check(r)).isEmpty();
        assertThat(Invariants.names(r.clusters())).filteredOn(n -> n.startsWith("inbound|"))
                .containsExactly("inbound|9080||", "inbound|9081||", "inbound|9082||", "inbound|9083||", "inbound|9084||");
        Cluster local = cluster(r, "inbound|9080||");
        assertThat(local.getType()).isEqualTo(Cluster.DiscoveryType.STATIC);
        assertThat(endpoint(local).getSocketAddress().getAddress()).isEqualTo("127.0.0.1");
        assertThat(endpoint(local).getSocketAddress().getPortValue()).isEqualTo(8080);
        assertThat(local.hasUpstreamBindConfig()).isFalse();
        Cluster podIp = cluster(r, "inbound|9081||");
        assertThat(endpoint(podIp).getSocketAddress().getAddress()).isEqualTo("10.2.0.5");
        assertThat(podIp.getUpstreamBindConfig().getSourceAddress().getAddress()).isEqualTo("127.0.0.6");
        assertThat(endpoint(cluster(r, "inbound|9082||")).getPipe().getPath()).isEqualTo("/var/run/srv.sock");
        Cluster orig = cluster(r, "inbound|9083||");
        assertThat(orig.getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
        assertThat(orig.hasLoadAssignment()).isFalse();
    }

    @Test
    void ingressChainsLiveInVirtualInboundUnlessCaptureModeIsNone() {
        ProxyResources r = pod("srv-1");
        Listener vi = (Listener) r.find(XdsType.LISTENER, "virtualInbound").resource();
        // PERMISSIVE (istiod's default): two chains per HTTP port, three for the TCP one (mTLS, TLS, plaintext).
        assertThat(vi.getFilterChainsList()).extracting(FilterChain::getName).containsExactly(
                "virtualInbound-blackhole", "virtualInbound-catchall-http", "virtualInbound-catchall-http",
                "virtualInbound", "virtualInbound", "virtualInbound",
                "10.2.0.5_9080", "10.2.0.5_9080", "10.2.0.5_9081", "10.2.0.5_9081", "10.2.0.5_9081",
                "10.2.0.5_9082", "10.2.0.5_9082", "10.2.0.5_9083", "10.2.0.5_9083");
        assertThat(vi.getListenerFiltersList()).extracting(ListenerFilter::getName)
                .containsExactly("envoy.filters.listener.original_dst", "envoy.filters.listener.tls_inspector",
                        "envoy.filters.listener.http_inspector");
        Listener real = (Listener) r.find(XdsType.LISTENER, "10.2.0.5_9084").resource();
        assertThat(real.getAddress().getSocketAddress().getPortValue()).isEqualTo(9084);
        assertThat(real.hasBindToPort()).isFalse(); // binds (the default)
        // no original_dst on a listener that binds; its TLS chains need the TLS inspector, on its port only
        assertThat(real.getListenerFiltersList()).extracting(ListenerFilter::getName)
                .containsExactly("envoy.filters.listener.tls_inspector");
        assertThat(real.getListenerFilters(0).getFilterDisabled().getNotMatch().getDestinationPortRange().getStart())
                .isEqualTo(9084);
    }

    @Test
    void withoutIngressEachTargetPortOfTheWorkloadsServicesIsServed() {
        ProxyResources r = pod("api-1");
        assertThat(Invariants.check(r)).isEmpty();
        assertThat(Invariants.names(r.clusters())).filteredOn(n -> n.startsWith("inbound|"))
                .containsExactly("inbound|7000||", "inbound|8181||", "inbound|9090||");
        assertThat(cluster(r, "inbound|8181||").getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
        Listener vi = (Listener) r.find(XdsType.LISTENER, "virtualInbound").resource();
        assertThat(vi.getFilterChainsList()).extracting(FilterChain::getName).endsWith(
                "0.0.0.0_7000", "0.0.0.0_7000", "0.0.0.0_7000", "0.0.0.0_8181", "0.0.0.0_8181",
                "0.0.0.0_9090", "0.0.0.0_9090");
        FilterChain grpc = vi.getFilterChainsList().stream().filter(fc -> fc.getName().equals("0.0.0.0_9090"))
                .findFirst().orElseThrow();
        assertThat(grpc.getFilterChainMatch().getDestinationPort().getValue()).isEqualTo(9090);
        assertThat(grpc.getFilters(0).getName()).isEqualTo("envoy.filters.network.http_connection_manager");
        // the HTTP inspector is off for ports whose chains do not sniff (15006 and the three service ports)
        ListenerFilter inspector = vi.getListenerFilters(2);
        assertThat(inspector.getFilterDisabled().getOrMatch().getRulesCount()).isEqualTo(4);
    }
}
