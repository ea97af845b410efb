package io.meshscope.server.security;

import io.grpc.Attributes;
import io.grpc.Metadata;
import java.util.Optional;

/** One way an xDS client proves who it is (istiod's {@code security.Authenticator}). */
public interface Authenticator {
    /**
     * The identity this call's credential proves; empty when the call carries no credential of this kind.
     *
     * @throws AuthenticationFailure when it carries one that proves nothing
     */
    Optional<PeerIdentity> authenticate(Metadata headers, Attributes transport) throws AuthenticationFailure;

    /** A short name for logs and metrics: {@code mtls}, {@code token}. */
    String method();
}
