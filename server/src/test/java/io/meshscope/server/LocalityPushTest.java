package io.meshscope.server;

import static io.meshscope.server.SotwAdsTest.ack;
import static io.meshscope.server.SotwAdsTest.nextOf;
import static io.meshscope.server.SotwAdsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locality-shaped EDS through the real server: proxies whose xDS nodes say they run in different regions get the
 * same cluster's endpoints at different priorities (istiod's default failover, on because the DestinationRule
 * sets outlier detection), and an endpoint moving reaches both with the priorities of their localities.
 */
class LocalityPushTest {
    private static final String CLUSTER = "outbound|80||ext.example.com";
    private static final String MESH = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: ext, namespace: app}
            spec:
              hosts: [ext.example.com]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{name: http, number: 80, protocol: HTTP}]
              workloadSelector: {labels: {app: ext}}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: ext, namespace: app}
            spec:
              host: ext.example.com
              trafficPolicy:
                outlierDetection: {consecutive5xxErrors: 5}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: east, namespace: app}
            spec: {address: 10.0.0.1, labels: {app: ext}, locality: east/z1}
            """;
    private static final String WEST = """
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: west, namespace: app}
            spec: {address: %s, labels: {app: ext}, locality: west/z1}
            """;

    @TempDir
    java.nio.file.Path tmp;
    private MeshFiles files;
    private MeshscopeServer server;
    private final List<AdsClient<?, ?>> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        files = new MeshFiles(tmp).write("mesh.yaml", MESH).write("west.yaml", WEST.formatted("10.0.0.2"));
        server = new MeshscopeServer(files.config());
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(AdsClient::close);
        server.close();
    }

    private static Node in(String pod, String region) {
        return AdsClient.sidecarNode("10.9.0." + pod.length(), pod, "app").toBuilder()
                .setLocality(Locality.newBuilder().setRegion(region).setZone("z1")).build();
    }

    /** {@code region:priority[addresses]} per group. */
    private static List<String> groups(DiscoveryResponse eds) throws InvalidProtocolBufferException {
        List<String> out = new ArrayList<>();
        ClusterLoadAssignment cla = eds.getResources(0).unpack(ClusterLoadAssignment.class);
        for (LocalityLbEndpoints g : cla.getEndpointsList()) {
            List<String> ips = new ArrayList<>();
            g.getLbEndpointsList().forEach(e -> ips.add(e.getEndpoint().getAddress().getSocketAddress().getAddress()));
            out.add(g.getLocality().getRegion() + ":" + g.getPriority() + ips);
        }
        return out;
    }

    private AdsClient<DiscoveryRequest, DiscoveryResponse> subscribe(Node node, List<DiscoveryResponse> first) {
        AdsClient<DiscoveryRequest, DiscoveryResponse> c = AdsClient.sotw(server.xdsPort());
        clients.add(c);
        c.send(ack(node, c.send(request(node, XdsType.CLUSTER)).next()));
        DiscoveryResponse eds = c.send(request(node, XdsType.ENDPOINT, CLUSTER)).next();
        c.send(ack(node, eds, CLUSTER));
        first.add(eds);
        return c;
    }

    @Test
    void nodesInTwoRegionsGetTheirOwnPrioritiesAndAnEndpointMoveReachesBoth() throws Exception {
        Node east = in("e", "east");
        Node west = in("ww", "west");
        List<DiscoveryResponse> first = new ArrayList<>();
        var e = subscribe(east, first);
        var w = subscribe(west, first);
        assertThat(groups(first.get(0))).containsExactly("east:0[10.0.0.1]", "west:1[10.0.0.2]");
        assertThat(groups(first.get(1))).containsExactly("east:1[10.0.0.1]", "west:0[10.0.0.2]");

        long version = server.snapshot().version();
        files.write("west.yaml", WEST.formatted("10.0.0.3"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.snapshot().version() > version);
        assertThat(groups(nextOf(e, XdsType.ENDPOINT))).containsExactly("east:0[10.0.0.1]", "west:1[10.0.0.3]");
        assertThat(groups(nextOf(w, XdsType.ENDPOINT))).containsExactly("east:1[10.0.0.1]", "west:0[10.0.0.3]");
    }
}
