package io.meshscope.server.security;

/** A credential was presented and did not prove an identity; the message says why, without the credential. */
public final class AuthenticationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailure(String message) {
        super(message);
    }
}
