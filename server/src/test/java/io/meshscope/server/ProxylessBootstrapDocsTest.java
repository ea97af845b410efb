package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The proxyless bootstrap the README and docs/SERVER.md print is one bootstrap, and it has what each real client
 * requires: grpc-js refuses a node without {@code locality}, every client needs an {@code xds_v3} server. The
 * end-to-end tests (grpc-java and grpc-js) load exactly the docs/SERVER.md text.
 */
class ProxylessBootstrapDocsTest {
    @Test
    void theReadmeAndServerDocsPrintTheSameBootstrap() {
        assertThat(ProxylessBootstrap.parse(ProxylessBootstrap.readme()))
                .isEqualTo(ProxylessBootstrap.parse(ProxylessBootstrap.documented()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedBootstrapHasANodeLocalityAnXdsV3ServerAndTheTestedNodeId() {
        Map<String, Object> b = (Map<String, Object>) ProxylessBootstrap.parse(ProxylessBootstrap.documented());
        Map<String, Object> node = (Map<String, Object>) b.get("node");
        assertThat(node).containsKey("locality").containsEntry("id", ProxylessBootstrap.NODE_ID);
        assertThat((Map<String, Object>) node.get("metadata")).containsEntry("GENERATOR", "grpc");
        Map<String, Object> server = ((List<Map<String, Object>>) b.get("xds_servers")).get(0);
        assertThat(server).containsEntry("server_uri", ProxylessBootstrap.DOCUMENTED_SERVER)
                .containsEntry("server_features", List.of("xds_v3"));
    }
}
