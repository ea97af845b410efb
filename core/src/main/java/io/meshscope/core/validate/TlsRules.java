package io.meshscope.core.validate;

import io.meshscope.core.model.ServerTls;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Istio's {@code validateTLSOptions} for ServerTLSSettings (shared by Gateway servers and Sidecar ingress tls):
 * cipher and protocol-version warnings, ISTIO_MUTUAL exclusivity, certificate-source and per-mode requirements.
 */
final class TlsRules {
    /** {@code security.ValidCipherSuites}: the BoringSSL names Envoy accepts. */
    private static final Set<String> VALID_CIPHERS = Set.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
            "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA",
            "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA");

    private TlsRules() {
    }

    /** Validates {@code tls} (field path {@code path}) exactly as {@code validateTLSOptions} orders its checks. */
    static void validate(ServerTls tls, String path, Findings f) {
        if (tls == null) {
            return;
        }
        String mode = tls.mode();
        if ((tls.minProtocolVersion().equals("TLSV1_0") || tls.minProtocolVersion().equals("TLSV1_1"))
                && tls.cipherSuites().isEmpty()) {
            f.warning(path + ".minProtocolVersion", "TLS version below TLSV1_2 require setting compatible ciphers"
                    + " as by default they no longer include compatible ciphers.");
        }
        cipherWarnings(tls, path, f);
        if (mode.equals("ISTIO_MUTUAL")) {
            // ISTIO_MUTUAL uses the workload certificate: no other source may be given.
            istioMutual(tls, path, f);
            return;
        }
        boolean credentialNames = !tls.credentialNames().isEmpty();
        boolean tlsCertificates = tls.tlsCertificates() > 0;
        if ((mode.equals("PASSTHROUGH") || mode.equals("AUTO_PASSTHROUGH"))
                && (!tls.caCrl().isEmpty() || !tls.serverCertificate().isEmpty() || !tls.privateKey().isEmpty()
                || !tls.caCertificates().isEmpty() || tlsCertificates || !tls.credentialName().isEmpty()
                || credentialNames)) {
            f.warning(path, mode + " mode does not use certificates, they will be ignored");
        }
        int sources = (!tls.serverCertificate().isEmpty() && !tls.privateKey().isEmpty() ? 1 : 0)
                + (!tls.credentialName().isEmpty() ? 1 : 0) + (credentialNames ? 1 : 0) + (tlsCertificates ? 1 : 0);
        if (sources > 1) {
            f.error(path, "only one of credential_name, credential_names, server_certificate/private_key,"
                    + " tls_certificates should be specified");
        }
        boolean terminating = mode.equals("SIMPLE") || mode.equals("MUTUAL") || mode.equals("OPTIONAL_MUTUAL");
        if (terminating && (!tls.credentialName().isEmpty() || credentialNames)) {
            return; // credentials are fetched over SDS; file fields are not required
        }
        if (terminating) {
            requireCertificates(tls, path, f, mode.equals("SIMPLE") ? "SIMPLE TLS" : "MUTUAL TLS");
        }
        if (!tls.caCrl().isEmpty()) {
            if (!tls.credentialName().isEmpty()) {
                f.error(path + ".caCrl", "CRL is not supported with credentialName. CRL has to be specified in the"
                        + " credential");
            }
            if (mode.equals("SIMPLE")) {
                f.error(path + ".caCrl", "CRL is not supported with SIMPLE TLS");
            }
        }
    }

    private static void istioMutual(ServerTls tls, String path, Findings f) {
        String p = "ISTIO_MUTUAL TLS cannot have associated ";
        if (!tls.serverCertificate().isEmpty()) {
            f.error(path + ".serverCertificate", p + "server certificate");
        }
        if (!tls.privateKey().isEmpty()) {
            f.error(path + ".privateKey", p + "private key");
        }
        if (!tls.caCertificates().isEmpty()) {
            f.error(path + ".caCertificates", p + "CA bundle");
        }
        if (tls.tlsCertificates() > 0) {
            f.error(path + ".tlsCertificates", p + "tlsCertificates");
        }
        if (!tls.credentialName().isEmpty()) {
            f.error(path + ".credentialName", p + "credentialName");
        }
        if (!tls.credentialNames().isEmpty()) {
            f.error(path + ".credentialNames", p + "credentialNames");
        }
    }

    private static void requireCertificates(ServerTls tls, String path, Findings f, String prefix) {
        if (prefix.equals("MUTUAL TLS") && tls.caCertificates().isEmpty()) {
            f.error(path + ".caCertificates", prefix + " requires a client CA bundle");
        }
        if (tls.tlsCertificates() > 2) {
            f.warning(path + ".tlsCertificates", prefix + " can support up to 2 server certificates");
        }
        if (tls.tlsCertificates() > 0) {
            // The model keeps only the count of tlsCertificates entries, so their contents cannot be checked.
            return;
        }
        if (tls.serverCertificate().isEmpty()) {
            f.error(path + ".serverCertificate", prefix + " requires a server certificate");
        }
        if (tls.privateKey().isEmpty()) {
            f.error(path + ".privateKey", prefix + " requires a private key");
        }
    }

    private static void cipherWarnings(ServerTls tls, String path, Findings f) {
        Set<String> invalid = new TreeSet<>();
        Set<String> valid = new LinkedHashSet<>();
        Set<String> duplicate = new TreeSet<>();
        for (String cs : tls.cipherSuites()) {
            if (!isValidCipherSuite(cs)) {
                invalid.add(cs);
            } else if (!valid.add(cs)) {
                duplicate.add(cs);
            }
        }
        if (!invalid.isEmpty()) {
            f.warning(path + ".cipherSuites", "ignoring invalid cipher suites: " + GoText.sortedList(invalid));
        }
        if (!duplicate.isEmpty()) {
            f.warning(path + ".cipherSuites", "ignoring duplicate cipher suites: " + GoText.sortedList(duplicate));
        }
    }

    /** {@code security.IsValidCipherSuite}: "", "ALL", operator expressions (first byte not alnum), or a known name. */
    static boolean isValidCipherSuite(String cs) {
        if (cs.isEmpty() || cs.equals("ALL")) {
            return true;
        }
        int first = cs.getBytes(StandardCharsets.UTF_8)[0] & 0xFF; // Go: rune(cs[0]), a Latin-1 reading of byte 0
        int type = Character.getType(first);
        boolean number = type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
        if (!number && !Character.isLetter(first)) {
            return true;
        }
        return VALID_CIPHERS.contains(cs);
    }
}
