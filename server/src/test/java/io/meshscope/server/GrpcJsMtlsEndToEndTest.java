package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grpc-js side of {@link ProxylessMtlsEndToEndTest}: a DestinationRule asking for ISTIO_MUTUAL gives a proxyless
 * client istiod's certificate-provider UpstreamTlsContext; grpc-js, whose bootstrap defines the {@code default}
 * provider, accepts the cluster (no NACK) and its plaintext channel still reaches the backend; without the provider
 * it NACKs the cluster, naming the unmatched provider instance.
 */
class GrpcJsMtlsEndToEndTest {
    private static final String TARGET = "xds:///greeter.backend.svc.cluster.local:50051";

    @TempDir
    Path tmp;

    private WhoamiBackend backend;
    private MeshscopeServer meshscope;
    private GrpcJsClient client;
    private boolean nackExpected;

    @AfterEach
    void stop() throws Exception {
        try {
            if (meshscope != null && client != null && !nackExpected) {
                ServerTestSupport.assertNoNacks(new AdminHttp(meshscope.adminPort()));
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (meshscope != null) {
                meshscope.close();
            }
            if (backend != null) {
                backend.close();
            }
        }
    }

    @Test
    void grpcJsWithTheDefaultProviderAcceptsTheIstioMutualCluster(TestInfo test) throws Exception {
        start(test, true);
        AtomicReference<GrpcJsClient.Result> last = new AtomicReference<>();
        await("a call through the ISTIO_MUTUAL cluster").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    last.set(client.call(TARGET, Duration.ofSeconds(3)));
                    assertThat(last.get().ok()).as("last: %s; client log:%n%s", last.get(), client.log()).isTrue();
                });
    }

    @Test
    void grpcJsWithoutTheProviderNacksIt(TestInfo test) throws Exception {
        nackExpected = true;
        start(test, false);
        client.call(TARGET, Duration.ofSeconds(3));
        AdminHttp admin = new AdminHttp(meshscope.adminPort());
        await("grpc-js NACKs the cluster").atMost(Duration.ofSeconds(20)).until(() -> ServerTestSupport.syncz(admin)
                .stream().anyMatch(s -> s.toString().contains("tls_certificate_provider_instance")));
    }

    private void start(TestInfo test, boolean definesProvider) throws Exception {
        NodeRuntime.require();
        Path runs = NodeRuntime.runDirectory(test.getTestMethod().orElseThrow().getName());
        backend = WhoamiBackend.start("127.0.0.1", 0);
        MeshFiles files = new MeshFiles(tmp);
        files.write("mesh.yaml", MeshFiles.namespace("client") + MeshFiles.namespace("backend")
                        + MeshFiles.pod("client", "client", "client", "127.0.0.2")
                        + MeshFiles.service("backend", "greeter", "grpc", 50051, backend.port(), "10.96.0.10")
                        + MeshFiles.pod("backend", "greeter-0", "greeter", "127.0.0.1"))
                .write("dr.yaml", """
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: greeter, namespace: backend}
                        spec:
                          host: greeter
                          trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
                        """);
        meshscope = new MeshscopeServer(files.config());
        meshscope.start();
        String documented = ProxylessBootstrap.json(meshscope.xdsPort()).trim();
        // What istio-agent adds for proxyless mTLS (docs/SERVER.md, "mTLS to backends").
        String bootstrap = !definesProvider ? documented : documented.substring(0, documented.lastIndexOf('}')) + """
                  ,"certificate_providers": {"default": {"plugin_name": "file_watcher", "config": {
                    "certificate_file": "%s", "private_key_file": "%s", "ca_certificate_file": "%s",
                    "refresh_interval": "900s"}}}
                }
                """.formatted(runs.resolve("cert-chain.pem"), runs.resolve("key.pem"), runs.resolve("root-cert.pem"));
        client = GrpcJsClient.start(runs, "client", bootstrap);
        assertThat(client.bootstrapError()).as("grpc-js loading the bootstrap").isNull();
    }
}
