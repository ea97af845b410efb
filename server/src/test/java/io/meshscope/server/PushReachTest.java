package io.meshscope.server;

import static io.meshscope.server.ScopedMesh.ALPHA_CLUSTER;
import static io.meshscope.server.ScopedMesh.BETA_CLUSTER;
import static io.meshscope.server.SotwAdsTest.ack;
import static io.meshscope.server.SotwAdsTest.nextOf;
import static io.meshscope.server.SotwAdsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.meshscope.xds.XdsType;
import org.junit.jupiter.api.Test;

/**
 * A change's cost follows the proxies it reaches: an endpoint update is decided once per proxy identity by the
 * push index, and streams it does not concern are never handed the change — while streams whose own workload
 * moved still are.
 */
class PushReachTest extends ScopedMeshServerTest {
    private AdsClient<DiscoveryRequest, DiscoveryResponse> converged(Node node, String... clusters) {
        var c = track(AdsClient.sotw(server.xdsPort()));
        // Generous: the first responses of a fresh JVM on a loaded two-core machine can take seconds.
        java.time.Duration first = java.time.Duration.ofSeconds(30);
        c.send(ack(node, c.send(request(node, XdsType.CLUSTER)).next(first)));
        c.send(ack(node, c.send(request(node, XdsType.ENDPOINT, clusters)).next(first), clusters));
        c.send(ack(node, c.send(request(node, XdsType.LISTENER)).next(first)));
        return c;
    }

    private double decisions(String field) {
        Struct push = ServerTestSupport.json(admin.body("/debug/push_status"));
        Struct d = push.getFieldsMap().get("proxyDecisions").getStructValue();
        return d.getFieldsMap().containsKey(field) ? d.getFieldsMap().get(field).getNumberValue() : -1;
    }

    @Test
    void endpointChangeIsNotHandedToStreamsWhoseScopeDoesNotDependOnIt() {
        var a0 = converged(A0, ALPHA_CLUSTER);
        var a1 = converged(A1, ALPHA_CLUSTER);
        var b0 = converged(B0, ALPHA_CLUSTER, BETA_CLUSTER);

        // other/beta moves: only b's scope imports other/*.
        files.write("beta.yaml", ScopedMesh.beta("10.2.0.9"));

        assertThat(nextOf(b0, XdsType.ENDPOINT).toString()).contains("10.2.0.9");
        a0.expectNothingFor(QUIET);
        a1.expectNothingFor(java.time.Duration.ofMillis(100));
        // Both proxies of namespace a were ruled out once, by their shared identity, not one by one.
        assertThat(decisions("pushed")).isEqualTo(1.0);
        assertThat(decisions("skippedByIndex")).isEqualTo(2.0);
        assertThat(decisions("skipped")).isEqualTo(2.0);
    }

    @Test
    void streamWhoseOwnPodMovedIsStillHandedTheEndpointUpdate() {
        var a0 = converged(A0, ALPHA_CLUSTER);
        var a1 = converged(A1, ALPHA_CLUSTER);

        // Pod a-0 (A0's own workload) moves to another IP: an endpoint update no scope depends on, but A0's
        // identity moved with it, so its stream (found through the pod its node names) must decide, and does.
        files.write("a.yaml", MeshFiles.pod("a", "a-0", "a", "10.0.0.11") + MeshFiles.pod("a", "a-1", "a", "10.0.0.2"));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> decisions("pushed") == 1.0);
        a1.expectNothingFor(QUIET);
        assertThat(decisions("skippedByIndex")).as("a-1 was ruled out by the index").isEqualTo(1.0);
        assertThat(decisions("skipped")).isEqualTo(1.0);
        assertThat(a0.error()).isNull();
    }
}
