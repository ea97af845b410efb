package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.meshscope.server.security.KubeTokenReviewer;
import io.meshscope.server.security.TestCa;
import io.meshscope.server.security.TokenReviewer;
import io.meshscope.server.security.XdsSecurity;
import io.meshscope.xds.XdsType;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The xDS port as istiod's 15012: TLS from files, client certificates from a CA made here (SPIFFE URI SANs) or
 * service-account tokens reviewed by the fabric8 mock API server, each node bound to its identity's namespace.
 * Real grpc-java clients over loopback; a refused client must receive nothing.
 */
class XdsAuthenticationTest {
    private static final Duration QUIET = Duration.ofMillis(1500);

    @TempDir
    Path tmp;

    private TestCa ca;
    private Path serverCert;
    private Path serverKey;
    private Path caFile;
    private MeshscopeServer server;
    private KubernetesMockServer kube;
    private final List<AdsClient<?, ?>> clients = new ArrayList<>();

    @BeforeEach
    void makeCa() throws Exception {
        ca = new TestCa("meshscope test CA");
        serverCert = tmp.resolve("tls.crt");
        serverKey = tmp.resolve("tls.key");
        caFile = tmp.resolve("ca.crt");
        ca.serverRsa().write(serverCert, serverKey, true); // PKCS#1, as cert-manager writes RSA keys
        ca.writeRoot(caFile);
    }

    @AfterEach
    void stop() {
        clients.forEach(AdsClient::close);
        if (server != null) {
            server.close();
        }
        if (kube != null) {
            kube.destroy();
        }
    }

    private void start(XdsSecurity security, TokenReviewer reviewer) throws Exception {
        MeshFiles files = ScopedMesh.write(new MeshFiles(Files.createDirectories(tmp.resolve("input"))));
        server = new MeshscopeServer(files.config().withSecurity(security), reviewer);
        server.start();
    }

    private XdsSecurity mtls(boolean tokens) {
        return new XdsSecurity(Optional.of(serverCert), Optional.of(serverKey), Optional.of(caFile), "cluster.local",
                tokens, XdsSecurity.DEFAULT_AUDIENCES, false);
    }

    private AdsClient<DiscoveryRequest, DiscoveryResponse> connect(TestCa.Issued client, Metadata headers,
                                                                   AtomicReference<BigInteger> serverSerial)
            throws Exception {
        SslContextBuilder tls = GrpcSslContexts.forClient().trustManager(new Recording(ca.root(), serverSerial));
        if (client != null) {
            tls.keyManager(client.key(), client.certificate());
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.xdsPort())
                .overrideAuthority("localhost").sslContext(tls.build()).build();
        AdsClient<DiscoveryRequest, DiscoveryResponse> c = AdsClient.sotw(channel, headers);
        clients.add(c);
        return c;
    }

    private AdsClient<DiscoveryRequest, DiscoveryResponse> connect(TestCa.Issued client) throws Exception {
        return connect(client, null, new AtomicReference<>());
    }

    private static DiscoveryRequest cds(Node node) {
        return SotwAdsTest.request(node, XdsType.CLUSTER);
    }

    private static Node withServiceAccount(Node node, String account) {
        return node.toBuilder().setMetadata(node.getMetadata().toBuilder()
                .putFields("SERVICE_ACCOUNT", Value.newBuilder().setStringValue(account).build())).build();
    }

