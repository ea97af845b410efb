package io.meshscope.server.security;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The identity in a client certificate the TLS handshake already verified against the client CA bundle: the first
 * URI SAN that is a SPIFFE id ({@code spiffe://TD/ns/NS/sa/SA}) in the configured trust domain, as istiod's
 * {@code ClientCertAuthenticator}.
 */
public final class CertificateAuthenticator implements Authenticator {
    private static final int URI_SAN = 6;
    private final String trustDomain;

    public CertificateAuthenticator(String trustDomain) {
        this.trustDomain = trustDomain;
    }

    @Override
    public Optional<PeerIdentity> authenticate(Metadata headers, Attributes transport) throws AuthenticationFailure {
        SSLSession session = transport.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty(); // no client certificate: another method may prove the identity
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        List<String> uris = uriSans(leaf);
        for (String uri : uris) {
            Optional<PeerIdentity> id = PeerIdentity.parseSpiffe(uri, method());
            if (id.isPresent() && id.get().trustDomain().equals(trustDomain)) {
                return id;
            }
        }
        throw new AuthenticationFailure("the client certificate (" + leaf.getSubjectX500Principal().getName()
                + ") has no SPIFFE id of trust domain " + trustDomain + " among its URI SANs " + uris);
    }

    private static List<String> uriSans(X509Certificate cert) throws AuthenticationFailure {
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new AuthenticationFailure("the client certificate's subject alternative names cannot be read: "
                    + e.getMessage());
        }
        List<String> uris = new ArrayList<>();
        if (sans != null) {
            for (List<?> san : sans) {
                if (san.size() == 2 && Integer.valueOf(URI_SAN).equals(san.get(0)) && san.get(1) instanceof String s) {
                    uris.add(s);
                }
            }
        }
        return uris;
    }

    @Override
    public String method() {
        return "mtls";
    }
}
