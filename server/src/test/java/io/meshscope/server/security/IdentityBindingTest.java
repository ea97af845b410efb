package io.meshscope.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.meshscope.server.metrics.ServerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdentityBindingTest {
    @Test
    void aSpiffeIdParsesOnlyInIstiosShape() {
        assertThat(PeerIdentity.parseSpiffe("spiffe://cluster.local/ns/shop/sa/web", "mtls"))
                .contains(new PeerIdentity("cluster.local", "shop", "web", "mtls"));
        for (String bad : List.of("spiffe://cluster.local/ns/shop", "spiffe://cluster.local/ns//sa/web",
                "spiffe://cluster.local/sa/web/ns/shop", "https://cluster.local/ns/shop/sa/web",
                "spiffe://cluster.local/ns/shop/sa/web/extra", "spiffe:///ns/shop/sa/web")) {
            assertThat(PeerIdentity.parseSpiffe(bad, "mtls")).as(bad).isEmpty();
        }
    }

    @Test
    void theNamespaceMustBeTheIdentitysAndAClaimedServiceAccountToo() {
        PeerIdentity web = new PeerIdentity("cluster.local", "shop", "web", "mtls");
        assertThat(IdentityCheck.refusal(web, "shop", "")).isEmpty();
        assertThat(IdentityCheck.refusal(web, "shop", "web")).isEmpty();
        assertThat(IdentityCheck.refusal(web, "payments", ""))
                .contains("no identities ([spiffe://cluster.local/ns/shop/sa/web]) matched payments/");
        assertThat(IdentityCheck.refusal(web, "shop", "admin"))
                .contains("no identities ([spiffe://cluster.local/ns/shop/sa/web]) matched shop/admin");
    }

    @Test
    void aReviewedServiceAccountTokenIsRememberedByItsHashForAMinute() throws Exception {
        AtomicLong now = new AtomicLong();
        List<String> asked = new ArrayList<>();
        TokenReviewer reviewer = (token, audiences) -> {
            asked.add(token);
            return new TokenReviewer.Review(true, "system:serviceaccount:shop:web", List.of("istio-ca"), "");
        };
        TokenAuthenticator tokens = new TokenAuthenticator(reviewer, List.of("istio-ca"), "cluster.local", now::get);
        Metadata headers = bearer("t1");
        assertThat(tokens.authenticate(headers, Attributes.EMPTY))
                .contains(new PeerIdentity("cluster.local", "shop", "web", "token"));
        now.addAndGet(59_000_000_000L);
        tokens.authenticate(headers, Attributes.EMPTY);
        assertThat(asked).hasSize(1);
        now.addAndGet(2_000_000_000L);
        tokens.authenticate(headers, Attributes.EMPTY);
        assertThat(asked).hasSize(2);
        assertThat(tokens.authenticate(new Metadata(), Attributes.EMPTY)).isEmpty();
    }

    @Test
    void aTokenOfAUserOrForAnotherAudienceOrNotBearerIsRefused() {
        TokenAuthenticator user = new TokenAuthenticator((t, a) -> new TokenReviewer.Review(true, "alice",
                List.of("istio-ca"), ""), List.of("istio-ca"), "cluster.local", System::nanoTime);
        assertThatThrownBy(() -> user.authenticate(bearer("t"), Attributes.EMPTY))
                .isInstanceOf(AuthenticationFailure.class).hasMessage("the token belongs to 'alice', not to a service account");
        TokenAuthenticator audience = new TokenAuthenticator((t, a) -> new TokenReviewer.Review(true,
                "system:serviceaccount:shop:web", List.of("vault"), ""), List.of("istio-ca"), "cluster.local",
                System::nanoTime);
        assertThatThrownBy(() -> audience.authenticate(bearer("t"), Attributes.EMPTY))
                .hasMessage("the token is for audiences [vault], not [istio-ca]");
        Metadata basic = new Metadata();
        basic.put(TokenAuthenticator.AUTHORIZATION, "Basic dXNlcjpwYXNz");
        assertThatThrownBy(() -> audience.authenticate(basic, Attributes.EMPTY))
                .hasMessage("the authorization metadata is not a bearer token");
    }

    @Test
    void anUnauthenticatedPortBeyondLoopbackIsRefusedUnlessAllowed() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        assertThatThrownBy(() -> XdsPortSecurity.prepare(XdsSecurity.plaintext(), "0.0.0.0", () -> null, metrics))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("refusing to serve unauthenticated xDS on 0.0.0.0")
                .hasMessageContaining("--xds-allow-insecure");
        XdsSecurity plaintextTokens = new XdsSecurity(Optional.empty(), Optional.empty(), Optional.empty(),
                "cluster.local", true, XdsSecurity.DEFAULT_AUDIENCES, false);
        assertThatThrownBy(() -> XdsPortSecurity.prepare(plaintextTokens, "10.1.2.3", () -> null, metrics))
                .hasMessageStartingWith("refusing to take service-account tokens in plaintext on 10.1.2.3");
        assertThat(XdsPortSecurity.prepare(XdsSecurity.plaintext(), "127.0.0.1", () -> null, metrics).describe())
                .startsWith("plaintext");
        XdsSecurity allowed = new XdsSecurity(Optional.empty(), Optional.empty(), Optional.empty(), "cluster.local",
                false, XdsSecurity.DEFAULT_AUDIENCES, true);
        assertThat(XdsPortSecurity.prepare(allowed, "0.0.0.0", () -> null, metrics).describe())
                .contains("unauthenticated");
    }

    @Test
    void settingsThatCannotWorkAreUsageErrors() {
        assertThatThrownBy(() -> new XdsSecurity(Optional.of(java.nio.file.Path.of("tls.crt")), Optional.empty(),
                Optional.empty(), "cluster.local", false, List.of(), false))
                .hasMessageContaining("give both files or neither");
        assertThatThrownBy(() -> new XdsSecurity(Optional.empty(), Optional.empty(),
                Optional.of(java.nio.file.Path.of("ca.crt")), "cluster.local", false, List.of(), false))
                .hasMessageContaining("need TLS");
    }

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(TokenAuthenticator.AUTHORIZATION, "Bearer " + token);
        return headers;
    }
}
