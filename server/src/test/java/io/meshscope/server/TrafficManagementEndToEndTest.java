package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * VirtualService routing as real proxyless clients carry it out (issue "Traffic management"): a header-matched
 * canary, a weighted split, a per-route timeout, retries and an injected abort, each against grpc-java and grpc-js
 * through meshscope on loopback. Service {@code reviews} has two pods, v1 on 127.0.0.1 and v2 on 127.0.0.3, and a
 * DestinationRule with subsets v1 and v2; each scenario writes its own VirtualService. Every test ends with no
 * NACK from the client ({@link ServerTestSupport#assertNoNacks}).
 */
class TrafficManagementEndToEndTest {
    private static final String HOST = "reviews.backend.svc.cluster.local";
    private static final int PORT = 50051;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final List<WhoamiBackend> backends = new ArrayList<>();
    private MeshscopeServer meshscope;
    private RoutingClient client;

    @AfterEach
    void stop() throws Exception {
        try {
            if (meshscope != null && client != null) {
                ServerTestSupport.assertNoNacks(new AdminHttp(meshscope.adminPort()));
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (meshscope != null) {
                meshscope.close();
            }
            for (WhoamiBackend b : backends) {
                b.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RoutingClient.Kind.class)
    void onlyRequestsCarryingTheCanaryHeaderReachTheCanary(RoutingClient.Kind kind, TestInfo test) throws Exception {
        start(kind, test, WhoamiBackend.Behaviour.ANSWER, WhoamiBackend.Behaviour.ANSWER, """
                  http:
                  - match:
                    - headers:
                        x-canary: {exact: "yes"}
                    route:
                    - destination: {host: reviews, subset: v2}
                  - route:
                    - destination: {host: reviews, subset: v1}
                """);
        awaitOutcome(Map.of(), RoutingClient.Outcome::ok, "a first call through xDS");

        for (int i = 0; i < 20; i++) {
            assertThat(client.call(Map.of(), DEADLINE).backend()).as("call %d without the header", i)
                    .isEqualTo(v1().name());
            assertThat(client.call(Map.of("x-canary", "yes"), DEADLINE).backend()).as("call %d with it", i)
                    .isEqualTo(v2().name());
        }
    }

    @ParameterizedTest
    @EnumSource(RoutingClient.Kind.class)
    void aWeightedSplitSendsCallsToBothSubsetsInAboutTheWrittenProportion(RoutingClient.Kind kind, TestInfo test)
            throws Exception {
        start(kind, test, WhoamiBackend.Behaviour.ANSWER, WhoamiBackend.Behaviour.ANSWER, """
                  http:
                  - route:
                    - destination: {host: reviews, subset: v1}
                      weight: 75
                    - destination: {host: reviews, subset: v2}
                      weight: 25
                """);
        awaitOutcome(Map.of(), RoutingClient.Outcome::ok, "a first call through xDS");
        int v1Before = v1().calls();
        int v2Before = v2().calls();

        for (int i = 0; i < 200; i++) {
            assertThat(client.call(Map.of(), DEADLINE).ok()).isTrue();
        }

        // Binomial(200, 0.75): mean 150, sd 6.1; the bounds are more than 6 sd away, an even split is 8 sd away.
        int toV1 = v1().calls() - v1Before;
        assertThat(toV1 + v2().calls() - v2Before).isEqualTo(200);
        assertThat(toV1).as("calls to v1 of 200").isBetween(112, 188);
    }

    @ParameterizedTest
    @EnumSource(RoutingClient.Kind.class)
    void aRouteTimeoutEndsCallsToASlowBackendWhileAnotherRouteWaits(RoutingClient.Kind kind, TestInfo test)
            throws Exception {
        WhoamiBackend.Behaviour slow = call -> {
            Thread.sleep(2_000);
            return null;
        };
        start(kind, test, slow, WhoamiBackend.Behaviour.ANSWER, """
                  http:
                  - match:
                    - headers:
                        x-patient: {exact: "yes"}
                    route:
                    - destination: {host: reviews, subset: v1}
                  - route:
                    - destination: {host: reviews, subset: v1}
                    timeout: 0.3s
                """);
        awaitOutcome(Map.of("x-patient", "yes"), RoutingClient.Outcome::ok, "a first call through xDS");

        RoutingClient.Outcome cut = client.call(Map.of(), DEADLINE);
        RoutingClient.Outcome waited = client.call(Map.of("x-patient", "yes"), DEADLINE);

        // The client's own deadline is 10 s and the backend answers after 2 s: only the route's 0.3 s ends it. The
        // client also sends that deadline as grpc-timeout, and the grpc-java backend enforces it: when the server's
        // timer fires first, it resets the stream (RST_STREAM CANCEL) and grpc-js reports CANCELLED "Call cancelled"
        // instead of its own DEADLINE_EXCEEDED — two 0.3 s timers racing (about one run in four on a busy machine).
        assertThat(cut.code()).as("%s", cut).isIn(Status.Code.DEADLINE_EXCEEDED.name(), Status.Code.CANCELLED.name());
        assertThat(cut.backend()).as("%s", cut).isNull();
        assertThat(waited.backend()).as("%s", waited).isEqualTo(v1().name());
    }

    @ParameterizedTest
    @EnumSource(RoutingClient.Kind.class)
    void retriesHideABackendThatFailsEveryOtherAttempt(RoutingClient.Kind kind, TestInfo test) throws Exception {
        WhoamiBackend.Behaviour flaky = call -> call % 2 == 1 ? Status.UNAVAILABLE.withDescription("flaky") : null;
        start(kind, test, flaky, WhoamiBackend.Behaviour.ANSWER, """
                  http:
                  - match:
                    - headers:
                        x-no-retry: {exact: "yes"}
                    route:
                    - destination: {host: reviews, subset: v1}
                    retries: {attempts: 0}
                  - route:
                    - destination: {host: reviews, subset: v1}
                    retries: {attempts: 3, retryOn: unavailable}
                """);
        awaitOutcome(Map.of(), RoutingClient.Outcome::ok, "a first call through xDS");

        int before = v1().calls();
        for (int i = 0; i < 6; i++) {
            RoutingClient.Outcome o = client.call(Map.of(), DEADLINE);
            assertThat(o.backend()).as("retried call %d: %s", i, o).isEqualTo(v1().name());
        }
        assertThat(v1().calls() - before).as("attempts for 6 retried calls").isEqualTo(12);

        List<String> unretried = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            unretried.add(client.call(Map.of("x-no-retry", "yes"), DEADLINE).code());
        }
        assertThat(unretried).as("every other call fails without retries").containsExactly(
                "UNAVAILABLE", "OK", "UNAVAILABLE", "OK");
    }

    @ParameterizedTest
    @EnumSource(RoutingClient.Kind.class)
    void anInjectedAbortFailsCallsWithTheWrittenStatusWithoutReachingTheBackend(RoutingClient.Kind kind,
                                                                                 TestInfo test) throws Exception {
        start(kind, test, WhoamiBackend.Behaviour.ANSWER, WhoamiBackend.Behaviour.ANSWER, """
                  http:
                  - match:
                    - headers:
                        x-fault: {exact: "yes"}
                    fault:
                      abort:
                        grpcStatus: ABORTED
                        percentage: {value: 100}
                    route:
                    - destination: {host: reviews, subset: v1}
                  - route:
                    - destination: {host: reviews, subset: v1}
                """);
        awaitOutcome(Map.of(), RoutingClient.Outcome::ok, "a first call through xDS");
        int before = v1().calls() + v2().calls();

        for (int i = 0; i < 5; i++) {
            RoutingClient.Outcome o = client.call(Map.of("x-fault", "yes"), DEADLINE);
            assertThat(o.code()).as("%s", o).isEqualTo(Status.Code.ABORTED.name());
        }
        assertThat(v1().calls() + v2().calls()).as("aborted calls reach no backend").isEqualTo(before);
        assertThat(client.call(Map.of(), DEADLINE).backend()).isEqualTo(v1().name());
    }

    private WhoamiBackend v1() {
        return backends.get(0);
    }

    private WhoamiBackend v2() {
        return backends.get(1);
    }

    /** Backends, the mesh with {@code virtualServiceSpec} (the lines after {@code spec:}'s hosts), server, client. */
    private void start(RoutingClient.Kind kind, TestInfo test, WhoamiBackend.Behaviour v1,
                       WhoamiBackend.Behaviour v2, String virtualServiceSpec) throws Exception {
        startBackends(v1, v2);
        int port = v1().port();
        MeshFiles files = new MeshFiles(tmp);
        files.write("namespaces.yaml", MeshFiles.namespace("client") + MeshFiles.namespace("backend"))
                .write("client.yaml", MeshFiles.pod("client", "client", "client", "127.0.0.2"))
                .write("reviews.yaml", MeshFiles.service("backend", "reviews", "grpc", PORT, port, "10.96.0.20")
                        + versionedPod("reviews-v1", "v1", "127.0.0.1") + versionedPod("reviews-v2", "v2", "127.0.0.3"))
                .write("routing.yaml", """
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: reviews, namespace: backend}
                        spec:
                          host: reviews
                          subsets:
                          - name: v1
                            labels: {version: v1}
                          - name: v2
                            labels: {version: v2}
                        ---
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: reviews, namespace: backend}
                        spec:
                          hosts: [reviews]
                        """ + virtualServiceSpec)
                .write("sidecar.yaml", MeshFiles.sidecar("client", "backend/*"));
        meshscope = new MeshscopeServer(files.config());
        meshscope.start();
        Path runs = NodeRuntime.runDirectory("routing-" + test.getTestMethod().orElseThrow().getName() + "-" + kind);
        client = kind.start(meshscope.xdsPort(), HOST + ":" + PORT, runs);
    }

    private static String versionedPod(String name, String version, String ip) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: backend
                  labels: {app: reviews, version: %s}
                spec:
                  containers:
                    - name: main
                      image: example/reviews:1
                status:
                  podIP: %s
                  podIPs:
                    - ip: %s
                ---
                """.formatted(name, version, ip, ip);
    }

    /** v1 on 127.0.0.1 and v2 on 127.0.0.3, one free port for both (retrying if the second address has it taken). */
    private void startBackends(WhoamiBackend.Behaviour v1, WhoamiBackend.Behaviour v2) throws IOException {
        for (int attempt = 0; ; attempt++) {
            WhoamiBackend first = WhoamiBackend.start("127.0.0.1", 0, v1);
            try {
                WhoamiBackend second = WhoamiBackend.start("127.0.0.3", first.port(), v2);
                backends.add(first);
                backends.add(second);
                return;
            } catch (IOException e) {
                closeQuietly(first);
                if (attempt == 5 || !(e.getCause() instanceof BindException || e instanceof BindException)) {
                    throw e;
                }
            }
        }
    }

    private static void closeQuietly(WhoamiBackend b) {
        try {
            b.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Calls until one has {@code wanted} (the client fetches its config on the first call). */
    private RoutingClient.Outcome awaitOutcome(Map<String, String> headers, Predicate<RoutingClient.Outcome> wanted,
                                               String what) {
        AtomicReference<RoutingClient.Outcome> last = new AtomicReference<>();
        await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(client.call(headers, DEADLINE));
            assertThat(wanted.test(last.get())).as("%s; last: %s", what, last.get()).isTrue();
        });
        return last.get();
    }
}
