package io.meshscope.server.security;

import java.util.Optional;

/**
 * Who an authenticated xDS client is: the workload identity istiod derives from a client certificate's SPIFFE URI
 * SAN or from a Kubernetes service-account token, {@code spiffe://<trust-domain>/ns/<namespace>/sa/<account>}.
 *
 * @param trustDomain the SPIFFE trust domain ({@code cluster.local} by default in Istio)
 * @param namespace the Kubernetes namespace the identity belongs to
 * @param serviceAccount the service account
 * @param method how it was proven: {@code mtls} or {@code token}
 */
public record PeerIdentity(String trustDomain, String namespace, String serviceAccount, String method) {
    private static final String SCHEME = "spiffe://";

    /** The identity as a SPIFFE id. */
    public String spiffeId() {
        return SCHEME + trustDomain + "/ns/" + namespace + "/sa/" + serviceAccount;
    }

    /**
     * Parses {@code spiffe://TD/ns/NS/sa/SA} as istio's {@code spiffe.ParseIdentity} does: exactly those five
     * segments, none empty. Anything else (another URI SAN, a SPIFFE id of another shape) is empty.
     */
    public static Optional<PeerIdentity> parseSpiffe(String uri, String method) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String[] parts = uri.substring(SCHEME.length()).split("/", -1);
        if (parts.length != 5 || !parts[1].equals("ns") || !parts[3].equals("sa")) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new PeerIdentity(parts[0], parts[2], parts[4], method));
    }

    @Override
    public String toString() {
        return spiffeId() + " (" + method + ")";
    }
}
