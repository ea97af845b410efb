package io.meshscope.server.security;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.meshscope.server.metrics.ServerMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xDS port's security as the gRPC server needs it: the TLS context, the authenticating interceptor, and the
 * rule that a port reachable from other hosts is not served unauthenticated (or with tokens in plaintext) unless
 * the operator said so explicitly, which is then logged as a warning at every start.
 */
public final class XdsPortSecurity {
    private static final Logger log = LoggerFactory.getLogger(XdsPortSecurity.class);

    private final XdsSecurity security;
    private final XdsTls tls;
    private final AuthInterceptor interceptor;

    private XdsPortSecurity(XdsSecurity security, XdsTls tls, AuthInterceptor interceptor) {
        this.security = security;
        this.tls = tls;
        this.interceptor = interceptor;
    }

    /**
     * Checks the settings against the address and reads the TLS files.
     *
     * @param reviewer the TokenReview client, asked for only when tokens are checked
     * @throws IllegalArgumentException when the settings would expose the port unprotected (a usage error)
     * @throws IOException when a certificate, key or CA file cannot be read
     */
    public static XdsPortSecurity prepare(XdsSecurity security, String listenAddress,
                                          Supplier<TokenReviewer> reviewer, ServerMetrics metrics) throws IOException {
        boolean loopback = isLoopback(listenAddress);
        if (!loopback && !security.allowPlaintext()) {
            if (!security.authenticates()) {
                throw new IllegalArgumentException("refusing to serve unauthenticated xDS on " + listenAddress
                        + ": any process that reaches the port would get any namespace's config. Give"
                        + " --xds-client-ca-file (with --xds-cert-file/--xds-key-file) or --xds-token-auth, or"
                        + " --xds-allow-insecure to accept that");
            }
            if (!security.tls()) {
                throw new IllegalArgumentException("refusing to take service-account tokens in plaintext on "
                        + listenAddress + ": give --xds-cert-file and --xds-key-file, or --xds-allow-insecure to"
                        + " accept that");
            }
        }
        if (!loopback && (!security.authenticates() || !security.tls())) {
            log.warn("xDS on {} is {}{} (--xds-allow-insecure)", listenAddress,
                    security.tls() ? "encrypted" : "PLAINTEXT",
                    security.authenticates() ? "" : " and UNAUTHENTICATED: any client gets any namespace's config");
        }
        XdsTls tls = security.tls() ? XdsTls.of(security, System::nanoTime) : null;
        List<Authenticator> methods = new ArrayList<>();
        if (security.clientCertificates()) {
            methods.add(new CertificateAuthenticator(security.trustDomain()));
        }
        if (security.tokenAuth()) {
            methods.add(new TokenAuthenticator(reviewer.get(), security.tokenAudiences(), security.trustDomain(),
                    System::nanoTime));
        }
        AuthInterceptor interceptor = methods.isEmpty() ? null
                : new AuthInterceptor(methods, reason -> metrics.xdsAuthFailure("authentication", reason));
        return new XdsPortSecurity(security, tls, interceptor);
    }

    /** TLS on the builder when configured. */
    public NettyServerBuilder apply(NettyServerBuilder builder) {
        return tls == null ? builder : builder.sslContext(tls.context());
    }

    /** The service, behind authentication when configured. */
    public ServerServiceDefinition wrap(BindableService service) {
        return interceptor == null ? service.bindService() : ServerInterceptors.intercept(service, interceptor);
    }

    /** One line for the start-up log. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(tls == null ? "plaintext" : "TLS, certificate " + tls.describeCertificate());
        if (security.clientCertificates()) {
            parts.add((security.tokenAuth() ? "client certificates (optional)" : "client certificates required")
                    + " from " + security.clientCaFile().get());
        }
        if (security.tokenAuth()) {
            parts.add("service-account tokens (TokenReview, audiences " + security.tokenAudiences() + ")");
        }
        parts.add(security.authenticates() ? "nodes bound to their identity's namespace (trust domain "
                + security.trustDomain() + ")" : "unauthenticated");
        return String.join("; ", parts);
    }

    /** Whether {@code address} is a loopback address (other hosts cannot reach a port bound to it). */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
