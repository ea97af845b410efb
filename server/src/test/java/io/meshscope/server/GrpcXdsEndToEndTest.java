package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real grpc-xds client, loading the bootstrap of docs/SERVER.md and resolving
 * {@code xds:///greeter.backend.svc.cluster.local:50051} through meshscope on loopback, reaches a real gRPC backend
 * whose endpoint carries no zone while its namespace's Sidecar imports {@code backend/*}, loses it when the
 * Sidecar file stops importing it, and gets it back when the file is restored; and follows the backend's pod to a
 * new address, delivered as an endpoint update (an EDS response carrying only the changed assignment). No
 * response may be NACKed ({@link ServerTestSupport#assertNoNacks}).
 */
class GrpcXdsEndToEndTest {
    private static final String TARGET_AUTHORITY = "greeter.backend.svc.cluster.local:50051";

    @TempDir
    java.nio.file.Path tmp;

    private MeshFiles files;
    private Server backend;
    private int backendPort;
    private MeshscopeServer meshscope;
    private XdsNameResolverProvider resolver;
    private String scheme;
    private ManagedChannel channel;
    private ManagedChannel hidden;

    @BeforeEach
    void start() throws Exception {
        // The backend: the standard gRPC health service, on loopback only.
        backend = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService()).build().start();
        backendPort = ((InetSocketAddress) backend.getListenSockets().get(0)).getPort();

        files = new MeshFiles(tmp);
        // The backend Pod has no node, so its endpoint has no zone: every locality meshscope sends is empty.
        files.write("namespaces.yaml", MeshFiles.namespace("client") + MeshFiles.namespace("backend")
                        + MeshFiles.namespace("other"))
                .write("client.yaml", MeshFiles.pod("client", "client", "client", "127.0.0.2"))
                .write("backend.yaml", MeshFiles.service("backend", "greeter", "grpc", 50051, backendPort, "10.96.0.10")
                        + MeshFiles.pod("backend", "greeter-0", "greeter", "127.0.0.1"))
                // The same backend behind a service of a namespace the client's Sidecar does not import.
                .write("other.yaml", MeshFiles.service("other", "hidden", "grpc", 50051, backendPort, "10.96.0.12")
                        + MeshFiles.pod("other", "hidden-0", "hidden", "127.0.0.1"))
                .write("sidecar.yaml", MeshFiles.sidecar("client", "backend/*"));
        meshscope = new MeshscopeServer(files.config());
        meshscope.start();

        scheme = "meshscope-e2e-" + Long.toHexString(System.nanoTime());
        resolver = XdsNameResolverProvider.createForTest(scheme, ProxylessBootstrap.map(meshscope.xdsPort()));
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        channel = Grpc.newChannelBuilder(scheme + ":///" + TARGET_AUTHORITY, InsecureChannelCredentials.create())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (meshscope != null) {
                ServerTestSupport.assertNoNacks(new AdminHttp(meshscope.adminPort()));
            }
        } finally {
            close();
        }
    }

    private void close() throws Exception {
        if (hidden != null) {
            hidden.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
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
    void clientReachesABackendWhoseEndpointHasNoZoneOnlyWhileItsSidecarImportsIt() {
        AtomicReference<StatusRuntimeException> last = new AtomicReference<>();
        await("first RPC through xDS").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(outcome(last)).as("last failure: %s", last.get())
                        .isEqualTo(Status.Code.OK));
        assertThat(call().getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        AdminHttp admin = new AdminHttp(meshscope.adminPort());
        assertThat(admin.body("/debug/config_dump?proxyID=client.client")).as("no endpoint has a zone")
                .contains("outbound|50051||greeter.backend.svc.cluster.local")
                .doesNotContainPattern("\"zone\"\\s*:\\s*\"[^\"]");
        ServerTestSupport.assertNoNacks(admin);
        Struct sync = ServerTestSupport.syncOf(admin, "client");
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

    /**
     * meshscope answers the LDS request for a listener it does not serve the client at once, without it; grpc-java
     * does not take that absence for a resource it has never received while its 15 s fetch timer runs, so the first
     * call fails UNAVAILABLE (NOT_FOUND: timed out) after 15 s, and later calls at once.
     */
    @Test
    void aServiceTheSidecarDoesNotImportFailsUnavailableOnceTheFifteenSecondFetchTimerExpires() {
        AtomicReference<StatusRuntimeException> last = new AtomicReference<>();
        await("first RPC through xDS").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(outcome(last)).as("last failure: %s", last.get())
                        .isEqualTo(Status.Code.OK));
        hidden = Grpc.newChannelBuilder(scheme + ":///hidden.other.svc.cluster.local:50051",
                InsecureChannelCredentials.create()).build();

        long started = System.nanoTime();
        Status first = hiddenCall(Duration.ofSeconds(25));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("grpc-java, not imported service: " + first + " after " + millis + " ms");
        assertThat(first.getCode()).as("%s", first).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(first.getDescription()).contains("hidden.other.svc.cluster.local:50051",
                "Timed out waiting for resource");
        assertThat(millis).isBetween(14_000L, 20_000L);

        started = System.nanoTime();
        Status again = hiddenCall(Duration.ofSeconds(3));
        assertThat(again.getCode()).as("%s", again).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat((System.nanoTime() - started) / 1_000_000).as("the absence is known now").isLessThan(2_000);
    }

    private Status hiddenCall(Duration deadline) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> HealthGrpc
                .newBlockingStub(hidden).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .check(HealthCheckRequest.getDefaultInstance()));
        assertThat(e).as("a call to a service the Sidecar does not import").isNotNull();
        return e.getStatus();
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
