package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshscope.kube.KubeOptions;
import io.meshscope.kube.MockApiServer;
import io.meshscope.xds.XdsType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane fed by the Kubernetes API (fabric8 mock, CRUD mode): sync, then changes reach proxies. */
class KubeServeTest {
    static final String MESH = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cart, namespace: shop}
            spec: {ports: [{name: http, port: 80}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec: {containers: [{name: web, image: web}]}
            status: {podIP: 10.0.0.5}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: shop}
            spec: {egress: [{hosts: ["./*"]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void servesTheClusterStateAndPushesAddedAndDeletedServicesToTheProxiesThatImportThem() throws Exception {
        try (MockApiServer api = new MockApiServer().start(); KubernetesClient c = api.client()) {
            io.meshscope.kube.Cluster cluster = new io.meshscope.kube.Cluster(c).istioCrds("v1").apply(MESH);
            Path kubeconfig = api.writeKubeconfig(dir);
            KubeOptions kube = new KubeOptions(Optional.of(kubeconfig.toString()), Optional.empty(), List.of(),
                    Optional.empty());
            ServerConfig config = new ServerConfig(List.of(), Optional.empty(), "127.0.0.1", 0, 0,
                    Duration.ofMillis(50), Duration.ofSeconds(1), 2, Optional.of(kube));
            try (MeshscopeServer server = new MeshscopeServer(config)) {
                server.start();
                assertThat(server.snapshot()).isNotNull();
                Node node = AdsClient.sidecarNode("10.0.0.5", "web", "shop");
                try (var ads = AdsClient.sotw(server.xdsPort())) {
                    DiscoveryResponse first = ads.send(cds(node)).next(Duration.ofSeconds(20));
                    assertThat(clusterNames(first)).contains("outbound|80||cart.shop.svc.cluster.local");
                    ads.send(ack(node, first));

                    cluster.apply("""
                            apiVersion: v1
                            kind: Service
                            metadata: {name: basket, namespace: shop}
                            spec: {ports: [{name: http, port: 80}]}
                            """);
                    DiscoveryResponse added = ads.next(Duration.ofSeconds(20));
                    assertThat(clusterNames(added)).contains("outbound|80||basket.shop.svc.cluster.local");
                    ads.send(ack(node, added));

                    cluster.delete("v1", "Service", "shop", "cart");
                    DiscoveryResponse deleted = ads.next(Duration.ofSeconds(20));
                    assertThat(clusterNames(deleted)).contains("outbound|80||basket.shop.svc.cluster.local")
                            .doesNotContain("outbound|80||cart.shop.svc.cluster.local");
                }
            }
        }
    }

    @Test
    void aPodComingUpIsAnEndpointUpdatePushedAsEdsOnly() throws Exception {
        String mesh = MESH.replace("spec: {ports: [{name: http, port: 80}]}",
                "spec: {selector: {app: cart}, ports: [{name: http, port: 80, targetPort: 8080}]}") + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: cart-1, namespace: shop, labels: {app: cart}}
                spec: {containers: [{name: cart, image: cart}]}
                status: {podIP: 10.0.1.1}
                """;
        try (MockApiServer api = new MockApiServer().start(); KubernetesClient c = api.client()) {
            io.meshscope.kube.Cluster cluster = new io.meshscope.kube.Cluster(c).istioCrds("v1").apply(mesh);
            KubeOptions kube = new KubeOptions(Optional.of(api.writeKubeconfig(dir).toString()), Optional.empty(),
                    List.of(), Optional.empty());
            ServerConfig config = new ServerConfig(List.of(), Optional.empty(), "127.0.0.1", 0, 0,
                    Duration.ofMillis(50), Duration.ofSeconds(1), 2, Optional.of(kube));
            try (MeshscopeServer server = new MeshscopeServer(config)) {
                server.start();
                Node node = AdsClient.sidecarNode("10.0.0.5", "web", "shop");
                String cart = "outbound|80||cart.shop.svc.cluster.local";
                try (var ads = AdsClient.sotw(server.xdsPort())) {
                    ads.send(ack(node, ads.send(cds(node)).next(Duration.ofSeconds(20))));
                    DiscoveryResponse eds = ads.send(eds(node, cart)).next(Duration.ofSeconds(20));
                    assertThat(eds.toString()).contains("10.0.1.1").doesNotContain("10.0.1.2");
                    ads.send(eds(node, cart).toBuilder().setVersionInfo(eds.getVersionInfo())
                            .setResponseNonce(eds.getNonce()).build());

                    cluster.apply("""
                            apiVersion: v1
                            kind: Pod
                            metadata: {name: cart-2, namespace: shop, labels: {app: cart}}
                            spec: {containers: [{name: cart, image: cart}]}
                            status: {podIP: 10.0.1.2}
                            """);

                    DiscoveryResponse scaled = ads.next(Duration.ofSeconds(20));
                    assertThat(scaled.getTypeUrl()).as("only EDS is pushed").isEqualTo(XdsType.ENDPOINT.typeUrl());
                    assertThat(scaled.toString()).contains("10.0.1.1", "10.0.1.2");
                    Struct last = ServerTestSupport.json(new AdminHttp(server.adminPort()).body("/debug/push_status"))
                            .getFieldsMap().get("lastChange").getStructValue();
                    assertThat(last.getFieldsMap().get("endpointsOnly").getBoolValue()).isTrue();
                }
            }
        }
    }

    private static DiscoveryRequest eds(Node node, String cluster) {
        return DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(XdsType.ENDPOINT.typeUrl())
                .addResourceNames(cluster).build();
    }

    private static DiscoveryRequest cds(Node node) {
        return DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(XdsType.CLUSTER.typeUrl()).build();
    }

    private static DiscoveryRequest ack(Node node, DiscoveryResponse r) {
        return cds(node).toBuilder().setVersionInfo(r.getVersionInfo()).setResponseNonce(r.getNonce()).build();
    }

    private static List<String> clusterNames(DiscoveryResponse r) {
        return r.getResourcesList().stream().map(a -> {
            try {
                return a.unpack(Cluster.class).getName();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
