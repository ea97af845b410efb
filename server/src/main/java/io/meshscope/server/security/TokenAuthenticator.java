package io.meshscope.server.security;

import io.grpc.Attributes;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A Kubernetes service-account token in the {@code authorization: Bearer ...} metadata, checked with the TokenReview
 * API for the configured audiences, as istiod's {@code KubeJWTAuthenticator}: the identity is the reviewed
 * service account ({@code system:serviceaccount:NS:SA}) in the trust domain. Accepted reviews are remembered for a
 * minute (by the token's SHA-256, never the token), so reconnecting proxies do not cost one API call each.
 */
public final class TokenAuthenticator implements Authenticator {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    private static final long REMEMBER_NANOS = 60_000_000_000L;
    private static final int REMEMBERED = 10_000;

    private final TokenReviewer reviewer;
    private final List<String> audiences;
    private final String trustDomain;
    private final LongSupplier nanoTime;
    private final Map<String, Remembered> accepted = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Remembered(PeerIdentity identity, long until) {
    }

    public TokenAuthenticator(TokenReviewer reviewer, List<String> audiences, String trustDomain, LongSupplier nanoTime) {
        this.reviewer = reviewer;
        this.audiences = List.copyOf(audiences);
        this.trustDomain = trustDomain;
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<PeerIdentity> authenticate(Metadata headers, Attributes transport) throws AuthenticationFailure {
        String header = headers.get(AUTHORIZATION);
        if (header == null) {
            return Optional.empty();
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() == BEARER.length()) {
            throw new AuthenticationFailure("the authorization metadata is not a bearer token");
        }
        String token = header.substring(BEARER.length()).trim();
        String key = sha256(token);
        long now = nanoTime.getAsLong();
        synchronized (accepted) {
            Remembered r = accepted.get(key);
            if (r != null && now - r.until() < 0) {
                return Optional.of(r.identity());
            }
        }
        TokenReviewer.Review review = reviewer.review(token, audiences);
        if (!review.authenticated()) {
            throw new AuthenticationFailure("the token review did not authenticate the token"
                    + (review.error().isEmpty() ? "" : ": " + review.error()));
        }
        if (!review.audiences().isEmpty() && review.audiences().stream().noneMatch(audiences::contains)) {
            throw new AuthenticationFailure("the token is for audiences " + review.audiences() + ", not " + audiences);
        }
        PeerIdentity identity = serviceAccount(review.username());
        synchronized (accepted) {
            accepted.put(key, new Remembered(identity, now + REMEMBER_NANOS));
        }
        return Optional.of(identity);
    }

    private PeerIdentity serviceAccount(String username) throws AuthenticationFailure {
        String[] parts = username.startsWith(SERVICE_ACCOUNT_PREFIX)
                ? username.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1) : new String[0];
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new AuthenticationFailure("the token belongs to '" + username + "', not to a service account");
        }
        return new PeerIdentity(trustDomain, parts[0], parts[1], method());
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String method() {
        return "token";
    }
}
