package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.admin.v3.ConfigDump;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON config dump, and the golden dumps of two e-commerce Deployments. Regenerate the golden files with
 * {@code ./mvnw -B -o -pl xds install -Dmeshscope.golden.update=true} (see {@link GoldenFiles}).
 */
class ConfigDumpTest {
    private static MeshInput input;
    private static XdsSnapshot snapshot;

    @BeforeAll
    static void load() {
        input = XdsFixtures.ecommerce();
        snapshot = XdsSnapshot.build(MeshIndex.build(input));
    }

    private static ProxyResources resources(String ns, String name, boolean proxyless) {
        Workload w = XdsFixtures.workload(input, ns, name);
        return snapshot.resourcesFor(XdsFixtures.proxy(w), w, proxyless);
    }

    @Test
    void dumpHoldsEveryResourceWithItsVersionAndRoundTripsThroughJson() throws InvalidProtocolBufferException {
        for (boolean proxyless : new boolean[] {false, true}) {
            ProxyResources r = resources("orders", "payment-service", proxyless);
            ConfigDump dump = ConfigDumps.configDump(r);
            assertThat(dump.getConfigsList()).extracting(Any::getTypeUrl).containsExactly(
                    "type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
                    "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
                    "type.googleapis.com/envoy.admin.v3.RoutesConfigDump",
                    "type.googleapis.com/envoy.admin.v3.EndpointsConfigDump");
            String json = ConfigDumps.json(r);
            ConfigDump.Builder parsed = ConfigDump.newBuilder();
            JsonFormat.parser().usingTypeRegistry(ConfigDumps.TYPES).merge(json, parsed);
            assertThat(parsed.build()).isEqualTo(dump);
            for (NamedResource c : r.clusters()) {
                assertThat(json).contains("\"version_info\": \"" + c.version() + "\"");
            }
            assertThat(json).doesNotContain("last_updated").doesNotContain("versionInfo");
        }
    }

    @Test
    void goldenConfigDumps() {
        for (List<String> w : List.of(List.of("frontend", "web-ui"), List.of("orders", "payment-service"))) {
            GoldenFiles.assertMatches(w.get(0) + "_" + w.get(1) + ".json",
                    ConfigDumps.json(resources(w.get(0), w.get(1), false)));
        }
    }
}