    private static Status statusOf(AdsClient<?, ?> c) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> c.error() != null);
        return Status.fromThrowable(c.error());
    }

    @Test
    void aClientCertificateOfTheNodesNamespaceIsServedThatNamespacesScope() throws Exception {
        start(mtls(false), null);
        var c = connect(ca.workload("cluster.local", "a", "default"));
        DiscoveryResponse response = c.send(cds(ScopedMeshServerTest.A0)).next();
        assertThat(SotwAdsTest.names(response)).contains(ScopedMesh.ALPHA_CLUSTER)
                .doesNotContain(ScopedMesh.BETA_CLUSTER);
    }

    @Test
    void aNodeClaimingAnotherNamespaceIsRefusedWithTheReasonAndSentNothing() throws Exception {
        start(mtls(false), null);
        var c = connect(ca.workload("cluster.local", "a", "default"));
        c.send(cds(ScopedMeshServerTest.B0));
        Status status = statusOf(c);
        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).isEqualTo(
                "authorization failed: no identities ([spiffe://cluster.local/ns/a/sa/default]) matched b/");
        c.expectNothingFor(QUIET);
        assertThat(server.connections().all()).isEmpty();
        assertThat(new AdminHttp(server.adminPort()).body("/metrics"))
                .contains("meshscope_xds_auth_failures_total{reason=\"identity_mismatch\",stage=\"authorization\"} 1.0");
    }

    @Test
    void aNodeThatNamesNoNamespaceGetsItsIdentitysNamespaceNotTheWholeMesh() throws Exception {
        start(mtls(false), null);
        var c = connect(ca.workload("cluster.local", "a", "default"));
        Node garbage = Node.newBuilder().setId("garbage").build();
        DiscoveryResponse response = c.send(cds(garbage)).next();
        assertThat(SotwAdsTest.names(response)).contains(ScopedMesh.ALPHA_CLUSTER)
                .doesNotContain(ScopedMesh.BETA_CLUSTER);
    }

    @Test
    void aNodeResolvingToAnotherNamespacesWorkloadByItsAddressIsRefused() throws Exception {
        start(mtls(false), null);
        var c = connect(ca.workload("cluster.local", "a", "default"));
        // no namespace named; the address is b-0's: the workload found is namespace b's
        Node byAddress = Node.newBuilder().setId("sidecar~10.0.0.3~~").build();
        c.send(cds(byAddress));
        assertThat(statusOf(c).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        c.expectNothingFor(QUIET);
    }

    @Test
    void aClaimedServiceAccountMustBeTheIdentitys() throws Exception {
        start(mtls(false), null);
        var c = connect(ca.workload("cluster.local", "a", "web"));
        c.send(cds(withServiceAccount(ScopedMeshServerTest.A0, "payments")));
        Status status = statusOf(c);
        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).endsWith("matched a/payments");
        var d = connect(ca.workload("cluster.local", "a", "web"));
        assertThat(SotwAdsTest.names(d.send(cds(withServiceAccount(ScopedMeshServerTest.A0, "web"))).next()))
                .contains(ScopedMesh.ALPHA_CLUSTER);
    }

    @Test
    void withoutAClientCertificateTheHandshakeFailsAndNothingIsSent() throws Exception {
        start(mtls(false), null);
        var c = connect(null);
        c.send(cds(ScopedMeshServerTest.A0));
        assertThat(statusOf(c).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        c.expectNothingFor(QUIET);
    }

    @Test
    void aCertificateWithoutASpiffeIdOrOfAnotherTrustDomainIsUnauthenticated() throws Exception {
        start(mtls(false), null);
        var c = connect(ca.withoutSpiffe("web.a.svc"));
        c.send(cds(ScopedMeshServerTest.A0));
        Status status = statusOf(c);
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).startsWith("authentication failure: mtls: the client certificate")
                .contains("has no SPIFFE id of trust domain cluster.local");
        var d = connect(ca.workload("other.domain", "a", "default"));
        d.send(cds(ScopedMeshServerTest.A0));
        assertThat(statusOf(d).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        d.expectNothingFor(QUIET);
    }

    @Test
    void aServiceAccountTokenIsReviewedByTheApiServerAndBindsTheNode() throws Exception {
        kube = new KubernetesMockServer(false);
        kube.init();
        kube.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
            TokenReview asked = Serialization.unmarshal(request.getBody().readUtf8(), TokenReview.class);
            boolean good = asked.getSpec().getToken().equals("token-of-a-web")
                    && asked.getSpec().getAudiences().contains("istio-ca");
            return new TokenReviewBuilder(asked).withNewStatus().withAuthenticated(good)
                    .withAudiences(good ? List.of("istio-ca") : List.of())
                    .withError(good ? null : "invalid bearer token").withNewUser()
                    .withUsername(good ? "system:serviceaccount:a:web" : null).endUser().endStatus().build();
        }).always();
        XdsSecurity tokens = new XdsSecurity(Optional.of(serverCert), Optional.of(serverKey), Optional.empty(),
                "cluster.local", true, XdsSecurity.DEFAULT_AUDIENCES, false);
        start(tokens, new KubeTokenReviewer(kube.createClient()));

        var good = connect(null, bearer("token-of-a-web"), new AtomicReference<>());
        assertThat(SotwAdsTest.names(good.send(cds(ScopedMeshServerTest.A0)).next())).contains(ScopedMesh.ALPHA_CLUSTER);

        var otherNamespace = connect(null, bearer("token-of-a-web"), new AtomicReference<>());
        otherNamespace.send(cds(ScopedMeshServerTest.B0));
        assertThat(statusOf(otherNamespace).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

        var bad = connect(null, bearer("stolen"), new AtomicReference<>());
        bad.send(cds(ScopedMeshServerTest.A0));
        Status refused = statusOf(bad);
        assertThat(refused.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refused.getDescription()).isEqualTo("authentication failure: token: the token review did not"
                + " authenticate the token: invalid bearer token");

        var none = connect(null, null, new AtomicReference<>());
        none.send(cds(ScopedMeshServerTest.A0));
        Status noCredential = statusOf(none);
        assertThat(noCredential.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(noCredential.getDescription()).contains("no credential");
        bad.expectNothingFor(Duration.ofMillis(200));
        none.expectNothingFor(Duration.ofMillis(200));
    }

    @Test
    void aRotatedServerCertificateServesNewConnectionsWhileOpenStreamsKeepTheirs() throws Exception {
        start(mtls(false), null);
        TestCa.Issued client = ca.workload("cluster.local", "a", "default");
        AtomicReference<BigInteger> firstSerial = new AtomicReference<>();
        var first = connect(client, null, firstSerial);
        first.send(cds(ScopedMeshServerTest.A0)).next();

        TestCa.Issued rotated = ca.server();
        rotated.write(serverCert, serverKey, false); // an EC key as PKCS#8 this time
        Instant later = Instant.now().plusSeconds(5);
        Files.setLastModifiedTime(serverCert, FileTime.from(later));
        Files.setLastModifiedTime(serverKey, FileTime.from(later));
        Thread.sleep(1100); // the files are looked at no more than once a second

        AtomicReference<BigInteger> secondSerial = new AtomicReference<>();
        var second = connect(client, null, secondSerial);
        second.send(cds(ScopedMeshServerTest.A0)).next();
        assertThat(secondSerial.get()).isEqualTo(rotated.certificate().getSerialNumber())
                .isNotEqualTo(firstSerial.get());
        // the first stream was not dropped: it still answers
        DiscoveryResponse eds = first.send(SotwAdsTest.request(ScopedMeshServerTest.A0, XdsType.ENDPOINT,
                ScopedMesh.ALPHA_CLUSTER)).next();
        assertThat(eds.getTypeUrl()).isEqualTo(XdsType.ENDPOINT.typeUrl());
        assertThat(first.error()).isNull();
    }

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    /** Trusts the test CA and records the serial of the server certificate it was shown. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager pkix;
        private final AtomicReference<BigInteger> serial;

        Recording(X509Certificate root, AtomicReference<BigInteger> serial) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("root", root);
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            this.pkix = (X509ExtendedTrustManager) f.getTrustManagers()[0];
            this.serial = serial;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType, engine);
            serial.set(chain[0].getSerialNumber());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType, socket);
            serial.set(chain[0].getSerialNumber());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
            serial.set(chain[0].getSerialNumber());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }
}
