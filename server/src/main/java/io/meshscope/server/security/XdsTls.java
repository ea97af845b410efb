package io.meshscope.server.security;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * The xDS port's TLS context: the server key and certificate from files, reloaded on rotation; with a client CA
 * bundle, client certificates are verified (required, or optional when a token may prove the identity instead).
 * The JDK's TLS provider is used so that the reloading key and trust managers are asked at every handshake.
 */
public final class XdsTls {
    private final ReloadingKeyManager keys;
    private final SslContext context;

    private XdsTls(ReloadingKeyManager keys, SslContext context) {
        this.keys = keys;
        this.context = context;
    }

    /** Reads the files now; an unreadable or mismatched file is an IOException naming it. */
    public static XdsTls of(XdsSecurity security, LongSupplier nanoTime) throws IOException {
        ReloadingKeyManager keys = new ReloadingKeyManager(security.certFile().orElseThrow(),
                security.keyFile().orElseThrow(), nanoTime);
        SslContextBuilder builder = SslContextBuilder.forServer(keys);
        if (security.clientCaFile().isPresent()) {
            builder.trustManager(new ReloadingTrustManager(security.clientCaFile().get(), nanoTime))
                    .clientAuth(security.tokenAuth() ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE);
        }
        return new XdsTls(keys, GrpcSslContexts.configure(builder, SslProvider.JDK).build());
    }

    public SslContext context() {
        return context;
    }

    /** The subject and serial of the certificate in use, for the start-up log. */
    public String describeCertificate() {
        var leaf = keys.certificate();
        return leaf.getSubjectX500Principal().getName() + " (serial " + leaf.getSerialNumber().toString(16)
                + ", valid until " + leaf.getNotAfter().toInstant() + ")";
    }
}
