package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.xds.XdsNameResolverProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DestinationRule asking for ISTIO_MUTUAL gives a proxyless client what istiod's gRPC generator sends
 * ({@code grpcgen/cds.go applyTLS}): an UpstreamTlsContext naming the {@code default} certificate provider, which the
 * client's bootstrap must define. grpc-java validates that context against its bootstrap when it receives the
 * cluster: with the provider defined it accepts (no NACK) and calls go through; without it, it NACKs the cluster.
 */
class ProxylessMtlsEndToEndTest {
    private static final String TARGET = "greeter.backend.svc.cluster.local:50051";
    private static final String ISTIO_MUTUAL = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: greeter, namespace: backend}
            spec:
              host: greeter
              trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
            """;

    @TempDir
    Path tmp;

    private Server backend;
    private MeshscopeServer meshscope;
    private XdsNameResolverProvider resolver;
    private ManagedChannel channel;

    private void start(boolean definesProvider) throws Exception {
        backend = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService()).build().start();
        int backendPort = ((InetSocketAddress) backend.getListenSockets().get(0)).getPort();
        MeshFiles files = new MeshFiles(tmp.resolve("mesh"));
        files.write("mesh.yaml", MeshFiles.namespace("client") + MeshFiles.namespace("backend")
                + MeshFiles.pod("client", "client", "client", "127.0.0.2")
                + MeshFiles.service("backend", "greeter", "grpc", 50051, backendPort, "10.96.0.10")
                + MeshFiles.pod("backend", "greeter-0", "greeter", "127.0.0.1"))
                .write("dr.yaml", ISTIO_MUTUAL);
        meshscope = new MeshscopeServer(files.config());
        meshscope.start();
        Map<String, Object> bootstrap = new LinkedHashMap<>(ProxylessBootstrap.map(meshscope.xdsPort()));
        if (definesProvider) {
            // What Istio's agent writes for proxyless clients: a file_watcher provider over the workload's files.
            bootstrap.put("certificate_providers", Map.of("default", Map.of("plugin_name", "file_watcher",
                    "config", Map.of("certificate_file", tmp.resolve("cert-chain.pem").toString(),
                            "private_key_file", tmp.resolve("key.pem").toString(),
                            "ca_certificate_file", tmp.resolve("root-cert.pem").toString(),
                            "refresh_interval", "900s"))));
        }
        String scheme = "meshscope-mtls-" + Long.toHexString(System.nanoTime());
        resolver = XdsNameResolverProvider.createForTest(scheme, bootstrap);
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        // Plaintext channel credentials: the client checks the security config but does not use it.
        channel = Grpc.newChannelBuilder(scheme + ":///" + TARGET, InsecureChannelCredentials.create()).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (resolver != null) {
            NameResolverRegistry.getDefaultRegistry().deregister(resolver);
        }
        if (meshscope != null) {
            meshscope.close();
        }
        if (backend != null) {
            backend.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientWhoseBootstrapDefinesTheProviderAcceptsTheIstioMutualCluster() throws Exception {
        start(true);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(3, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()) != null);
        ServerTestSupport.assertNoNacks(new AdminHttp(meshscope.adminPort()));
    }

    @Test
    void aClientWithoutTheProviderNacksIt() throws Exception {
        start(false);
        AdminHttp admin = new AdminHttp(meshscope.adminPort());
        // The call cannot succeed: the cluster it needs is refused.
        try {
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
        } catch (io.grpc.StatusRuntimeException expected) {
            // UNAVAILABLE: the cluster was NACKed
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> nackErrors(admin).stream().anyMatch(e -> e.contains(
                "CertificateProvider instance name 'default' not defined in the bootstrap file")));
    }

    /** Every NACK error the server has recorded, of every client and type. */
    private static List<String> nackErrors(AdminHttp admin) {
        List<String> out = new java.util.ArrayList<>();
        for (Struct s : ServerTestSupport.syncz(admin)) {
            Value types = s.getFieldsMap().get("types");
            for (Value t : types.getStructValue().getFieldsMap().values()) {
                Value error = t.getStructValue().getFieldsMap().get("nackError");
                if (error != null) {
                    out.add(error.getStringValue());
                }
            }
        }
        return out;
    }
}
