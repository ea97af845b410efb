package io.meshscope.server;

import static io.meshscope.server.ScopedMesh.ALPHA_CLUSTER;
import static io.meshscope.server.ScopedMesh.BETA_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Incremental (delta) ADS against a real server on loopback, with a raw client. */
class DeltaAdsTest extends ScopedMeshServerTest {
    private AdsClient<DeltaDiscoveryRequest, DeltaDiscoveryResponse> connect() {
        return track(AdsClient.delta(server.xdsPort()));
    }

    static DeltaDiscoveryRequest subscribe(Node node, XdsType type, String... names) {
        return DeltaDiscoveryRequest.newBuilder().setNode(node).setTypeUrl(type.typeUrl())
                .addAllResourceNamesSubscribe(Arrays.asList(names)).build();
    }

    static DeltaDiscoveryRequest ack(Node node, DeltaDiscoveryResponse resp) {
        return DeltaDiscoveryRequest.newBuilder().setNode(node).setTypeUrl(resp.getTypeUrl())
                .setResponseNonce(resp.getNonce()).build();
    }

    static DeltaDiscoveryResponse nextOf(AdsClient<DeltaDiscoveryRequest, DeltaDiscoveryResponse> c, XdsType type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            DeltaDiscoveryResponse r = c.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r.getTypeUrl().equals(type.typeUrl())) {
                return r;
            }
        }
    }

    static List<String> names(DeltaDiscoveryResponse r) {
        return r.getResourcesList().stream().map(Resource::getName).toList();
    }

    static Map<String, String> versions(DeltaDiscoveryResponse r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.getResourcesList().forEach(res -> out.put(res.getName(), res.getVersion()));
        return out;
    }

    @Test
    void wildcardClusterAndListenerSubscriptionsReceiveTheWholeScope() {
        var a = connect();
        DeltaDiscoveryResponse cds = a.send(subscribe(A0, XdsType.CLUSTER)).next();
        assertThat(cds.getTypeUrl()).isEqualTo(XdsType.CLUSTER.typeUrl());
        assertThat(names(cds)).contains(ALPHA_CLUSTER, "BlackHoleCluster").doesNotContain(BETA_CLUSTER);
        assertThat(cds.getResourcesList()).allSatisfy(r -> {
            assertThat(r.getVersion()).isNotEmpty();
            assertThat(r.getResource().getTypeUrl()).isEqualTo(XdsType.CLUSTER.typeUrl());
        });
        assertThat(cds.getRemovedResourcesList()).isEmpty();

        // An explicit "*" is a wildcard subscription too.
        DeltaDiscoveryResponse lds = a.send(subscribe(A0, XdsType.LISTENER, "*")).next();
        assertThat(names(lds)).contains("0.0.0.0_80", "virtualOutbound", "virtualInbound");

        a.send(ack(A0, cds)).send(ack(A0, lds)).expectNothingFor(Duration.ofMillis(500));
    }

    @Test
    void namedEndpointAndRouteSubscriptionsReceiveExactlyTheNamedResources() throws Exception {
        var a = connect();
        DeltaDiscoveryResponse eds = a.send(subscribe(A0, XdsType.ENDPOINT, ALPHA_CLUSTER)).next();
        assertThat(names(eds)).containsExactly(ALPHA_CLUSTER);
        ClusterLoadAssignment cla = eds.getResources(0).getResource().unpack(ClusterLoadAssignment.class);
        assertThat(cla.getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress().getAddress())
                .isEqualTo("10.1.0.1");

        DeltaDiscoveryResponse rds = a.send(subscribe(A0, XdsType.ROUTE, "80")).next();
        assertThat(names(rds)).containsExactly("80");

        // Subscribing to one more name sends only that one (b's cluster is not in a's scope: absent).
        DeltaDiscoveryResponse more = a.send(ack(A0, eds)).send(subscribe(A0, XdsType.ENDPOINT, BETA_CLUSTER)
                .toBuilder().setResponseNonce(eds.getNonce()).build()).next();
        assertThat(more.getResourcesList()).isEmpty();
        assertThat(more.getRemovedResourcesList()).containsExactly(BETA_CLUSTER);
    }

    @Test
    void namedSubscriptionToNonexistentResourceIsAnsweredAsRemoved() {
        var a = connect();
        String missing = "outbound|80||missing.nowhere.svc.cluster.local";
        DeltaDiscoveryResponse eds = a.send(subscribe(A0, XdsType.ENDPOINT, missing)).next();
        assertThat(eds.getResourcesList()).isEmpty();
        assertThat(eds.getRemovedResourcesList()).containsExactly(missing);

        DeltaDiscoveryResponse lds = a.send(subscribe(A0, XdsType.LISTENER, "missing.nowhere.svc.cluster.local:80"))
                .next();
        assertThat(lds.getRemovedResourcesList()).containsExactly("missing.nowhere.svc.cluster.local:80");

        // Absence is said once: an unrelated change does not repeat it.
        a.send(ack(A0, eds)).send(ack(A0, lds));
        files.write("alpha.yaml", ScopedMesh.alpha("10.1.0.7"));
        a.expectNothingFor(QUIET);
    }

    @Test
    void deletedClusterIsSentAsRemovedResource() {
        var a = connect();
        DeltaDiscoveryResponse cds = a.send(subscribe(A0, XdsType.CLUSTER)).next();
        DeltaDiscoveryResponse eds = a.send(subscribe(A0, XdsType.ENDPOINT, ALPHA_CLUSTER)).next();
        a.send(ack(A0, cds)).send(ack(A0, eds));
        assertThat(names(cds)).contains(ALPHA_CLUSTER);

        files.delete("alpha.yaml");

        DeltaDiscoveryResponse cds2 = nextOf(a, XdsType.CLUSTER);
        assertThat(cds2.getRemovedResourcesList()).containsExactly(ALPHA_CLUSTER);
        assertThat(cds2.getResourcesList()).as("unchanged clusters are not re-sent").isEmpty();
        DeltaDiscoveryResponse eds2 = nextOf(a, XdsType.ENDPOINT);
        assertThat(eds2.getRemovedResourcesList()).containsExactly(ALPHA_CLUSTER);
        a.send(ack(A0, cds2)).send(ack(A0, eds2));

        // A later change that concerns the proxy does not repeat the removal of the still-subscribed name.
        files.write("gamma.yaml", MeshFiles.service("shared", "gamma", "http", 80, 8080, "10.96.1.3"));
        DeltaDiscoveryResponse gamma = a.next();
        assertThat(gamma.getTypeUrl()).isEqualTo(XdsType.CLUSTER.typeUrl());
        assertThat(names(gamma)).containsExactly("outbound|80||gamma.shared.svc.cluster.local");
        a.send(ack(A0, gamma)).expectNothingFor(Duration.ofMillis(500));

        // Restored: sent again, once.
        files.write("alpha.yaml", ScopedMesh.alpha("10.1.0.1"));
        DeltaDiscoveryResponse cds3 = nextOf(a, XdsType.CLUSTER);
        assertThat(names(cds3)).containsExactly(ALPHA_CLUSTER);
        assertThat(cds3.getRemovedResourcesList()).isEmpty();
    }

    @Test
    void clusterIsRemovedWhenTheSidecarStopsImportingIt() {
        var a = connect();
        a.send(ack(A0, a.send(subscribe(A0, XdsType.CLUSTER)).next()));

        files.write("sidecar-a.yaml", MeshFiles.sidecar("a", "./*"));
        DeltaDiscoveryResponse removed = nextOf(a, XdsType.CLUSTER);
        assertThat(removed.getRemovedResourcesList()).containsExactly(ALPHA_CLUSTER);
    }

    @Test
    void nackIsRecordedWithItsErrorAndNotAnsweredByAResend() {
        var a = connect();
        DeltaDiscoveryResponse cds = a.send(subscribe(A0, XdsType.CLUSTER)).next();
        String error = "cluster " + ALPHA_CLUSTER + ": unsupported lb_policy";
        a.send(ack(A0, cds).toBuilder().setErrorDetail(Status.newBuilder().setCode(3).setMessage(error)).build());

        a.expectNothingFor(QUIET);

        Struct cdsSync = ServerTestSupport.type(ServerTestSupport.syncOf(admin, "a-0"), "cds");
        assertThat(ServerTestSupport.str(cdsSync, "nacked")).isEqualTo(cds.getSystemVersionInfo());
        assertThat(ServerTestSupport.str(cdsSync, "nackError")).isEqualTo(error);
        assertThat(ServerTestSupport.str(cdsSync, "nacks")).isEqualTo("1");
        assertThat(ServerTestSupport.str(cdsSync, "responses")).isEqualTo("1");
        assertThat(ServerTestSupport.metric(admin, "pilot_total_xds_rejects_total{type=\"cds\"}")).isEqualTo(1.0);
    }

    @Test
    void reconnectWithStaleVersionsAndNonceGetsEveryStaleResource() {
        DeltaDiscoveryResponse old;
        try (var first = AdsClient.delta(server.xdsPort())) {
            old = first.send(subscribe(A0, XdsType.CLUSTER)).next();
            first.send(ack(A0, old));
        }
        files.write("alpha.yaml", ScopedMesh.alpha("10.1.0.1").replace("port: 80", "port: 81"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.snapshot().version() == 2);

        // The reconnecting client declares what it has: one stale cluster, one that is gone, one made-up version.
        Map<String, String> had = new LinkedHashMap<>(versions(old));
        had.put("BlackHoleCluster", "stale");
        var again = connect();
        DeltaDiscoveryResponse full = again.send(subscribe(A0, XdsType.CLUSTER).toBuilder()
                .setResponseNonce(old.getNonce()).putAllInitialResourceVersions(had).build()).next();
        assertThat(names(full)).contains("outbound|81||" + ScopedMesh.ALPHA, "BlackHoleCluster")
                .as("clusters the client declared at their current version are not re-sent")
                .doesNotContain("PassthroughCluster", "InboundPassthroughCluster");
        assertThat(full.getRemovedResourcesList()).containsExactly(ALPHA_CLUSTER);
    }

    @Test
    void proxiesSharingAScopeReceiveByteIdenticalResources() {
        var a0 = connect();
        var a1 = connect();
        for (XdsType type : XdsType.values()) {
            String[] names = switch (type) {
                case CLUSTER, LISTENER -> new String[0];
                case ENDPOINT -> new String[] {ALPHA_CLUSTER};
                case ROUTE -> new String[] {"80"};
            };
            DeltaDiscoveryResponse r0 = a0.send(subscribe(A0, type, names)).next();
            DeltaDiscoveryResponse r1 = a1.send(subscribe(A1, type, names)).next();
            assertThat(r0.getResourcesCount()).as(type.name()).isPositive();
            assertThat(r1.getResourcesList()).as(type.name()).isEqualTo(r0.getResourcesList());
            assertThat(r1.getResourcesList().stream().map(r -> r.getResource().toByteString()).toList())
                    .isEqualTo(r0.getResourcesList().stream().map(r -> r.getResource().toByteString()).toList());
        }
    }

    @Test
    void endpointSliceMoveSendsOnlyTheChangedAssignment() {
        files.write("beta-slice.yaml", MeshFiles.endpointSlice("other", "beta", "http", 8080, "10.2.0.50"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.snapshot().version() == 2);
        var b = connect();
        DeltaDiscoveryResponse eds = b.send(subscribe(B0, XdsType.ENDPOINT, ALPHA_CLUSTER, BETA_CLUSTER)).next();
        assertThat(names(eds)).containsExactlyInAnyOrder(ALPHA_CLUSTER, BETA_CLUSTER);
        b.send(ack(B0, eds));

        files.write("beta-slice.yaml", MeshFiles.endpointSlice("other", "beta", "http", 8080, "10.2.0.51"));
        DeltaDiscoveryResponse moved = nextOf(b, XdsType.ENDPOINT);
        assertThat(names(moved)).containsExactly(BETA_CLUSTER);
        assertThat(moved.getRemovedResourcesList()).isEmpty();
        assertThat(moved.toString()).contains("10.2.0.51");
        assertThat(versions(moved).get(BETA_CLUSTER)).isNotEqualTo(versions(eds).get(BETA_CLUSTER));
        b.send(ack(B0, moved)).expectNothingFor(QUIET);
    }

    @Test
    void changeOutsideAProxysScopeDoesNotPushIt() {
        var a = connect();
        var b = connect();
        a.send(ack(A0, a.send(subscribe(A0, XdsType.CLUSTER)).next()));
        a.send(ack(A0, a.send(subscribe(A0, XdsType.ENDPOINT, ALPHA_CLUSTER)).next()));
        a.send(ack(A0, a.send(subscribe(A0, XdsType.LISTENER)).next()));
        b.send(ack(B0, b.send(subscribe(B0, XdsType.CLUSTER)).next()));
        b.send(ack(B0, b.send(subscribe(B0, XdsType.ENDPOINT, BETA_CLUSTER)).next()));

        files.write("beta.yaml", ScopedMesh.beta("10.2.0.9"));

        DeltaDiscoveryResponse moved = nextOf(b, XdsType.ENDPOINT);
        assertThat(names(moved)).containsExactly(BETA_CLUSTER);
        assertThat(moved.toString()).contains("10.2.0.9");
        a.expectNothingFor(QUIET);
        // Only the type that changed for b was pushed: its clusters, listeners and routes did not change.
        b.expectNothingFor(Duration.ofMillis(100));
    }
}
