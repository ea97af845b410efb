package io.meshscope.xds;

import static io.meshscope.xds.LocalityFixture.CLUSTER;
import static io.meshscope.xds.LocalityFixture.assertGroups;
import static io.meshscope.xds.LocalityFixture.proxyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.EndpointUpdate;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An endpoint update reaches locality-shaped assignments: each locality view of a scope is patched in place like
 * the shared resources, gives what a full rebuild gives, and stays shared by the proxies of its locality.
 */
class LocalityEndpointUpdateTest {
    private static final String RULE = """
              trafficPolicy:
                outlierDetection: {consecutive5xxErrors: 5}
            """;

    @Test
    void aMovedEndpointReachesEveryLocalityViewWithItsPriority() {
        String before = LocalityFixture.MESH + LocalityFixture.RULE + RULE;
        MeshInput changed = XdsFixtures.yaml(before.replace("10.0.0.3", "10.0.0.9"));
        XdsSnapshot old = XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(before)));
        Proxy r1a = proxyIn("r1/z1/s1", Map.of("pod", "a"));
        Proxy r1b = proxyIn("r1/z1/s1", Map.of("pod", "b"));
        Proxy r2 = proxyIn("r2/z1/s1");
        List<Proxy> proxies = List.of(r1a, r1b, r2);
        proxies.forEach(p -> old.resourcesFor(p, null, false));

        EndpointUpdate update = EndpointUpdate.between(old.index(), changed).orElseThrow();
        XdsSnapshot next = old.withEndpoints(update);
        XdsSnapshot rebuilt = XdsSnapshot.build(MeshIndex.build(changed));

        for (Proxy p : proxies) {
            ProxyResources n = next.resourcesFor(p, null, false);
            assertThat(n.find(XdsType.ENDPOINT, CLUSTER).version())
                    .isEqualTo(rebuilt.resourcesFor(p, null, false).find(XdsType.ENDPOINT, CLUSTER).version());
            // Only the assignments changed: the carried-over clusters keep their instance.
            assertThat(n.clusters()).isSameAs(old.resourcesFor(p, null, false).clusters());
        }
        assertGroups(next.resourcesFor(r1a, null, false).find(XdsType.ENDPOINT, CLUSTER),
                "r1/z1/s1 p0 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p1 w1 [10.0.0.2]", "r2/z1/s1 p2 w1 [10.0.0.9]",
                "r3/z1/s1 p2 w1 [10.0.0.4]");
        assertGroups(next.resourcesFor(r2, null, false).find(XdsType.ENDPOINT, CLUSTER),
                "r1/z1/s1 p1 w2 [10.0.0.1, 10.0.0.5]", "r1/z2/s1 p1 w1 [10.0.0.2]", "r2/z1/s1 p0 w1 [10.0.0.9]",
                "r3/z1/s1 p1 w1 [10.0.0.4]");
        assertThat(next.resourcesFor(r1b, null, false).outbound())
                .isSameAs(next.resourcesFor(r1a, null, false).outbound());
    }
}
