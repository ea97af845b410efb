package io.meshscope.server;

import static io.meshscope.server.ScopedMesh.ALPHA_CLUSTER;
import static io.meshscope.server.ScopedMesh.BETA_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.rpc.Status;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State-of-the-world ADS against a real server on loopback, with a raw client. */
class SotwAdsTest extends ScopedMeshServerTest {
    private AdsClient<DiscoveryRequest, DiscoveryResponse> connect() {
        return track(AdsClient.sotw(server.xdsPort()));
    }

    static DiscoveryRequest request(Node node, XdsType type, String... names) {
        return DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(type.typeUrl())
                .addAllResourceNames(Arrays.asList(names)).build();
    }

    /** The ACK of a response: its version and nonce, the same names. */
    static DiscoveryRequest ack(Node node, DiscoveryResponse resp, String... names) {
        return request(node, typeOf(resp), names).toBuilder().setVersionInfo(resp.getVersionInfo())
                .setResponseNonce(resp.getNonce()).build();
    }

    static XdsType typeOf(DiscoveryResponse resp) {
        return Arrays.stream(XdsType.values()).filter(t -> t.typeUrl().equals(resp.getTypeUrl())).findFirst()
                .orElseThrow();
    }

    /** The next response of {@code type}, skipping (and ACKing nothing of) other types. */
    static DiscoveryResponse nextOf(AdsClient<DiscoveryRequest, DiscoveryResponse> c, XdsType type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            DiscoveryResponse r = c.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r.getTypeUrl().equals(type.typeUrl())) {
                return r;
            }
        }
    }

    static List<String> names(DiscoveryResponse resp) {
        List<String> out = new ArrayList<>();
        for (Any any : resp.getResourcesList()) {
            try {
                out.add(switch (typeOf(resp)) {
                    case CLUSTER -> any.unpack(Cluster.class).getName();
                    case ENDPOINT -> any.unpack(ClusterLoadAssignment.class).getClusterName();
                    case LISTENER -> any.unpack(Listener.class).getName();
                    case ROUTE -> any.unpack(RouteConfiguration.class).getName();
                });
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    @Test
    void wildcardClusterAndListenerSubscriptionsReceiveTheWholeScope() {
        var a = connect();
        DiscoveryResponse cds = a.send(request(A0, XdsType.CLUSTER)).next();
        assertThat(cds.getTypeUrl()).isEqualTo(XdsType.CLUSTER.typeUrl());
        assertThat(names(cds)).contains(ALPHA_CLUSTER, "BlackHoleCluster", "PassthroughCluster")
                .doesNotContain(BETA_CLUSTER);
        assertThat(cds.getVersionInfo()).isNotEmpty();
        assertThat(cds.getNonce()).isNotEmpty();

        DiscoveryResponse lds = a.send(request(A0, XdsType.LISTENER)).next();
        assertThat(names(lds)).contains("0.0.0.0_80", "virtualOutbound", "virtualInbound");
        assertThat(lds.getNonce()).isNotEqualTo(cds.getNonce());

        // ACKs are not answered.
        a.send(ack(A0, cds)).send(ack(A0, lds)).expectNothingFor(Duration.ofMillis(500));

        var b = connect();
        assertThat(names(b.send(request(B0, XdsType.CLUSTER)).next())).contains(ALPHA_CLUSTER, BETA_CLUSTER);
    }

    @Test
    void namedEndpointAndRouteSubscriptionsReceiveExactlyTheNamedResources() throws Exception {
        var a = connect();
        DiscoveryResponse eds = a.send(request(A0, XdsType.ENDPOINT, ALPHA_CLUSTER)).next();
        assertThat(names(eds)).containsExactly(ALPHA_CLUSTER);
        ClusterLoadAssignment cla = eds.getResources(0).unpack(ClusterLoadAssignment.class);
        var address = cla.getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress();
        assertThat(address.getAddress()).isEqualTo("10.1.0.1");
        assertThat(address.getPortValue()).isEqualTo(8080);

        DiscoveryResponse rds = a.send(request(A0, XdsType.ROUTE, "80")).next();
        assertThat(names(rds)).containsExactly("80");

        // Changing the named subscription is answered with exactly the new set.
        DiscoveryResponse none = a.send(ack(A0, eds)).send(ack(A0, eds)).send(
                request(A0, XdsType.ENDPOINT).toBuilder().setResponseNonce(eds.getNonce())
                        .setVersionInfo(eds.getVersionInfo()).build()).next();
        assertThat(names(none)).isEmpty();
    }

    @Test
    void namedSubscriptionToNonexistentResourceIsAnsweredNotIgnored() {
        var a = connect();
        DiscoveryResponse eds = a.send(request(A0, XdsType.ENDPOINT, "outbound|80||missing.nowhere.svc.cluster.local"))
                .next();
        assertThat(eds.getTypeUrl()).isEqualTo(XdsType.ENDPOINT.typeUrl());
        assertThat(eds.getResourcesList()).isEmpty();

        DiscoveryResponse lds = a.send(request(A0, XdsType.LISTENER, "missing.nowhere.svc.cluster.local:80")).next();
        assertThat(lds.getTypeUrl()).isEqualTo(XdsType.LISTENER.typeUrl());
        assertThat(lds.getResourcesList()).isEmpty();
    }

    @Test
    void deletedClusterIsAbsentFromNextSotwResponse() {
        var a = connect();
        DiscoveryResponse cds = a.send(request(A0, XdsType.CLUSTER)).next();
        DiscoveryResponse eds = a.send(request(A0, XdsType.ENDPOINT, ALPHA_CLUSTER)).next();
        a.send(ack(A0, cds)).send(ack(A0, eds, ALPHA_CLUSTER));
        assertThat(names(cds)).contains(ALPHA_CLUSTER);

        files.delete("alpha.yaml");

        DiscoveryResponse cds2 = nextOf(a, XdsType.CLUSTER);
        assertThat(names(cds2)).doesNotContain(ALPHA_CLUSTER).contains("BlackHoleCluster");
        assertThat(cds2.getVersionInfo()).isNotEqualTo(cds.getVersionInfo());
        DiscoveryResponse eds2 = nextOf(a, XdsType.ENDPOINT);
        assertThat(eds2.getResourcesList()).as("the named EDS subscription is told the resource is gone").isEmpty();
    }

    @Test
    void clusterLeavesTheResponseWhenTheSidecarStopsImportingIt() {
        var a = connect();
        DiscoveryResponse cds = a.send(request(A0, XdsType.CLUSTER)).next();
        a.send(ack(A0, cds));
        assertThat(names(cds)).contains(ALPHA_CLUSTER);

        files.write("sidecar-a.yaml", MeshFiles.sidecar("a", "./*"));
        assertThat(names(nextOf(a, XdsType.CLUSTER))).doesNotContain(ALPHA_CLUSTER);

        files.write("sidecar-a.yaml", MeshFiles.sidecar("a", "./*", "shared/*"));
        assertThat(names(nextOf(a, XdsType.CLUSTER))).contains(ALPHA_CLUSTER);
    }

    @Test
    void nackIsRecordedWithItsErrorAndNotAnsweredByAResend() {
        var a = connect();
        DiscoveryResponse cds = a.send(request(A0, XdsType.CLUSTER)).next();
        String error = "cluster " + ALPHA_CLUSTER + ": unsupported lb_policy";
        a.send(request(A0, XdsType.CLUSTER).toBuilder().setResponseNonce(cds.getNonce())
                .setErrorDetail(Status.newBuilder().setCode(3).setMessage(error)).build());

        a.expectNothingFor(QUIET);

        Struct cdsSync = ServerTestSupport.type(ServerTestSupport.syncOf(admin, "a-0"), "cds");
        assertThat(ServerTestSupport.str(cdsSync, "nacked")).isEqualTo(cds.getVersionInfo());
        assertThat(ServerTestSupport.str(cdsSync, "nackError")).isEqualTo(error);
        assertThat(ServerTestSupport.str(cdsSync, "acked")).isNull();
        assertThat(ServerTestSupport.str(cdsSync, "responses")).isEqualTo("1");
        assertThat(ServerTestSupport.metric(admin, "pilot_total_xds_rejects_total{type=\"cds\"}")).isEqualTo(1.0);
        assertThatThrownBy(() -> ServerTestSupport.assertNoNacks(admin)).as("the NACK check of the real-client tests")
                .isInstanceOf(AssertionError.class).hasMessageContaining(error);

        // The next real change of the type is sent, and its ACK clears the NACK.
        files.write("alpha.yaml", ScopedMesh.alpha("10.1.0.1").replace("port: 80", "port: 81"));
        DiscoveryResponse cds2 = nextOf(a, XdsType.CLUSTER);
        assertThat(names(cds2)).contains("outbound|81||" + ScopedMesh.ALPHA);
        a.send(ack(A0, cds2));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Struct s = ServerTestSupport.type(ServerTestSupport.syncOf(admin, "a-0"), "cds");
            assertThat(ServerTestSupport.str(s, "acked")).isEqualTo(cds2.getVersionInfo());
            assertThat(ServerTestSupport.str(s, "nackError")).isNull();
        });
    }

    @Test
    void reconnectWithStaleVersionAndNonceGetsAFullAnswer() {
        DiscoveryResponse old;
        try (var first = AdsClient.sotw(server.xdsPort())) {
            old = first.send(request(A0, XdsType.CLUSTER)).next();
            first.send(ack(A0, old));
        }
        files.write("alpha.yaml", ScopedMesh.alpha("10.1.0.1").replace("port: 80", "port: 81"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> server.snapshot().version() == 2);

        var again = connect();
        DiscoveryResponse full = again.send(request(A0, XdsType.CLUSTER).toBuilder()
                .setVersionInfo(old.getVersionInfo()).setResponseNonce(old.getNonce()).build()).next();
        assertThat(full.getVersionInfo()).isNotEqualTo(old.getVersionInfo());
        assertThat(names(full)).contains("outbound|81||" + ScopedMesh.ALPHA, "BlackHoleCluster",
                "PassthroughCluster", "InboundPassthroughCluster").doesNotContain(ALPHA_CLUSTER);
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
            DiscoveryResponse r0 = a0.send(request(A0, type, names)).next();
            DiscoveryResponse r1 = a1.send(request(A1, type, names)).next();
            assertThat(r0.getResourcesCount()).as(type.name()).isPositive();
            assertThat(r1.getVersionInfo()).as(type.name()).isEqualTo(r0.getVersionInfo());
            assertThat(bytes(r1)).as(type.name()).isEqualTo(bytes(r0));
        }
    }

    private static List<ByteString> bytes(DiscoveryResponse r) {
        return r.getResourcesList().stream().map(Any::toByteString).toList();
    }

    @Test
    void changeOutsideAProxysScopeDoesNotPushIt() {
        var a = connect();
        var b = connect();
        a.send(ack(A0, a.send(request(A0, XdsType.CLUSTER)).next()));
        a.send(ack(A0, a.send(request(A0, XdsType.ENDPOINT, ALPHA_CLUSTER)).next(), ALPHA_CLUSTER));
        a.send(ack(A0, a.send(request(A0, XdsType.LISTENER)).next()));
        b.send(ack(B0, b.send(request(B0, XdsType.CLUSTER)).next()));
        DiscoveryResponse beta = b.send(request(B0, XdsType.ENDPOINT, BETA_CLUSTER)).next();
        b.send(ack(B0, beta, BETA_CLUSTER));

        // other/beta moves to a new pod IP: only its endpoints change, and only b imports other/*.
        files.write("beta.yaml", ScopedMesh.beta("10.2.0.9"));

        DiscoveryResponse moved = nextOf(b, XdsType.ENDPOINT);
        assertThat(moved.toString()).contains("10.2.0.9");
        a.expectNothingFor(QUIET);
        // Only the type that changed for b was pushed: its clusters, listeners and routes did not change.
        b.expectNothingFor(Duration.ofMillis(100));

        // a was not merely sent nothing: the push decision skipped it (its scope does not depend on other/beta).
        Struct push = ServerTestSupport.json(admin.body("/debug/push_status"));
        Struct decisions = push.getFieldsMap().get("proxyDecisions").getStructValue();
        assertThat(decisions.getFieldsMap().get("pushed").getNumberValue()).isEqualTo(1.0);
        assertThat(decisions.getFieldsMap().get("skipped").getNumberValue()).isEqualTo(1.0);
        Struct lastChange = push.getFieldsMap().get("lastChange").getStructValue();
        assertThat(lastChange.getFieldsMap().get("changedKeys").getListValue().getValuesList())
                .extracting(v -> v.getStringValue()).anyMatch(k -> k.contains(ScopedMesh.BETA));
        assertThat(lastChange.getFieldsMap().get("endpointsOnly").getBoolValue())
                .as("a pod moving is an endpoint update").isTrue();
    }

    @Test
    void endpointSliceMoveSendsOnlyTheChangedAssignmentAndNoOtherType() {
        files.write("beta-slice.yaml", MeshFiles.endpointSlice("other", "beta", "http", 8080, "10.2.0.50"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> server.snapshot().version() == 2);
        var b = connect();
        b.send(ack(B0, b.send(request(B0, XdsType.CLUSTER)).next()));
        DiscoveryResponse eds = b.send(request(B0, XdsType.ENDPOINT, ALPHA_CLUSTER, BETA_CLUSTER)).next();
        assertThat(names(eds)).containsExactlyInAnyOrder(ALPHA_CLUSTER, BETA_CLUSTER);
        b.send(ack(B0, eds, ALPHA_CLUSTER, BETA_CLUSTER));
        b.send(ack(B0, b.send(request(B0, XdsType.LISTENER)).next()));

        // Only the slice's address moves: the snapshot keeps everything else, and b is sent beta's assignment
        // alone (EDS responses need not repeat unchanged assignments), with a new version, and no other type.
        files.write("beta-slice.yaml", MeshFiles.endpointSlice("other", "beta", "http", 8080, "10.2.0.51"));
        DiscoveryResponse moved = nextOf(b, XdsType.ENDPOINT);
        assertThat(names(moved)).containsExactly(BETA_CLUSTER);
        assertThat(moved.toString()).contains("10.2.0.51").doesNotContain("10.2.0.50");
        assertThat(moved.getVersionInfo()).isNotEqualTo(eds.getVersionInfo());
        b.send(ack(B0, moved, ALPHA_CLUSTER, BETA_CLUSTER));
        b.expectNothingFor(QUIET);

        // The address moving back restores the first version: versions follow content, not history.
        files.write("beta-slice.yaml", MeshFiles.endpointSlice("other", "beta", "http", 8080, "10.2.0.50"));
        assertThat(nextOf(b, XdsType.ENDPOINT).getVersionInfo()).isEqualTo(eds.getVersionInfo());
    }

    @Test
    void shutdownEndsOpenStreamsWithUnavailable() {
        var a = connect();
        a.send(request(A0, XdsType.CLUSTER)).next();
        server.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.error() != null);
        assertThat(io.grpc.Status.fromThrowable(a.error()).getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
    }

    @Test
    void gatewayProxyGetsTheClustersOfItsScopeAndNoListeners() {
        var gw = connect();
        Node node = Node.newBuilder().setId("router~10.0.0.9~gw-0.istio-system~istio-system.svc.cluster.local").build();
        var cds = gw.send(request(node, XdsType.CLUSTER)).next();
        assertThat(cds.getResourcesList()).isNotEmpty();
        var lds = gw.send(request(node, XdsType.LISTENER)).next();
        assertThat(lds.getResourcesList()).isEmpty();
        assertThat(ServerTestSupport.syncz(admin)).hasSize(1);
    }
}
