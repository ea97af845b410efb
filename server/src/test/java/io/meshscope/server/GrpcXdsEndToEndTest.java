package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Struct;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.xds.XdsNameResolverProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real grpc-xds client, resolving {@code xds:///greeter.backend.svc.cluster.local:50051} through meshscope on
 * loopback, reaches a real gRPC backend while its namespace's Sidecar imports {@code backend/*}, loses it when
 * the Sidecar file stops importing it, and gets it back when the file is restored; and follows the backend's pod to
 * a new address, delivered as an endpoint update (an EDS response carrying only the changed assignment).
 */
class GrpcXdsEndToEndTest {
    private static final String TARGET_AUTHORITY = "greeter.backend.svc.cluster.local:50051";
    private static final String NODE_ID = "sidecar~127.0.0.2~client.client~client.svc.cluster.local";

    @TempDir
    java.nio.file.Path tmp;

    private MeshFiles files;
    private Server backend;
    private int backendPort;
    private MeshscopeServer meshscope;
    private XdsNameResolverProvider resolver;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        // The backend: the standard gRPC health service, on loopback only.
        backend = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService()).build().start();
        backendPort = ((InetSocketAddress) backend.getListenSockets().get(0)).getPort();

        files = new MeshFiles(tmp);
        files.write("namespaces.yaml", MeshFiles.namespace("client") + MeshFiles.namespace("backend"))
                .write("client.yaml", MeshFiles.pod("client", "client", "client", "127.0.0.2"))
                .write("backend.yaml", MeshFiles.service("backend", "greeter", "grpc", 50051, backendPort, "10.96.0.10")
                        + MeshFiles.pod("backend", "greeter-0", "greeter", "127.0.0.1"))
                .write("sidecar.yaml", MeshFiles.sidecar("client", "backend/*"));
        meshscope = new MeshscopeServer(files.config());
        meshscope.start();

        String scheme = "meshscope-e2e-" + Long.toHexString(System.nanoTime());
        resolver = XdsNameResolverProvider.createForTest(scheme, bootstrap(meshscope.xdsPort()));
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        channel = Grpc.newChannelBuilder(scheme + ":///" + TARGET_AUTHORITY, InsecureChannelCredentials.create())
                .build();
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

    /** The proxyless bootstrap of docs/SERVER.md, as grpc-xds parses it from JSON. */
    static Map<String, ?> bootstrap(int xdsPort) {
        return Map.of(
                "xds_servers", List.of(Map.of(
                        "server_uri", "127.0.0.1:" + xdsPort,
                        "channel_creds", List.of(Map.of("type", "insecure")),
                        "server_features", List.of("xds_v3"))),
                "node", Map.of(
                        "id", NODE_ID,
                        "metadata", Map.of(
                                "NAMESPACE", "client",
                                "GENERATOR", "grpc",
                                "LABELS", Map.of("app", "client"))));
    }

    private HealthCheckResponse call() {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(3, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());
    }

    /** The status of one RPC: OK or the code it failed with. */
    private Status.Code outcome(AtomicReference<StatusRuntimeException> last) {
        try {
            call();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            last.set(e);
            return e.getStatus().getCode();
        }
    }

    @Test
    void clientReachesBackendOnlyWhileItsSidecarImportsIt() {
        AtomicReference<StatusRuntimeException> last = new AtomicReference<>();
        await("first RPC through xDS").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(outcome(last)).as("last failure: %s", last.get())
                        .isEqualTo(Status.Code.OK));
        assertThat(call().getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        Struct sync = ServerTestSupport.syncOf(new AdminHttp(meshscope.adminPort()), "client");
        assertThat(sync.getFieldsMap().get("proxyless").getBoolValue()).isTrue();
        assertThat(ServerTestSupport.str(sync, "workload")).isEqualTo("Pod client/client");
        assertThat(ServerTestSupport.type(sync, "lds").getFieldsMap().get("subscription").getListValue()
                .getValues(0).getStringValue()).isEqualTo(TARGET_AUTHORITY);

        files.write("sidecar.yaml", MeshFiles.sidecar("client", "./*"));
        await("RPCs fail once backend/* is no longer imported").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(outcome(last)).isEqualTo(Status.Code.UNAVAILABLE));

        files.write("sidecar.yaml", MeshFiles.sidecar("client", "backend/*"));
        await("RPCs recover once the import is restored").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(outcome(last)).as("last failure: %s", last.get())
                        .isEqualTo(Status.Code.OK));
    }

    @Test
    void clientFollowsItsBackendToANewPodAddressPushedAsAnEndpointUpdate() throws Exception {
        // A second backend on another loopback address, same port, reporting NOT_SERVING: which one answers
        // tells where the client's endpoints point.
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", HealthCheckResponse.ServingStatus.NOT_SERVING);
        Server moved = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.3", backendPort))
                .addService(health.getHealthService()).build().start();
        try {
            AtomicReference<StatusRuntimeException> last = new AtomicReference<>();
            await("first RPC through xDS").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(outcome(last)).as("last failure: %s", last.get())
                            .isEqualTo(Status.Code.OK));
            assertThat(call().getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

            files.write("backend.yaml", MeshFiles.service("backend", "greeter", "grpc", 50051, backendPort,
                    "10.96.0.10") + MeshFiles.pod("backend", "greeter-0", "greeter", "127.0.0.3"));

            await("RPCs reach the pod's new address").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(call().getStatus())
                            .isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING));
            Struct push = ServerTestSupport.json(new AdminHttp(meshscope.adminPort()).body("/debug/push_status"));
            assertThat(push.getFieldsMap().get("lastChange").getStructValue().getFieldsMap().get("endpointsOnly")
                    .getBoolValue()).isTrue();
        } finally {
            moved.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
