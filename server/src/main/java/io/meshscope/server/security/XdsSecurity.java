package io.meshscope.server.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the xDS port proves who its clients are, as istiod's 15012 port does: TLS with the server's certificate and
 * key from files (a mounted Secret, reloaded when it rotates), client certificates checked against a CA bundle
 * (identity: the SPIFFE URI SAN), and/or Kubernetes service-account tokens checked with the TokenReview API.
 * With neither, the port is plaintext and unauthenticated, which is refused on a non-loopback address unless
 * {@code allowPlaintext} says so.
 *
 * @param certFile PEM certificate chain of the server (with {@code keyFile}: TLS on)
 * @param keyFile PEM private key (PKCS#8, PKCS#1 or SEC1, as cert-manager and Istio's CA write them)
 * @param clientCaFile PEM CA bundle that client certificates must chain to (mTLS); requires TLS
 * @param trustDomain the SPIFFE trust domain identities must be in ({@code cluster.local} by default)
 * @param tokenAuth verify bearer tokens with the TokenReview API
 * @param tokenAudiences the audiences a token must be for ({@code istio-ca} by default, as istiod)
 * @param allowPlaintext serve plaintext, unauthenticated xDS on a non-loopback address
 */
public record XdsSecurity(Optional<Path> certFile, Optional<Path> keyFile, Optional<Path> clientCaFile,
                          String trustDomain, boolean tokenAuth, List<String> tokenAudiences, boolean allowPlaintext) {
    public static final String DEFAULT_TRUST_DOMAIN = "cluster.local";
    public static final List<String> DEFAULT_AUDIENCES = List.of("istio-ca");

    public XdsSecurity {
        certFile = certFile == null ? Optional.empty() : certFile;
        keyFile = keyFile == null ? Optional.empty() : keyFile;
        clientCaFile = clientCaFile == null ? Optional.empty() : clientCaFile;
        tokenAudiences = List.copyOf(tokenAudiences);
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("a TLS certificate and its key go together: give both files or neither");
        }
        if (clientCaFile.isPresent() && certFile.isEmpty()) {
            throw new IllegalArgumentException("client certificates (a client CA bundle) need TLS: give the server's"
                    + " certificate and key too");
        }
        if (trustDomain.isBlank()) {
            throw new IllegalArgumentException("the trust domain must not be empty");
        }
    }

    /** Plaintext and unauthenticated: loopback, development and tests. */
    public static XdsSecurity plaintext() {
        return new XdsSecurity(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_TRUST_DOMAIN, false,
                DEFAULT_AUDIENCES, false);
    }

    public boolean tls() {
        return certFile.isPresent();
    }

    public boolean clientCertificates() {
        return clientCaFile.isPresent();
    }

    /** Whether a client must prove an identity before it is served. */
    public boolean authenticates() {
        return clientCertificates() || tokenAuth;
    }
}
