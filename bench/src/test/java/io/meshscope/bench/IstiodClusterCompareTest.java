package io.meshscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The istiod comparison reads Istio's real sidecar config dump, and meshscope's cluster for the same kind of service
 * carries the same auto-mTLS transport socket matches, byte for byte.
 */
class IstiodClusterCompareTest {
    private static final Path DUMP = Path.of("../testdata/istiod/http_config.json");
    private static final Path MESH = Path.of("../testdata/istiod/bookinfo-productpage.yaml");

    @Test
    void istiodsDumpParsesWithItsMetadataExchangeFilter() throws Exception {
        Cluster c = IstiodClusterCompare.istiodClusters(Files.readString(DUMP)).get(0);
        assertThat(c.getName()).isEqualTo("outbound|9080|v1|productpage.default.svc.cluster.local");
        assertThat(c.getFilters(0).getName()).isEqualTo("istio.metadata_exchange");
        assertThat(c.getTransportSocketMatchesCount()).isEqualTo(2);
    }

    @Test
    void theTransportSocketMatchesAreAsLargeAsIstiods() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = IstiodClusterCompare.run(new String[] {"--dump", DUMP.toString(), "--mesh", MESH.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        String row = table.lines().filter(l -> l.startsWith("| transport_socket_matches |")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        assertThat(cells[3].trim()).isEqualTo(cells[2].trim());
    }
}
