package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.meshscope.xds.XdsType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus (testdata/bad-input, issue 13) dropped into serve's watched folder one file after another,
 * with a proxy of the workload those files are about connected: a rejected file never changes or breaks the
 * proxy's config, {@code /debug/errors} names it, and when the file is fixed the fix is pushed.
 *
 * <p>Runs a sample by default, to keep CI short (about a third of a second a file): every {@code reject} input
 * outside {@code types/} whose rejection is not pending on other work (about 180), and every eighth such input of
 * {@code types/} (about 70 of 550; every kind appears); {@code -Dmeshscope.corpusServe=all} runs them all.
 */
class BadInputWatchTest {
    private static final Node WEB = AdsClient.sidecarNode("10.0.0.9", "web-0", "shop");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private MeshscopeServer server;
    private AdsClient<DiscoveryRequest, DiscoveryResponse> proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The corpus' good mesh, plus the Pod of shop/web whose proxy connects (the corpus' objects are about it). */
    private static String goodMesh() throws IOException {
        return Files.readString(corpus().resolve("base/mesh.yaml")) + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web-0, namespace: shop, labels: {app: web}}
                spec: {containers: [{name: web, image: "web:1", ports: [{containerPort: 8080}]}]}
                status: {podIP: 10.0.0.9, podIPs: [{ip: 10.0.0.9}]}
                """;
    }

    @Test
    void rejectedCorpusFilesNeverDisturbAConnectedProxyAndAreNamedUntilFixed() throws Exception {
        MeshFiles files = new MeshFiles(tmp);
        files.write("mesh.yaml", goodMesh());
        server = new MeshscopeServer(files.config());
        server.start();
        AdminHttp admin = new AdminHttp(server.adminPort());
        proxy = AdsClient.sotw(server.xdsPort());
        Map<String, Map<String, Any>> served = new HashMap<>();
        for (XdsType type : new XdsType[] {XdsType.CLUSTER, XdsType.LISTENER}) {
            DiscoveryResponse r = nextOf(proxy.send(SotwAdsTest.request(WEB, type)), type);
            proxy.send(SotwAdsTest.ack(WEB, r));
            served.put(r.getTypeUrl(), resources(r));
        }
        assertThat(SotwAdsTest.names(responseOf(served, XdsType.CLUSTER)))
                .contains("outbound|9090||api.pay.svc.cluster.local");

        List<String> sample = sample();
        assertThat(sample).hasSizeGreaterThan(100);
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (String input : sample) {
            String name = String.format("%03d-", n++) + input.replace('/', '-');
            drop(files, input, name);
            try {
                await(input + " is rejected and named by /debug/errors").atMost(WAIT)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> rejected(admin) && admin.body("/debug/errors").contains(name));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                problems.add(input + ": not reported in /debug/errors: " + admin.body("/debug/errors"));
            }
            files.delete(name);
            await("the removal of " + input + " clears the rejection").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(20)).until(() -> !rejected(admin));
            problems.addAll(unchanged(served, input));
        }
        assertThat(problems).isEmpty();
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isZero();

        // The fix is picked up: a bad change to shop/web (port 0), then the same file fixed (port 81).
        String service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
                + "spec: {selector: {app: web}, ports: [{name: http, port: %d, targetPort: 8080}]}\n";
        files.write("web-service.yaml", service.formatted(0));
        await("port 0 rejected").atMost(WAIT).until(() -> rejected(admin)
                && admin.body("/debug/errors").contains("web-service.yaml"));
        assertThat(unchanged(served, "web-service.yaml with port 0")).isEmpty();
        files.write("web-service.yaml", service.formatted(81));
        DiscoveryResponse pushed = nextOf(proxy, XdsType.CLUSTER);
        assertThat(SotwAdsTest.names(pushed)).contains("outbound|81||web.shop.svc.cluster.local")
                .doesNotContain("outbound|80||web.shop.svc.cluster.local");
        proxy.send(SotwAdsTest.ack(WEB, pushed));
        await("the rejection is cleared").atMost(WAIT).until(() -> !rejected(admin));
        DiscoveryResponse more;
        while ((more = poll(Duration.ofMillis(500))) != null) { // the listeners of port 81 follow the clusters
            proxy.send(SotwAdsTest.ack(WEB, more));
        }
        ServerTestSupport.assertNoNacks(admin);
    }

    /** Responses that arrived since the last look: each must carry exactly the resources first served. */
    private List<String> unchanged(Map<String, Map<String, Any>> served, String input) {
        List<String> problems = new ArrayList<>();
        DiscoveryResponse r;
        while ((r = poll()) != null) {
            if (!resources(r).equals(served.get(r.getTypeUrl()))) {
                problems.add(input + ": the proxy's " + SotwAdsTest.typeOf(r) + " changed: " + SotwAdsTest.names(r));
            }
            proxy.send(SotwAdsTest.ack(WEB, r));
        }
        return problems;
    }

    private DiscoveryResponse poll() {
        return poll(Duration.ofMillis(1));
    }

    private DiscoveryResponse poll(Duration within) {
        try {
            return proxy.next(within);
        } catch (AssertionError none) {
            return null;
        }
    }

    /** The next response of {@code type} (others are acked), waiting as long as the file waits: CI may be slow. */
    private DiscoveryResponse nextOf(AdsClient<DiscoveryRequest, DiscoveryResponse> c, XdsType type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            DiscoveryResponse r = c.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r.getTypeUrl().equals(type.typeUrl())) {
                return r;
            }
            c.send(SotwAdsTest.ack(WEB, r));
        }
    }

    private static DiscoveryResponse responseOf(Map<String, Map<String, Any>> served, XdsType type) {
        return DiscoveryResponse.newBuilder().setTypeUrl(type.typeUrl()).addAllResources(
                served.get(type.typeUrl()).values()).build();
    }

    private static Map<String, Any> resources(DiscoveryResponse r) {
        Map<String, Any> out = new HashMap<>();
        List<String> names = SotwAdsTest.names(r);
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), r.getResources(i));
        }
        return out;
    }

    private static boolean rejected(AdminHttp admin) {
        return ServerTestSupport.json(admin.body("/debug/errors")).getFieldsMap().get("rejected").getBoolValue();
    }

    /** Copies a corpus input's bytes in atomically (a watcher never sees half a file). */
    private void drop(MeshFiles files, String input, String name) throws IOException {
        Path staged = Files.createTempFile(tmp, "drop-", ".tmp");
        Files.copy(corpus().resolve("inputs").resolve(input), staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, files.file(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The rejected inputs this test drops (class javadoc). */
    private static List<String> sample() throws IOException {
        Set<String> pending = new HashSet<>();
        Path pendingFile = corpus().resolve("pending-rejects.txt");
        if (Files.exists(pendingFile)) {
            for (String line : Files.readAllLines(pendingFile)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    pending.add(line.strip().split("\\s+")[0]);
                }
            }
        }
        boolean all = "all".equals(System.getProperty("meshscope.corpusServe"));
        List<String> out = new ArrayList<>();
        int types = 0;
        for (String line : Files.readAllLines(corpus().resolve("index.tsv"))) {
            String[] f = line.split("\t");
            if (line.startsWith("#") || f.length < 2 || !f[1].equals("reject") || pending.contains(f[0])) {
                continue;
            }
            if (all || !f[0].startsWith("types/") || types++ % 8 == 0) {
                out.add(f[0]);
            }
        }
        return out;
    }

    private static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata").resolve("bad-input");
            if (Files.isRegularFile(candidate.resolve("index.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no testdata/bad-input above " + Path.of("").toAbsolutePath());
    }
}
