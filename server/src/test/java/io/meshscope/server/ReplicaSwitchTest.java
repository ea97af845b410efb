package io.meshscope.server;

import static io.meshscope.server.ScopedMesh.ALPHA_CLUSTER;
import static io.meshscope.server.ScopedMesh.BETA_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} replicas behind one Service: reading the same input they serve byte-identical resources under
 * identical versions (no time, port, start order or randomness in either), so a proxy that reconnects to the other
 * replica — drain, crash, rolling update — is answered with exactly what it holds: nothing new to apply.
 */
class ReplicaSwitchTest {
    private static final Duration FIRST = Duration.ofSeconds(30); // a fresh JVM on a loaded machine can be slow
    private static final XdsType[] ORDER = {XdsType.CLUSTER, XdsType.ENDPOINT, XdsType.LISTENER, XdsType.ROUTE};

    @TempDir
    java.nio.file.Path tmp;
    private MeshscopeServer one;
    private MeshscopeServer two;
    private final List<AdsClient<?, ?>> clients = new ArrayList<>();

    @BeforeEach
    void startReplicas() throws Exception {
        MeshFiles files = ScopedMesh.write(new MeshFiles(tmp));
        // Different histories: replica two starts later and has served another proxy before the switch.
        one = new MeshscopeServer(files.config());
        one.start();
        two = new MeshscopeServer(files.config());
        two.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(AdsClient::close);
        one.close();
        two.close();
    }

    private String[] names(XdsType type) {
        return switch (type) {
            case ENDPOINT -> new String[] {ALPHA_CLUSTER, BETA_CLUSTER};
            case ROUTE -> new String[] {"80"};
            default -> new String[0];
        };
    }

    /** What a SotW client holds per type after converging on {@code server}: the last response of each type. */
    private Map<XdsType, DiscoveryResponse> converge(MeshscopeServer server, Map<XdsType, DiscoveryResponse> held) {
        var c = AdsClient.sotw(server.xdsPort());
        clients.add(c);
        Map<XdsType, DiscoveryResponse> got = new EnumMap<>(XdsType.class);
        for (XdsType type : ORDER) {
            DiscoveryRequest.Builder req = SotwAdsTest.request(ScopedMeshServerTest.B0, type, names(type)).toBuilder();
            if (held != null) {
                req.setVersionInfo(held.get(type).getVersionInfo()); // Envoy reconnecting says what it has
            }
            DiscoveryResponse r = c.send(req.build()).next(FIRST);
            assertThat(r.getTypeUrl()).isEqualTo(type.typeUrl());
            c.send(SotwAdsTest.ack(ScopedMeshServerTest.B0, r, names(type)));
            got.put(type, r);
        }
        c.expectNothingFor(Duration.ofMillis(300));
        return got;
    }

    private static List<com.google.protobuf.ByteString> bytes(List<Any> resources) {
        return resources.stream().map(Any::toByteString).toList();
    }

    @Test
    void proxySwitchingReplicasIsAnsweredWithTheVersionsAndBytesItHolds() {
        converge(two, null); // another proxy's history on replica two: nonces and caches differ, content must not
        Map<XdsType, DiscoveryResponse> onOne = converge(one, null);
        Map<XdsType, DiscoveryResponse> onTwo = converge(two, onOne);
        for (XdsType type : ORDER) {
            assertThat(onTwo.get(type).getVersionInfo()).as(type.name()).isEqualTo(onOne.get(type).getVersionInfo());
            assertThat(bytes(onTwo.get(type).getResourcesList())).as(type.name())
                    .isEqualTo(bytes(onOne.get(type).getResourcesList()));
        }
        assertThat(onOne.get(XdsType.ENDPOINT).getResourcesCount()).isEqualTo(2);
        // And back again: the first replica answers the same.
        Map<XdsType, DiscoveryResponse> back = converge(one, onTwo);
        for (XdsType type : ORDER) {
            assertThat(back.get(type).getVersionInfo()).as(type.name()).isEqualTo(onOne.get(type).getVersionInfo());
        }
    }

    @Test
    void deltaClientSwitchingReplicasIsSentNoResourceItAlreadyHolds() {
        var first = AdsClient.delta(one.xdsPort());
        clients.add(first);
        Map<String, String> held = new java.util.TreeMap<>();
        DeltaDiscoveryResponse cds = first.send(DeltaAdsTest.subscribe(ScopedMeshServerTest.B0, XdsType.CLUSTER))
                .next(FIRST);
        held.putAll(DeltaAdsTest.versions(cds));
        assertThat(held).containsKey(BETA_CLUSTER);
        first.send(DeltaAdsTest.ack(ScopedMeshServerTest.B0, cds));

        // Reconnect to the other replica declaring what it holds (initial_resource_versions), as Envoy does.
        var second = AdsClient.delta(two.xdsPort());
        clients.add(second);
        second.send(DeltaDiscoveryRequest.newBuilder().setNode(ScopedMeshServerTest.B0)
                .setTypeUrl(XdsType.CLUSTER.typeUrl()).putAllInitialResourceVersions(held).build());
        List<DeltaDiscoveryResponse> answers = new ArrayList<>();
        DeltaDiscoveryResponse r;
        while ((r = poll(second)) != null) {
            answers.add(r);
        }
        for (DeltaDiscoveryResponse a : answers) {
            assertThat(a.getResourcesList()).as("resources re-sent to a client that holds them").isEmpty();
            assertThat(a.getRemovedResourcesList()).isEmpty();
        }
    }

    private static DeltaDiscoveryResponse poll(AdsClient<DeltaDiscoveryRequest, DeltaDiscoveryResponse> c) {
        try {
            return c.next(Duration.ofSeconds(3));
        } catch (AssertionError none) {
            return null;
        }
    }
}
