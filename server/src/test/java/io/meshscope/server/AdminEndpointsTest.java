package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.meshscope.decode.ManifestReader;
import io.meshscope.server.admin.AdminServer;
import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.server.xds.ConnectionRegistry;
import io.meshscope.xds.XdsType;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin HTTP endpoints of a running server with one connected proxy. */
class AdminEndpointsTest {
    private static final Node A0 = AdsClient.sidecarNode("10.0.0.1", "a-0", "a");

    @TempDir
    java.nio.file.Path tmp;

    private MeshscopeServer server;
    private AdminHttp admin;
    private AdsClient<DiscoveryRequest, DiscoveryResponse> proxy;

    @BeforeEach
    void start() throws Exception {
        server = new MeshscopeServer(ScopedMesh.write(new MeshFiles(tmp)).config());
        server.start();
        admin = new AdminHttp(server.adminPort());
        proxy = AdsClient.sotw(server.xdsPort());
        proxy.send(SotwAdsTest.ack(A0, proxy.send(SotwAdsTest.request(A0, XdsType.CLUSTER)).next()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void everyListedEndpointAnswers() {
        AdminHttp.Reply list = admin.get("/debug/list");
        assertThat(list.status()).isEqualTo(200);
        List<String> paths = new ArrayList<>();
        for (String line : list.body().split("\n")) {
            if (!line.isBlank()) {
                paths.add(line.trim().split("\\s+")[0]);
            }
        }
        assertThat(paths).containsExactlyInAnyOrder("/healthz", "/ready", "/metrics", "/debug/syncz",
                "/debug/config_dump", "/debug/sidecarz", "/debug/push_status", "/debug/errors", "/debug/list");
        for (String path : paths) {
            String query = path.equals("/debug/config_dump") || path.equals("/debug/sidecarz")
                    ? "?proxyID=" + q(A0.getId()) : "";
            AdminHttp.Reply r = admin.get(path + query);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isNotBlank();
        }
    }

    @Test
    void healthReadinessAndMetricsDescribeTheRunningServer() {
        assertThat(admin.get("/healthz").body()).isEqualTo("ok\n");
        assertThat(admin.get("/ready").body()).isEqualTo("ready\n");
        AdminHttp.Reply metrics = admin.get("/metrics");
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(ServerTestSupport.metric(admin, "pilot_xds")).isEqualTo(1.0);
        assertThat(ServerTestSupport.metric(admin, "meshscope_snapshot_version")).isEqualTo(1.0);
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isZero();
        assertThat(ServerTestSupport.metric(admin, "pilot_xds_pushes_total{type=\"cds\"}")).isEqualTo(1.0);
        assertThat(metrics.body()).contains("pilot_xds_push_time", "pilot_proxy_convergence_time",
                "meshscope_config_reloads");
    }

    @Test
    void debugViewsDescribeTheConnectedProxy() {
        Struct sync = ServerTestSupport.syncOf(admin, "a-0");
        assertThat(sync).isNotNull();
        assertThat(ServerTestSupport.str(sync, "namespace")).isEqualTo("a");
        assertThat(ServerTestSupport.str(sync, "workload")).isEqualTo("Pod a/a-0");
        assertThat(ServerTestSupport.str(sync, "scope")).isEqualTo("a/default");
        assertThat(ServerTestSupport.str(sync, "protocol")).isEqualTo("sotw");
        // The ACK sent in start() is processed asynchronously.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            Struct cds = ServerTestSupport.type(ServerTestSupport.syncOf(admin, "a-0"), "cds");
            assertThat(ServerTestSupport.str(cds, "acked")).isNotNull().isEqualTo(ServerTestSupport.str(cds, "sent"));
        });

        AdminHttp.Reply dump = admin.get("/debug/config_dump?proxyID=" + q("a-0.a"));
        assertThat(dump.status()).isEqualTo(200);
        assertThat(dump.contentType()).startsWith("application/json");
        assertThat(dump.body()).contains(ScopedMesh.ALPHA_CLUSTER).doesNotContain(ScopedMesh.BETA_CLUSTER);

        AdminHttp.Reply sidecarz = admin.get("/debug/sidecarz?proxyID=" + q(A0.getId()));
        assertThat(sidecarz.status()).isEqualTo(200);
        assertThat(sidecarz.body()).contains("default", ScopedMesh.ALPHA).doesNotContain(ScopedMesh.BETA);

        Struct push = ServerTestSupport.json(admin.body("/debug/push_status"));
        assertThat(push.getFieldsMap().get("snapshotVersion").getNumberValue()).isEqualTo(1.0);
        assertThat(push.getFieldsMap().get("connectedProxies").getNumberValue()).isEqualTo(1.0);
        assertThat(push.getFieldsMap().get("configInvalid").getBoolValue()).isFalse();

        Struct errors = ServerTestSupport.json(admin.body("/debug/errors"));
        assertThat(errors.getFieldsMap().get("rejected").getBoolValue()).isFalse();
        assertThat(errors.getFieldsMap().get("errors").getListValue().getValuesList()).isEmpty();
    }

    @Test
    void proxyViewsExplainAMissingOrUnknownProxy() {
        AdminHttp.Reply missing = admin.get("/debug/config_dump");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("proxyID");
        AdminHttp.Reply unknown = admin.get("/debug/sidecarz?proxyID=nobody");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("nobody", "/debug/syncz");
        assertThat(admin.get("/no/such/endpoint").status()).isEqualTo(404);
    }

    @Test
    void readyOnlyOnceTheFirstSnapshotExistsAndTheXdsPortAcceptsConnections() throws Exception {
        SnapshotStore store = new SnapshotStore(Clock.systemUTC());
        ServerMetrics metrics = new ServerMetrics();
        AtomicBoolean xdsAccepting = new AtomicBoolean();
        AdminServer standalone = new AdminServer(new InetSocketAddress("127.0.0.1", 0), store,
                new ConnectionRegistry(), metrics, xdsAccepting::get, true);
        standalone.start();
        try {
            AdminHttp http = new AdminHttp(standalone.port());
            assertThat(http.get("/healthz").status()).isEqualTo(200);
            assertThat(http.get("/ready").status()).isEqualTo(503);
            assertThat(http.get("/debug/push_status").status()).isEqualTo(200);

            assertThat(store.offer(new ManifestReader().readString("mesh.yaml",
                    MeshFiles.namespace("a") + MeshFiles.pod("a", "a-0", "a", "10.0.0.1"), Optional.empty())))
                    .isEmpty();
            AdminHttp.Reply notYet = http.get("/ready");
            assertThat(notYet.status()).as("a snapshot but no xDS listener").isEqualTo(503);
            assertThat(notYet.body()).isEqualTo("xDS port not accepting connections\n");

            xdsAccepting.set(true);
            assertThat(http.get("/ready").status()).isEqualTo(200);

            xdsAccepting.set(false);
            assertThat(http.get("/ready").status()).as("shutting down").isEqualTo(503);
        } finally {
            standalone.close();
        }
    }
}
