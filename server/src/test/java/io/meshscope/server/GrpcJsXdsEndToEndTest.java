package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Struct;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second real xDS client nobody here wrote: Node's {@code @grpc/grpc-js-xds} 1.14 (src/test/node/grpc-js-client),
 * loading the bootstrap of docs/SERVER.md and calling real grpc-java backends on loopback through
 * {@code xds:///host:port} while meshscope serves it and the test edits the mesh. No endpoint carries a zone.
 * After every scenario no response may have been NACKed ({@link ServerTestSupport#assertNoNacks}).
 */
class GrpcJsXdsEndToEndTest {
    static final String GREETER = "xds:///greeter.backend.svc.cluster.local:50051";
    static final String ECHO = "xds:///echo.backend.svc.cluster.local:50052";
    static final String HIDDEN = "xds:///hidden.other.svc.cluster.local:50051";
    static final Duration DEADLINE = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    /** Three backends on one port at 127.0.0.1, .3 and .4 (greeter's pods), and one more for echo. */
    private final List<WhoamiBackend> greeters = new ArrayList<>();
    private WhoamiBackend echo;
    private MeshFiles files;
    private MeshscopeServer meshscope;
    private GrpcJsClient client;
    private final List<GrpcJsClient> others = new ArrayList<>();
    /** This test's client files (bootstraps, grpc-js traces), kept under target/ for reading after a failure. */
    private Path runs;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        NodeRuntime.require();
        runs = NodeRuntime.runDirectory(test.getTestMethod().orElseThrow().getName());
        startGreeters();
        echo = WhoamiBackend.start("127.0.0.1", 0);
        files = new MeshFiles(tmp);
        files.write("namespaces.yaml", MeshFiles.namespace("client") + MeshFiles.namespace("backend")
                        + MeshFiles.namespace("other"))
                .write("client.yaml", MeshFiles.pod("client", "client", "client", "127.0.0.2"))
                .write("greeter.yaml", MeshFiles.service("backend", "greeter", "grpc", 50051, port(), "10.96.0.10"))
                .write("greeter-0.yaml", greeterPod(0, "127.0.0.1"))
                // echo's endpoints come from an EndpointSlice without zone (no pod carries app=echo).
                .write("echo.yaml", MeshFiles.service("backend", "echo", "grpc", 50052, echo.port(), "10.96.0.11")
                        + MeshFiles.endpointSlice("backend", "echo", "grpc", echo.port(), "127.0.0.1"))
                .write("hidden.yaml", MeshFiles.service("other", "hidden", "grpc", 50051, port(), "10.96.0.12")
                        + MeshFiles.pod("other", "hidden-0", "hidden", "127.0.0.1"))
                .write("sidecar.yaml", MeshFiles.sidecar("client", "backend/*"));
        meshscope = new MeshscopeServer(files.config());
        meshscope.start();
        client = GrpcJsClient.start(runs, "client", ProxylessBootstrap.json(meshscope.xdsPort()));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (meshscope != null && client != null) {
                ServerTestSupport.assertNoNacks(admin());
            }
        } finally {
            if (client != null) {
                client.close();
            }
            others.forEach(GrpcJsClient::close);
            if (meshscope != null) {
                meshscope.close();
            }
            for (WhoamiBackend b : greeters) {
                b.close();
            }
            if (echo != null) {
                echo.close();
            }
        }
    }

    @Test
    void theDocumentedBootstrapLoadsAndCallsReachBackendsWhoseEndpointsCarryNoZone() {
        assertThat(client.versions().get("grpcJsXds")).asString().startsWith("1.14.");
        assertThat(client.bootstrapError()).as("grpc-js loading docs/SERVER.md's bootstrap").isNull();

        assertThat(awaitCall(GREETER, GrpcJsClient.Result::ok, "a call through xDS (Pod endpoint)").body())
                .isEqualTo(greeters.get(0).name());
        assertThat(awaitCall(ECHO, GrpcJsClient.Result::ok, "a call through xDS (EndpointSlice endpoint)").body())
                .isEqualTo(echo.name());

        String dump = admin().body("/debug/config_dump?proxyID=client.client");
        assertThat(dump).contains("outbound|50051||greeter.backend.svc.cluster.local",
                "outbound|50052||echo.backend.svc.cluster.local");
        assertThat(dump).as("no endpoint has a zone").doesNotContainPattern("\"zone\"\\s*:\\s*\"[^\"]");
    }

    @Test
    void callsAreSpreadRoundRobinOverThreeEndpoints() {
        awaitCall(GREETER, GrpcJsClient.Result::ok, "a first call");
        files.write("greeter-1.yaml", greeterPod(1, "127.0.0.3")).write("greeter-2.yaml", greeterPod(2, "127.0.0.4"));
        awaitAllReached(names(0, 1, 2));

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            GrpcJsClient.Result r = client.call(GREETER, DEADLINE);
            assertThat(r.ok()).as("call %d: %s", i, r).isTrue();
            order.add(r.body());
        }
        System.out.println("grpc-js order over three endpoints: " + order);
        Map<String, Integer> counts = new TreeMap<>();
        order.forEach(b -> counts.merge(b, 1, Integer::sum));
        assertThat(counts).as("calls per endpoint in %s", order).containsOnlyKeys(names(0, 1, 2));
        for (int i = 0; i + 3 <= order.size(); i++) {
            assertThat(order.subList(i, i + 3)).as("round robin: three calls in a row reach three endpoints, %s",
                    order).doesNotHaveDuplicates();
        }
    }

    /**
     * meshscope answers the named LDS request without the listener at once; grpc-js ignores a listener's
     * absence until it has seen it once, and subscribed on a running xDS stream it never starts its 15 s
     * does-not-exist timer: every call waits for name resolution until its deadline.
     */
    @Test
    void aServiceTheSidecarDoesNotImportFailsWithDeadlineExceededWaitingForNameResolution() {
        awaitCall(GREETER, GrpcJsClient.Result::ok, "a call to an imported service");
        for (int i = 0; i < 2; i++) {
            GrpcJsClient.Result r = client.call(HIDDEN, DEADLINE);
            assertThat(r.code()).as("%s", r).isEqualTo("DEADLINE_EXCEEDED");
            assertThat(r.details()).contains("waiting for name resolution");
            assertThat(r.millis()).isGreaterThanOrEqualTo(DEADLINE.toMillis() - 100);
        }
        assertThat(ServerTestSupport.type(ServerTestSupport.syncOf(admin(), "client"), "lds").toString())
                .as("meshscope knows the client asks for it").contains("hidden.other.svc.cluster.local:50051");
    }

    @Test
    void endpointsAddedRemovedAndMovedWhileTheClientRunsAreFollowed() {
        awaitCall(GREETER, r -> r.ok() && r.body().equals(greeters.get(0).name()), "the first pod");

        files.write("greeter-1.yaml", greeterPod(1, "127.0.0.3"));
        awaitAllReached(names(0, 1));

        files.delete("greeter-0.yaml");
        awaitOnly(names(1), "the remaining pod only, once greeter-0 is removed");

        files.write("greeter-1.yaml", greeterPod(1, "127.0.0.4"));
        awaitOnly(names(2), "the pod's new address only, once greeter-1 moved to 127.0.0.4");
    }

    /**
     * Removing the import fails calls at once (UNAVAILABLE). Restoring it sends the very same listener and
     * cluster again, which grpc-js 1.14 does not take: it keeps a deleted resource cached and drops an update
     * equal to it, so the channel stays failed until it is rebuilt; a new channel then works at once.
     */
    @Test
    void aSidecarEditRemovingTheImportFailsCallsAndAfterRestoringItGrpcJsNeedsANewChannel() {
        awaitCall(GREETER, GrpcJsClient.Result::ok, "a call while backend/* is imported");

        long edited = System.nanoTime();
        files.write("sidecar.yaml", MeshFiles.sidecar("client", "./*"));
        GrpcJsClient.Result failed = awaitCall(GREETER, r -> !r.ok(), "a failing call once backend/* is not imported");
        System.out.println("grpc-js, import removed: " + failed + "; " + (System.nanoTime() - edited) / 1_000_000
                + " ms after the edit");
        assertThat(failed.code()).isEqualTo("UNAVAILABLE");
        String removedVersion = ldsAckedOnceSettled();

        files.write("sidecar.yaml", MeshFiles.sidecar("client", "backend/*"));
        await("the snapshot restoring the import").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> !removedVersion.equals(ldsAckedOnceSettled()));
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        GrpcJsClient.Result stuck;
        do {
            stuck = client.call(GREETER, DEADLINE);
            assertThat(stuck.ok()).as("grpc-js 1.14 ignores the restored listener (equal to its deleted copy); if "
                    + "this call succeeds, that was fixed: update docs/SERVER.md and this test").isFalse();
            sleep(Duration.ofMillis(100));
        } while (System.nanoTime() < until);
        System.out.println("grpc-js, import restored, same channel, 3 s later: " + stuck);

        client.reset(GREETER);
        GrpcJsClient.Result r = awaitCall(GREETER, GrpcJsClient.Result::ok, "a new channel once the import is back");
        System.out.println("grpc-js, import restored, new channel: " + r);
    }

    @Test
    void invalidConfigWrittenWhileServingLeavesTheClientWorking() {
        awaitCall(GREETER, GrpcJsClient.Result::ok, "a first call");
        files.write("sidecar.yaml", MeshFiles.sidecar("client", "backend")); // a short name: rejected
        await("the config is rejected").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> ServerTestSupport.json(admin().body("/debug/errors")).getFieldsMap().get("rejected")
                        .getBoolValue());
        for (int i = 0; i < 10; i++) {
            GrpcJsClient.Result r = client.call(GREETER, DEADLINE);
            assertThat(r.ok()).as("call %d while the config is invalid: %s", i, r).isTrue();
        }

        files.write("greeter-0.yaml", greeterPod(0, "127.0.0.3")).write("sidecar.yaml",
                MeshFiles.sidecar("client", "backend/*"));
        awaitOnly(names(1), "the fixed config's endpoint");
    }

    @Test
    void theClientReconnectsToAServerRestartedOnTheSamePort() throws Exception {
        awaitCall(GREETER, GrpcJsClient.Result::ok, "a first call");
        ServerTestSupport.assertNoNacks(admin());
        int port = meshscope.xdsPort();
        meshscope.close();

        GrpcJsClient.Result whileDown = client.call(GREETER, DEADLINE);
        System.out.println("grpc-js while meshscope is down: " + whileDown);
        assertThat(whileDown.ok()).as("the cached config keeps serving: %s", whileDown).isTrue();
        files.write("greeter-0.yaml", greeterPod(0, "127.0.0.3"));
        meshscope = new MeshscopeServer(files.config(port));
        meshscope.start();
        long restarted = System.nanoTime();

        await("the client's stream on the restarted server").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> ServerTestSupport.syncOf(admin(), "client") != null);
        System.out.println("grpc-js reconnected " + (System.nanoTime() - restarted) / 1_000_000 + " ms after restart");
        awaitOnly(names(1), "the endpoint the restarted server serves");
    }

    @Test
    void aBootstrapWithoutNodeLocalityIsRefusedByGrpcJs() throws IOException {
        String withoutLocality = ProxylessBootstrap.json(meshscope.xdsPort())
                .replaceFirst(",\\s*\"locality\": \\{}", "");
        assertThat(withoutLocality).doesNotContain("locality");
        GrpcJsClient old = GrpcJsClient.start(runs, "no-locality", withoutLocality);
        others.add(old);
        assertThat(old.bootstrapError()).contains("locality field missing in node element");
        GrpcJsClient.Result r = old.call(GREETER, DEADLINE);
        System.out.println("grpc-js without node.locality: " + r);
        assertThat(r.code()).as("%s", r).isEqualTo("UNAVAILABLE");
        assertThat(r.details()).contains("Cannot read properties of null");
    }

    /**
     * The LDS version the client acked, once its stream serves the newest snapshot and it has acked every type
     * (so a push still in flight is not mistaken for the state after it).
     */
    private String ldsAckedOnceSettled() {
        AtomicReference<String> acked = new AtomicReference<>();
        await("the client acked the newest snapshot").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    Struct sync = ServerTestSupport.syncOf(admin(), "client");
                    assertThat(ServerTestSupport.str(sync, "snapshotVersion"))
                            .isEqualTo(Long.toString(meshscope.snapshot().version()));
                    sync.getFieldsMap().get("types").getStructValue().getFieldsMap().forEach((type, v) -> assertThat(
                            ServerTestSupport.str(v.getStructValue(), "acked")).as(type)
                            .isEqualTo(ServerTestSupport.str(v.getStructValue(), "sent")));
                    acked.set(ServerTestSupport.str(ServerTestSupport.type(sync, "lds"), "acked"));
                });
        return acked.get();
    }

    private AdminHttp admin() {
        return new AdminHttp(meshscope.adminPort());
    }

    private GrpcJsClient.Result awaitCall(String target, Predicate<GrpcJsClient.Result> wanted, String what) {
        AtomicReference<GrpcJsClient.Result> last = new AtomicReference<>();
        await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    last.set(client.call(target, DEADLINE));
                    assertThat(wanted.test(last.get())).as("%s; last: %s; client log:%n%s", what, last.get(),
                            client.log()).isTrue();
                });
        return last.get();
    }

    /** Waits until calls have reached every one of {@code names}. */
    private void awaitAllReached(List<String> names) {
        List<String> seen = new ArrayList<>();
        await("calls reach " + names).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    GrpcJsClient.Result r = client.call(GREETER, DEADLINE);
                    if (r.ok() && !seen.contains(r.body())) {
                        seen.add(r.body());
                    }
                    assertThat(seen).as("last: %s", r).containsAll(names);
                });
    }

    /** Waits until ten calls in a row reach {@code names} only. */
    private void awaitOnly(List<String> names, String what) {
        await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (int i = 0; i < 10; i++) {
                GrpcJsClient.Result r = client.call(GREETER, DEADLINE);
                assertThat(r.ok() && names.contains(r.body())).as("%s: %s", what, r).isTrue();
            }
        });
    }

    private List<String> names(int... indexes) {
        List<String> out = new ArrayList<>();
        for (int i : indexes) {
            out.add(greeters.get(i).name());
        }
        return out;
    }

    private int port() {
        return greeters.get(0).port();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String greeterPod(int n, String ip) {
        return MeshFiles.pod("backend", "greeter-" + n, "greeter", ip);
    }

    /** Three backends on one free port of 127.0.0.1, 127.0.0.3 and 127.0.0.4 (retrying if one is taken). */
    private void startGreeters() throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            WhoamiBackend first = WhoamiBackend.start("127.0.0.1", 0);
            greeters.add(first);
            try {
                greeters.add(WhoamiBackend.start("127.0.0.3", first.port()));
                greeters.add(WhoamiBackend.start("127.0.0.4", first.port()));
                return;
            } catch (IOException e) {
                if (attempt == 5 || !(e.getCause() instanceof BindException || e instanceof BindException)) {
                    throw e;
                }
                for (WhoamiBackend b : greeters) {
                    b.close();
                }
                greeters.clear();
            }
        }
    }
}
