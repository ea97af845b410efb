package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.meshscope.server.security.TestCa;
import io.meshscope.server.security.TokenReviewer;
import io.meshscope.server.security.XdsSecurity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authenticated xDS port with Node's @grpc/grpc-js as the client (src/test/node/grpc-js-client/ads-tls.js): a
 * client certificate or a service-account token of namespace {@code a} is served {@code a}'s scope and refused
 * {@code b}'s. grpc-js-xds's own bootstrap cannot present either (its channel credentials are "insecure" or
 * "google_default" only), so the client is grpc-js's plain ADS stub with TLS credentials and call metadata.
 */
class GrpcJsAuthenticationTest {
    @TempDir
    Path tmp;

    private TestCa ca;
    private MeshscopeServer server;

    @BeforeEach
    void start() throws Exception {
        ca = new TestCa("meshscope test CA");
        ca.server().write(tmp.resolve("tls.crt"), tmp.resolve("tls.key"), false);
        ca.writeRoot(tmp.resolve("ca.crt"));
        TokenReviewer reviewer = (token, audiences) -> token.equals("token-of-a")
                ? new TokenReviewer.Review(true, "system:serviceaccount:a:web", List.of("istio-ca"), "")
                : new TokenReviewer.Review(false, "", List.of(), "invalid bearer token");
        XdsSecurity security = new XdsSecurity(Optional.of(tmp.resolve("tls.crt")), Optional.of(tmp.resolve("tls.key")),
                Optional.of(tmp.resolve("ca.crt")), "cluster.local", true, XdsSecurity.DEFAULT_AUDIENCES, false);
        MeshFiles files = ScopedMesh.write(new MeshFiles(Files.createDirectories(tmp.resolve("in"))));
        server = new MeshscopeServer(files.config().withSecurity(security), reviewer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Struct run(String key, String cert, String token, String namespace) throws Exception {
        NodeRuntime.Installation node = NodeRuntime.require();
        List<String> command = new ArrayList<>(List.of(node.node().toString(), "ads-tls.js",
                String.valueOf(server.xdsPort()), tmp.resolve("ca.crt").toString(), key, cert, token,
                "sidecar~10.0.0.1~x." + namespace + "~" + namespace + ".svc.cluster.local", namespace));
        Process p = new ProcessBuilder(command).directory(node.dir().toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ads-tls.js finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        Struct.Builder result = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(last, result);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("ads-tls.js printed no result:\n" + out, e);
        }
        return result.build();
    }

    private static List<String> clusters(Struct result) {
        return result.getFieldsOrThrow("clusters").getListValue().getValuesList().stream()
                .map(com.google.protobuf.Value::getStringValue).toList();
    }

    @Test
    void aClientCertificateServesItsNamespaceAndIsRefusedAnother() throws Exception {
        TestCa.Issued web = ca.workload("cluster.local", "a", "web");
        web.write(tmp.resolve("web.crt"), tmp.resolve("web.key"), false);
        String key = tmp.resolve("web.key").toString();
        String cert = tmp.resolve("web.crt").toString();

        Struct own = run(key, cert, "-", "a");
        assertThat(own.getFieldsOrThrow("ok").getBoolValue()).as("%s", own).isTrue();
        assertThat(clusters(own)).contains(ScopedMesh.ALPHA_CLUSTER).doesNotContain(ScopedMesh.BETA_CLUSTER);

        Struct other = run(key, cert, "-", "b");
        assertThat(other.getFieldsOrThrow("ok").getBoolValue()).isFalse();
        assertThat((int) other.getFieldsOrThrow("code").getNumberValue()).isEqualTo(7); // PERMISSION_DENIED
        assertThat(other.getFieldsOrThrow("details").getStringValue()).startsWith("authorization failed: ");
    }

    @Test
    void aTokenServesItsNamespaceAndNoCredentialIsUnauthenticated() throws Exception {
        Struct own = run("-", "-", "token-of-a", "a");
        assertThat(own.getFieldsOrThrow("ok").getBoolValue()).as("%s", own).isTrue();
        assertThat(clusters(own)).contains(ScopedMesh.ALPHA_CLUSTER);

        Struct none = run("-", "-", "-", "a");
        assertThat(none.getFieldsOrThrow("ok").getBoolValue()).isFalse();
        assertThat((int) none.getFieldsOrThrow("code").getNumberValue()).isEqualTo(16); // UNAUTHENTICATED
    }
}
