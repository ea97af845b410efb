package io.meshscope.server;

import static io.meshscope.server.ScopedMesh.ALPHA_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.meshscope.decode.InputException;
import io.meshscope.xds.XdsType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken config never reaches a proxy: an invalid object (or a file that does not decode) keeps its last good
 * version while the rest of a change applies, the rejection is reported (log, {@code meshscope_config_invalid},
 * {@code /debug/errors} with file:line and the objects held back), and the fix is pushed.
 */
class InvalidConfigTest {
    private static final Node A0 = AdsClient.sidecarNode("10.0.0.1", "a-0", "a");
    private static final Duration QUIET = Duration.ofMillis(1500);

    @TempDir
    java.nio.file.Path tmp;

    private MeshFiles files;
    private MeshscopeServer server;
    private AdminHttp admin;
    private AdsClient<DiscoveryRequest, DiscoveryResponse> proxy;

    @BeforeEach
    void start() throws Exception {
        files = ScopedMesh.write(new MeshFiles(tmp));
        server = new MeshscopeServer(files.config());
        server.start();
        admin = new AdminHttp(server.adminPort());
        proxy = AdsClient.sotw(server.xdsPort());
        DiscoveryResponse cds = proxy.send(SotwAdsTest.request(A0, XdsType.CLUSTER)).next();
        proxy.send(SotwAdsTest.ack(A0, cds));
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isZero();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Struct errors() {
        return ServerTestSupport.json(admin.body("/debug/errors"));
    }

    private static List<Value> errorList(Struct errors) {
        return errors.getFieldsMap().get("errors").getListValue().getValuesList();
    }

    /** Rejected, still serving snapshot 1, the metric raised, and the proxy left alone. */
    private Struct awaitRejectedWhileServingTheLastGoodSnapshot() {
        await("the broken config is rejected").atMost(Duration.ofSeconds(10))
                .until(() -> errors().getFieldsMap().get("rejected").getBoolValue());
        Struct errors = errors();
        assertThat(errors.getFieldsMap().get("servingSnapshot").getNumberValue()).isEqualTo(1.0);
        assertThat(server.snapshot().version()).isEqualTo(1);
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isEqualTo(1.0);
        assertThat(ServerTestSupport.metric(admin, "meshscope_snapshot_version")).isEqualTo(1.0);
        assertThat(ServerTestSupport.json(admin.body("/debug/push_status")).getFieldsMap().get("configInvalid")
                .getBoolValue()).isTrue();
        proxy.expectNothingFor(QUIET);
        return errors;
    }

    /** The fix is served as snapshot 2 and pushed; the rejection is cleared. */
    private void fixAndExpectPush(String alphaYaml) {
        files.write("alpha.yaml", alphaYaml);
        DiscoveryResponse pushed = SotwAdsTest.nextOf(proxy, XdsType.CLUSTER);
        assertThat(SotwAdsTest.names(pushed)).contains("outbound|81||" + ScopedMesh.ALPHA)
                .doesNotContain(ALPHA_CLUSTER);
        assertThat(server.snapshot().version()).isEqualTo(2);
        assertThat(errors().getFieldsMap().get("rejected").getBoolValue()).isFalse();
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isZero();
    }

    @Test
    void yamlSyntaxErrorKeepsTheLastGoodSnapshotAndIsReportedWithFileAndLine() {
        // A service change (port 80 -> 81) in a file that no longer parses: none of it may be applied.
        files.write("alpha.yaml", ScopedMesh.alpha("10.1.0.1").replace("port: 80", "port: 81")
                + "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n");

        Struct errors = awaitRejectedWhileServingTheLastGoodSnapshot();
        List<Value> list = errorList(errors);
        assertThat(list).isNotEmpty();
        String location = list.get(0).getStructValue().getFieldsMap().get("location").getStringValue();
        assertThat(location).as("file:line:column").matches(".*alpha\\.yaml:\\d+:\\d+");
        assertThat(list.get(0).getStructValue().getFieldsMap().get("message").getStringValue()).isNotBlank();

        fixAndExpectPush(ScopedMesh.alpha("10.1.0.1").replace("port: 80", "port: 81"));
    }

    @Test
    void validationErrorKeepsTheLastGoodSnapshotAndIsReportedWithFileAndLine() throws Exception {
        files.write("alpha.yaml", ScopedMesh.alpha("10.1.0.1").replace("port: 80", "port: 81"));
        DiscoveryResponse ignoredNothing = SotwAdsTest.nextOf(proxy, XdsType.CLUSTER);
        proxy.send(SotwAdsTest.ack(A0, ignoredNothing));
        long before = server.snapshot().version();

        // A Sidecar host without a namespace is invalid.
        files.write("sidecar-a.yaml", MeshFiles.sidecar("a", "./*", "shared-without-namespace"));
        await("the invalid Sidecar is rejected").atMost(Duration.ofSeconds(10))
                .until(() -> errors().getFieldsMap().get("rejected").getBoolValue());
        assertThat(server.snapshot().version()).isEqualTo(before);
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isEqualTo(1.0);
        Struct first = errorList(errors()).get(0).getStructValue();
        assertThat(first.getFieldsMap().get("location").getStringValue()).matches(".*sidecar-a\\.yaml:\\d+:\\d+");
        assertThat(first.getFieldsMap().get("resource").getStringValue()).contains("a/default");
        proxy.expectNothingFor(QUIET);

        files.write("sidecar-a.yaml", MeshFiles.sidecar("a", "./*"));
        DiscoveryResponse pushed = SotwAdsTest.nextOf(proxy, XdsType.CLUSTER);
        assertThat(SotwAdsTest.names(pushed)).noneMatch(n -> n.contains(ScopedMesh.ALPHA));
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isZero();
    }

    @Test
    void vanishedInputDirectoryKeepsTheLastGoodSnapshotUntilItIsBack() throws Exception {
        java.nio.file.Path moved = tmp.resolve("moved-away");
        Files.move(files.dir(), moved);

        await("the missing input is rejected").atMost(Duration.ofSeconds(10))
                .until(() -> errors().getFieldsMap().get("rejected").getBoolValue());
        assertThat(server.snapshot().version()).isEqualTo(1);
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isEqualTo(1.0);
        proxy.expectNothingFor(QUIET);

        Files.move(moved, files.dir());
        await("the input is back").atMost(Duration.ofSeconds(10))
                .until(() -> !errors().getFieldsMap().get("rejected").getBoolValue());
        fixAndExpectPush(ScopedMesh.alpha("10.1.0.1").replace("port: 80", "port: 81"));
    }

    @Test
    void oneInvalidObjectKeepsItsLastGoodVersionWhileTheRestOfTheChangeApplies() throws Exception {
        files.write("sidecar-a.yaml", MeshFiles.sidecar("a", "./*", "shared-without-namespace"));
        await("the invalid Sidecar is held back").atMost(Duration.ofSeconds(10))
                .until(() -> errors().getFieldsMap().get("partial").getBoolValue());
        Struct held = errors().getFieldsMap().get("held").getListValue().getValues(0).getStructValue();
        assertThat(held.getFieldsMap().get("object").getStringValue()).contains("a/default");
        assertThat(held.getFieldsMap().get("serving").getStringValue()).isEqualTo("last good version");

        // An unrelated valid change still applies, under the Sidecar's last good version (which imports shared/*).
        files.write("alpha.yaml", ScopedMesh.alpha("10.1.0.1").replace("port: 80", "port: 81"));
        DiscoveryResponse pushed = SotwAdsTest.nextOf(proxy, XdsType.CLUSTER);
        assertThat(SotwAdsTest.names(pushed)).contains("outbound|81||" + ScopedMesh.ALPHA);
        assertThat(errors().getFieldsMap().get("rejected").getBoolValue()).isTrue();
        assertThat(ServerTestSupport.metric(admin, "meshscope_config_invalid")).isEqualTo(1.0);
    }

    @Test
    void anInvalidObjectAtStartupStaysOutAndTheRestIsServed() throws Exception {
        server.close();
        proxy.close();
        proxy = null;
        files.write("sidecar-b.yaml", MeshFiles.sidecar("b", "./*", "other-without-namespace"));
        server = new MeshscopeServer(files.config());
        server.start();
        admin = new AdminHttp(server.adminPort());
        Struct held = errors().getFieldsMap().get("held").getListValue().getValues(0).getStructValue();
        assertThat(held.getFieldsMap().get("object").getStringValue()).contains("b/default");
        assertThat(held.getFieldsMap().get("serving").getStringValue()).startsWith("nothing");
        assertThat(server.snapshot().input().sidecars()).extracting(sc -> sc.meta().namespace()).containsExactly("a");
    }

    @Test
    void aFileThatNeverDecodedFailsStartupWithTheReason() {
        server.close();
        proxy.close();
        proxy = null;
        files.write("gamma.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n");
        server = new MeshscopeServer(files.config());
        assertThatThrownBy(server::start).isInstanceOf(InputException.class).hasMessageContaining("gamma.yaml:");
    }
}
