package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.PeerAuthentication;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A PeerAuthentication change is a config key ({@link ConfigChanges}) and is pushed as spec §8.3 says: to proxies
 * whose namespace, root namespace or imported services' namespaces hold it, not to the others.
 */
class PeerAuthenticationPushTest {

    private static PeerAuthentication pa(String ns, String name, MtlsMode mode, int line) {
        return new PeerAuthentication(new ObjectMeta(new ResourceId("PeerAuthentication", ns, name), Map.of(),
                Map.of(), 0, new SourceLocation("pa.yaml", line, 1), Map.of()), null, mode, Map.of(), false);
    }

    private static MeshIndex withPas(MeshInput base, PeerAuthentication... pas) {
        return MeshIndex.build(base.withPeerAuthentications(List.of(pas)));
    }

    @Test
    void aChangedPeerAuthenticationIsAKeyAndAMovedOneIsNot() {
        MeshInput base = mesh().kube("ns1", "a", 80).index().input();
        MeshIndex before = withPas(base, pa("ns2", "default", MtlsMode.PERMISSIVE, 1));

        assertThat(ConfigChanges.between(before, withPas(base, pa("ns2", "default", MtlsMode.STRICT, 1))).keys())
                .containsExactly(new ConfigKey(ConfigKey.PEER_AUTHENTICATION, "ns2", "default"));
        assertThat(ConfigChanges.between(before, withPas(base, pa("ns2", "default", MtlsMode.PERMISSIVE, 7))).keys())
                .isEmpty();
        assertThat(ConfigChanges.between(before, withPas(base)).keys())
                .containsExactly(new ConfigKey(ConfigKey.PEER_AUTHENTICATION, "ns2", "default"));
    }

    @Test
    void aPeerAuthenticationChangePushesTheProxiesThatDependOnItOnly() {
        MeshInput base = mesh().kube("ns1", "a", 80).kube("ns2", "b", 80).kube("ns3", "c", 80)
                .sidecarHosts("ns1", "default", "ns2/*").sidecarHosts("ns3", "default", "./*").index().input();
        MeshIndex before = withPas(base);
        MeshIndex after = withPas(base, pa("ns2", "default", MtlsMode.STRICT, 1));
        List<ConfigKey> keys = List.copyOf(ConfigChanges.between(before, after).keys());

        assertThat(after.needsPush(proxy("ns1"), before, keys, false)).as("imports ns2").isTrue();
        assertThat(after.needsPush(proxy("ns2"), before, keys, false)).as("own namespace").isTrue();
        assertThat(after.needsPush(proxy("ns3"), before, keys, false)).as("unrelated").isFalse();
    }

    @Test
    void aPeerAuthenticationChangeIsNeverAnEndpointOnlyUpdate() {
        MeshInput base = mesh().kube("ns1", "a", 80).index().input();
        MeshIndex before = withPas(base);
        assertThat(EndpointUpdate.between(before, base.withPeerAuthentications(
                List.of(pa("ns1", "default", MtlsMode.STRICT, 1))))).isEmpty();
    }
}
