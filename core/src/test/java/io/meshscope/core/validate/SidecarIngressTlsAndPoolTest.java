package io.meshscope.core.validate;

import static io.meshscope.core.validate.SidecarFixtures.ingressPool;
import static io.meshscope.core.validate.SidecarFixtures.ingressTls;
import static io.meshscope.core.validate.SidecarFixtures.pool;
import static io.meshscope.core.validate.SidecarFixtures.port;
import static io.meshscope.core.validate.SidecarFixtures.sidecar;
import static io.meshscope.core.validate.SidecarFixtures.tls;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.ConnectionPool;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.ServerTls;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules 19-28: ingress TLS restrictions, validateTLSOptions, connection pools. */
class SidecarIngressTlsAndPoolTest {
    private static final PortSpec HTTPS = port(443, "HTTPS", "https");
    private static final String T = "spec.ingress[0].tls";
    private static final String P = "spec.ingress[0].connectionPool";

    private static ValidationResult withTls(PortSpec port, ServerTls tls) {
        return sidecar().ingress(ingressTls(port, tls)).validate();
    }

    private static ValidationResult withPool(PortSpec port, ConnectionPool pool) {
        return sidecar().ingress(ingressPool(port, pool)).validate();
    }

    @Test
    void simpleTlsWithCertificateAndKeyOnHttpsIsValid() {
        ValidationResult r = withTls(HTTPS, tls("SIMPLE").certAndKey().build());
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void ingressTlsSubjectAltNamesAreRejected() {
        assertThat(withTls(HTTPS, tls("SIMPLE").certAndKey().subjectAltNames("a").build()).errors()).containsExactly(
                new FieldMessage(T + ".subjectAltNames", "sidecar: subjectAltNames is not supported in ingress tls"));
    }

    @Test
    void ingressTlsHttpsRedirectIsRejected() {
        assertThat(withTls(HTTPS, tls("SIMPLE").certAndKey().httpsRedirect().build()).errors()).containsExactly(
                new FieldMessage(T + ".httpsRedirect", "sidecar: httpsRedirect is not supported"));
    }

    @Test
    void ingressTlsCredentialNameIsRejected() {
        assertThat(withTls(HTTPS, tls("SIMPLE").credentialName("cred").build()).errors()).containsExactly(
                new FieldMessage(T + ".credentialName", "sidecar: credentialName is not currently supported"));
    }

    @Test
    void ingressTlsCredentialNamesAreRejected() {
        assertThat(withTls(HTTPS, tls("SIMPLE").credentialNames("a", "b").build()).errors()).containsExactly(
                new FieldMessage(T + ".credentialNames", "sidecar: credentialNames is not currently supported"));
    }

    @Test
    void ingressTlsCertificatesListIsRejected() {
        assertThat(withTls(HTTPS, tls("SIMPLE").tlsCertificates(1).build()).errors()).containsExactly(
                new FieldMessage(T + ".tlsCertificates", "sidecar: tls_certificates is not currently supported"));
    }

    @Test
    void ingressTlsIstioMutualIsRejectedAndHttpPortCannotHaveTls() {
        assertThat(withTls(port(90, "http", "foo"), tls("ISTIO_MUTUAL").build()).errors()).containsExactly(
                new FieldMessage(T + ".mode", "configuration is invalid: cannot set mode to ISTIO_MUTUAL in sidecar ingress tls"),
                new FieldMessage(T, "server cannot have TLS settings for non HTTPS/TLS ports"));
    }

    @Test
    void ingressTlsAutoPassthroughIsRejected() {
        assertThat(withTls(HTTPS, tls("AUTO_PASSTHROUGH").build()).errors()).containsExactly(new FieldMessage(T + ".mode",
                "configuration is invalid: cannot set mode to AUTO_PASSTHROUGH in sidecar ingress tls"));
    }

    @Test
    void tlsOnANonTlsPortIsAnError() {
        assertThat(withTls(port(90, "tcp", "t"), tls("SIMPLE").certAndKey().build()).errors()).containsExactly(
                new FieldMessage(T, "server cannot have TLS settings for non HTTPS/TLS ports"));
    }

    @Test
    void simpleTlsRequiresCertificateAndKey() {
        assertThat(withTls(HTTPS, tls("SIMPLE").build()).errors()).containsExactly(
                new FieldMessage(T + ".serverCertificate", "SIMPLE TLS requires a server certificate"),
                new FieldMessage(T + ".privateKey", "SIMPLE TLS requires a private key"));
    }

    @Test
    void mutualTlsRequiresClientCaBundle() {
        assertThat(withTls(HTTPS, tls("MUTUAL").certAndKey().build()).errors()).containsExactly(
                new FieldMessage(T + ".caCertificates", "MUTUAL TLS requires a client CA bundle"));
    }

    @Test
    void istioMutualWithCertificateIsRejectedTwice() {
        assertThat(withTls(HTTPS, tls("ISTIO_MUTUAL").serverCertificate("/c").build()).errors())
                .extracting(FieldMessage::message).containsExactly(
                        "configuration is invalid: cannot set mode to ISTIO_MUTUAL in sidecar ingress tls",
                        "ISTIO_MUTUAL TLS cannot have associated server certificate");
    }

    @Test
    void passthroughWithCertificatesWarns() {
        ValidationResult r = withTls(HTTPS, tls("PASSTHROUGH").serverCertificate("/c").build());
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(
                new FieldMessage(T, "PASSTHROUGH mode does not use certificates, they will be ignored"));
    }

    @Test
    void cipherSuiteAndProtocolVersionWarnings() {
        ValidationResult r = withTls(HTTPS, tls("SIMPLE").certAndKey()
                .cipherSuites("FOO", "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "-BAR").build());
        assertThat(r.warnings()).containsExactly(
                new FieldMessage(T + ".cipherSuites", "ignoring invalid cipher suites: [FOO]"),
                new FieldMessage(T + ".cipherSuites", "ignoring duplicate cipher suites: [ECDHE-RSA-AES128-SHA]"));
        ValidationResult old = withTls(HTTPS, tls("SIMPLE").certAndKey().minProtocolVersion("TLSV1_1").build());
        assertThat(old.warnings()).containsExactly(new FieldMessage(T + ".minProtocolVersion",
                "TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include "
                        + "compatible ciphers."));
    }

    @Test
    void crlIsNotSupportedWithSimpleTls() {
        assertThat(withTls(HTTPS, tls("SIMPLE").certAndKey().caCrl("/crl").build()).errors()).containsExactly(
                new FieldMessage(T + ".caCrl", "CRL is not supported with SIMPLE TLS"));
    }

    @Test
    void emptyPerPortConnectionPoolIsAnError() {
        assertThat(withPool(port(90, "http", "h"), pool(null, null)).errors())
                .containsExactly(new FieldMessage(P, "connection pool must have at least one field"));
    }

    @Test
    void negativeConnectionPoolValuesAreErrors() {
        ValidationResult r = withPool(port(90, "http", "h"), pool(Map.of("maxConnections", -1L),
                Map.of("http1MaxPendingRequests", -1L, "maxRetries", -2L)));
        assertThat(r.errors()).containsExactly(
                new FieldMessage(P + ".http.http1MaxPendingRequests", "http1 max pending requests must be non-negative"),
                new FieldMessage(P + ".http.maxRetries", "max retries must be non-negative"),
                new FieldMessage(P + ".tcp.maxConnections", "max connections must be non-negative"));
    }

    @Test
    void connectionPoolDurationsNeedMillisecondPrecisionAndAtLeastOneMillisecond() {
        ValidationResult r = withPool(port(90, "http", "h"), pool(
                Map.of("connectTimeout", "0.5ms", "maxConnectionDuration", "1500us", "idleTimeout", "0s"),
                Map.of("idleTimeout", "0s")));
        assertThat(r.errors()).containsExactly(
                new FieldMessage(P + ".http.idleTimeout", "duration must be greater than 1ms"),
                new FieldMessage(P + ".tcp.connectTimeout", "duration must be greater than 1ms"),
                new FieldMessage(P + ".tcp.maxConnectionDuration", "only durations to ms precision are supported"));
    }

    @Test
    void unparsableDurationIsReportedWithGoText() {
        assertThat(withPool(port(90, "http", "h"), pool(Map.of("connectTimeout", "abc"), null)).errors())
                .containsExactly(new FieldMessage(P + ".tcp.connectTimeout", "bad Duration: time: invalid duration \"abc\""));
    }

    @Test
    void useClientProtocolConflictsWithH2Upgrade() {
        assertThat(withPool(port(90, "http", "h"), pool(null, Map.of("h2UpgradePolicy", "UPGRADE",
                "useClientProtocol", true))).errors()).containsExactly(new FieldMessage(P + ".http.useClientProtocol",
                "use client protocol must not be true when H2UpgradePolicy is UPGRADE"));
    }

    @Test
    void topLevelInboundConnectionPoolIsValidatedToo() {
        ValidationResult r = sidecar().ingress(ingressPool(port(90, "http", "h"), null))
                .inboundPool(pool(null, Map.of("maxRetries", -1L))).validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.inboundConnectionPool.http.maxRetries", "max retries must be non-negative"));
    }

    @Test
    void httpPoolOnTcpPortWarns() {
        ValidationResult r = withPool(port(90, "tcp", "foo"), pool(null, Map.of("http1MaxPendingRequests", 1024L,
                "http2MaxRequests", 1024L, "maxRequestsPerConnection", 1024L, "maxRetries", 1024L)));
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(new FieldMessage(P + ".http", "sidecar: HTTP connection pool settings"
                + " are configured for port 90 (\"foo\") but its protocol is not HTTP (tcp); only TCP settings will apply"));
    }

    @Test
    void httpPoolOnSniffedPortWarnsBecauseEmptyProtocolIsNotHttp() {
        ValidationResult r = withPool(port(90, "", ""), pool(null, Map.of("maxRetries", 1L)));
        assertThat(r.warnings()).extracting(FieldMessage::message).containsExactly("sidecar: HTTP connection pool"
                + " settings are configured for port 90 (\"\") but its protocol is not HTTP (); only TCP settings will apply");
    }
}
