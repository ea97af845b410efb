package io.meshscope.server.xds;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import org.junit.jupiter.api.Test;

/** Node metadata asking for a proxy mode meshscope does not model is named, so the stream can warn about it. */
class NodeIdentityUnmodelledTest {
    private static Node node(String key, String value) {
        return Node.newBuilder().setId("sidecar~10.0.0.1~web-1.shop~shop.svc.cluster.local")
                .setMetadata(Struct.newBuilder().putFields(key, Value.newBuilder().setStringValue(value).build()))
                .build();
    }

    @Test
    void interceptionModesNoneAndTproxyAndUnprivilegedPodsAreNamedTheDefaultIsNot() {
        assertThat(NodeIdentity.unmodelled(node("INTERCEPTION_MODE", "NONE"))).singleElement().asString()
                .startsWith("INTERCEPTION_MODE NONE");
        assertThat(NodeIdentity.unmodelled(node("INTERCEPTION_MODE", "TPROXY"))).hasSize(1);
        assertThat(NodeIdentity.unmodelled(node("UNPRIVILEGED_POD", "true"))).singleElement().asString()
                .startsWith("UNPRIVILEGED_POD");
        assertThat(NodeIdentity.unmodelled(node("INTERCEPTION_MODE", "REDIRECT"))).isEmpty();
        assertThat(NodeIdentity.unmodelled(Node.getDefaultInstance())).isEmpty();
    }
}
