package io.meshscope.server.security;

import java.util.Optional;

/**
 * Binds what a node claims to who it proved to be, as istiod's {@code checkConnectionIdentity}: the namespace
 * whose config it asks for must be its identity's, and when the node names a service account ({@code
 * SERVICE_ACCOUNT} metadata) that must be its identity's too. Istio skips the namespace check when the node names
 * none; meshscope instead serves such a node its identity's namespace ({@link #namespaceFor}), so a blank or
 * garbage node id never reaches another namespace's config or the whole mesh's.
 */
public final class IdentityCheck {
    private IdentityCheck() {
    }

    /**
     * Why a node of {@code identity} may not have the config of {@code namespace} (the namespace it resolves to,
     * its workload's included) with {@code claimedServiceAccount} (empty when not claimed); empty when it may.
     * The wording is istiod's.
     */
    public static Optional<String> refusal(PeerIdentity identity, String namespace, String claimedServiceAccount) {
        boolean namespaceOk = namespace.equals(identity.namespace());
        boolean accountOk = claimedServiceAccount.isEmpty() || claimedServiceAccount.equals(identity.serviceAccount());
        if (namespaceOk && accountOk) {
            return Optional.empty();
        }
        return Optional.of("no identities ([" + identity.spiffeId() + "]) matched " + namespace + "/"
                + claimedServiceAccount);
    }

    /** The namespace to serve: the one claimed, or the identity's when the node claimed none. */
    public static String namespaceFor(PeerIdentity identity, boolean claimed, String claimedNamespace) {
        return claimed ? claimedNamespace : identity.namespace();
    }
}
