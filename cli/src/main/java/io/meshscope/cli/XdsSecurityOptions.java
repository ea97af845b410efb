package io.meshscope.cli;

import io.meshscope.server.security.XdsSecurity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code serve}'s xDS security flags: TLS files, client certificates, service-account tokens. */
final class XdsSecurityOptions {
    @Option(names = "--xds-cert-file", paramLabel = "FILE", description = "PEM certificate chain of the xDS port "
            + "(turns TLS on; e.g. tls.crt of a mounted Secret). Re-read when it changes.")
    Path certFile;

    @Option(names = "--xds-key-file", paramLabel = "FILE", description = "PEM private key for --xds-cert-file "
            + "(PKCS#8, PKCS#1 or SEC1).")
    Path keyFile;

    @Option(names = "--xds-client-ca-file", paramLabel = "FILE", description = "PEM CA bundle client certificates "
            + "must chain to; the client's identity is its SPIFFE URI SAN (spiffe://TD/ns/NS/sa/SA).")
    Path clientCaFile;

    @Option(names = "--xds-token-auth", description = "Accept Kubernetes service-account tokens (gRPC metadata "
            + "'authorization: Bearer ...'), verified with the TokenReview API.")
    boolean tokenAuth;

    @Option(names = "--xds-token-audience", paramLabel = "AUD", split = ",", description = "Audiences a token must "
            + "be for (default: istio-ca).")
    List<String> audiences = new ArrayList<>();

    @Option(names = "--trust-domain", paramLabel = "TD", defaultValue = XdsSecurity.DEFAULT_TRUST_DOMAIN,
            description = "SPIFFE trust domain of client identities (default: ${DEFAULT-VALUE}).")
    String trustDomain = XdsSecurity.DEFAULT_TRUST_DOMAIN;

    @Option(names = "--xds-allow-insecure", description = "Serve xDS without authentication (or tokens without "
            + "TLS) on a non-loopback address; a warning is logged at start.")
    boolean allowInsecure;

    /** The settings; IllegalArgumentException for a combination that cannot work. */
    XdsSecurity resolve() {
        return new XdsSecurity(Optional.ofNullable(certFile), Optional.ofNullable(keyFile),
                Optional.ofNullable(clientCaFile), trustDomain, tokenAuth,
                audiences.isEmpty() ? XdsSecurity.DEFAULT_AUDIENCES : audiences, allowInsecure);
    }
}
