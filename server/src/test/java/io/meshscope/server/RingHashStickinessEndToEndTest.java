package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.NameResolverRegistry;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.xds.XdsNameResolverProvider;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ring-hash stickiness with both real proxyless clients: a DestinationRule's {@code consistentHash} on the
 * {@code x-user} header becomes a RING_HASH cluster and the route's header {@code hash_policy} (istiod's grpcgen
 * sends both), so grpc-java and grpc-js send every call of one user to one of three backends, while different users
 * spread over more than one. Without the hash the same calls go round robin. No response may be NACKed.
 */
class RingHashStickinessEndToEndTest {
    private static final String HOST = "greeter.backend.svc.cluster.local:50051";
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final int USERS = 20;
    private static final int CALLS_PER_USER = 4;
    private static final String DESTINATION_RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: greeter, namespace: backend}
            spec:
              host: greeter.backend.svc.cluster.local
              trafficPolicy:
                loadBalancer:
                  consistentHash: {httpHeaderName: x-user, ringHash: {minimumRingSize: 1024}}
            """;

    @TempDir
    Path tmp;

    private final List<WhoamiBackend> greeters = new ArrayList<>();
    private MeshscopeServer meshscope;

    @BeforeEach
    void start() throws Exception {
        startGreeters();
        MeshFiles files = new MeshFiles(tmp);
        files.write("namespaces.yaml", MeshFiles.namespace("client") + MeshFiles.namespace("backend"))
                .write("client.yaml", MeshFiles.pod("client", "client", "client", "127.0.0.2"))
                .write("greeter.yaml", MeshFiles.service("backend", "greeter", "grpc", 50051, greeters.get(0).port(),
                        "10.96.0.10") + MeshFiles.pod("backend", "greeter-0", "greeter", "127.0.0.1")
                        + MeshFiles.pod("backend", "greeter-1", "greeter", "127.0.0.3")
                        + MeshFiles.pod("backend", "greeter-2", "greeter", "127.0.0.4"))
                .write("dr.yaml", DESTINATION_RULE)
                .write("sidecar.yaml", MeshFiles.sidecar("client", "backend/*"));
        meshscope = new MeshscopeServer(files.config());
        meshscope.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (meshscope != null) {
                ServerTestSupport.assertNoNacks(new AdminHttp(meshscope.adminPort()));
            }
        } finally {
            if (meshscope != null) {
                meshscope.close();
            }
            for (WhoamiBackend b : greeters) {
                b.close();
            }
        }
    }

    @Test
    void grpcJavaSendsEveryCallOfAUserToOneBackend() throws Exception {
        String scheme = "meshscope-ringhash-" + Long.toHexString(System.nanoTime());
        XdsNameResolverProvider resolver = XdsNameResolverProvider.createForTest(scheme,
                ProxylessBootstrap.map(meshscope.xdsPort()));
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        ManagedChannel channel = Grpc.newChannelBuilder(scheme + ":///" + HOST, InsecureChannelCredentials.create())
                .build();
        try {
            assertSticky("grpc-java", user -> javaCall(channel, user));
            assertConfigHasRingHash();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            NameResolverRegistry.getDefaultRegistry().deregister(resolver);
        }
    }

    @Test
    void grpcJsSendsEveryCallOfAUserToOneBackend(TestInfo test) throws Exception {
        NodeRuntime.require();
        Path runs = NodeRuntime.runDirectory(test.getTestMethod().orElseThrow().getName());
        try (GrpcJsClient client = GrpcJsClient.start(runs, "client", ProxylessBootstrap.json(meshscope.xdsPort()))) {
            assertSticky("grpc-js", user -> {
                GrpcJsClient.Result r = client.call("xds:///" + HOST, DEADLINE, Map.of("x-user", user));
                if (!r.ok()) {
                    throw new AssertionError(r + "; client log:\n" + client.log());
                }
                return r.body();
            });
            assertConfigHasRingHash();
        }
    }

    /** Every call of a user reaches one backend; the users together reach more than one. */
    private void assertSticky(String client, Function<String, String> call) {
        await(client + ": a first call through xDS").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> call.apply("warm-up") != null);
        // One round first, so every backend a user hashes to is connected before the counted calls.
        for (int u = 0; u < USERS; u++) {
            call.apply("user-" + u);
        }
        Map<String, Set<String>> reached = new LinkedHashMap<>();
        for (int u = 0; u < USERS; u++) {
            String user = "user-" + u;
            for (int i = 0; i < CALLS_PER_USER; i++) {
                reached.computeIfAbsent(user, k -> new TreeSet<>()).add(call.apply(user));
            }
        }
        System.out.println(client + " backends per user: " + reached);
        reached.forEach((user, backends) -> assertThat(backends).as("%s: backends of %s in %s", client, user, reached)
                .hasSize(1));
        Set<String> all = new TreeSet<>();
        reached.values().forEach(all::addAll);
        assertThat(all).as("%s: users spread over the backends", client).hasSizeGreaterThan(1);
    }

    private void assertConfigHasRingHash() {
        String dump = new AdminHttp(meshscope.adminPort()).body("/debug/config_dump?proxyID=client.client");
        assertThat(dump).contains("RING_HASH").containsPattern("\"header_name\"\\s*:\\s*\"x-user\"");
    }

    private static String javaCall(ManagedChannel channel, String user) {
        Metadata md = new Metadata();
        md.put(Metadata.Key.of("x-user", Metadata.ASCII_STRING_MARSHALLER), user);
        Channel ch = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(md));
        byte[] answer = ClientCalls.blockingUnaryCall(ch, WHOAMI,
                CallOptions.DEFAULT.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS), new byte[0]);
        return new String(answer, StandardCharsets.UTF_8);
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

    private static final MethodDescriptor<byte[], byte[]> WHOAMI = WhoamiBackend.descriptor();
}
