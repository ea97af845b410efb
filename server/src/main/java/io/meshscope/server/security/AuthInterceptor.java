package io.meshscope.server.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every xDS call before its stream starts, as istiod's {@code authenticate}: each method in turn
 * (client certificate, then token); the first identity proven goes into the call's {@link Context} for the stream
 * to bind its node to ({@link IdentityCheck}). A call no method authenticates is closed with UNAUTHENTICATED and
 * the reasons; the stream never starts, so it is sent nothing.
 */
public final class AuthInterceptor implements ServerInterceptor {
    /** The caller's proven identity, for the call's handlers. */
    public static final Context.Key<PeerIdentity> IDENTITY = Context.key("meshscope-peer-identity");
    private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);

    private final List<Authenticator> methods;
    private final Consumer<String> failures;

    /** {@code failures} is told the reason class of each refused call (for the metric). */
    public AuthInterceptor(List<Authenticator> methods, Consumer<String> failures) {
        this.methods = List.copyOf(methods);
        this.failures = failures;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        List<String> why = new ArrayList<>();
        for (Authenticator method : methods) {
            try {
                Optional<PeerIdentity> id = method.authenticate(headers, call.getAttributes());
                if (id.isPresent()) {
                    return Contexts.interceptCall(Context.current().withValue(IDENTITY, id.get()), call, headers, next);
                }
            } catch (AuthenticationFailure e) {
                why.add(method.method() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                why.add(method.method() + ": " + e);
            }
        }
        String reason = why.isEmpty() ? "no credential: a client certificate or a bearer token is required"
                : String.join("; ", why);
        log.warn("refused xDS client {}: authentication failure: {}",
                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), reason);
        failures.accept(why.isEmpty() ? "no_credential" : "invalid_credential");
        call.close(Status.UNAUTHENTICATED.withDescription("authentication failure: " + reason), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
