package io.meshscope.core.model;

import java.util.List;

/** {@code spec.ingress[].tls} (Istio's ServerTLSSettings), as far as validation reads it. */
public record ServerTls(
        String mode,
        boolean httpsRedirect,
        String serverCertificate,
        String privateKey,
        String caCertificates,
        String caCrl,
        String credentialName,
        List<String> credentialNames,
        int tlsCertificates,
        List<String> subjectAltNames,
        String minProtocolVersion,
        List<String> cipherSuites) {

    public ServerTls {
        mode = mode == null ? "PASSTHROUGH" : mode;
        serverCertificate = nullToEmpty(serverCertificate);
        privateKey = nullToEmpty(privateKey);
        caCertificates = nullToEmpty(caCertificates);
        caCrl = nullToEmpty(caCrl);
        credentialName = nullToEmpty(credentialName);
        credentialNames = credentialNames == null ? List.of() : List.copyOf(credentialNames);
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
        minProtocolVersion = minProtocolVersion == null ? "TLS_AUTO" : minProtocolVersion;
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
