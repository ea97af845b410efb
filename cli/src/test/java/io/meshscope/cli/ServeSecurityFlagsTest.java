package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code serve} refuses, before binding anything, settings that would expose the xDS port unprotected. */
class ServeSecurityFlagsTest {
    private static final String ECOMMERCE = "../examples/ecommerce";

    @Test
    void anUnauthenticatedXdsPortBeyondLoopbackIsAUsageError() {
        CliRun r = CliRun.run("serve", "-f", ECOMMERCE, "--listen-address", "0.0.0.0", "--xds-port", "0",
                "--admin-port", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to serve unauthenticated xDS on 0.0.0.0")
                .contains("--xds-allow-insecure");
    }

    @Test
    void aCertificateWithoutItsKeyOrAClientCaWithoutTlsIsAUsageError() {
        CliRun noKey = CliRun.run("serve", "-f", ECOMMERCE, "--xds-cert-file", "tls.crt");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("give both files or neither");
        CliRun noTls = CliRun.run("serve", "-f", ECOMMERCE, "--xds-client-ca-file", "ca.crt");
        assertThat(noTls.exitCode()).isEqualTo(2);
        assertThat(noTls.err()).contains("need TLS");
    }

    @Test
    void anUnreadableCertificateFileIsNamed() {
        CliRun r = CliRun.run("serve", "-f", ECOMMERCE, "--xds-port", "0", "--admin-port", "0",
                "--xds-cert-file", "missing.crt", "--xds-key-file", "missing.key");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read missing.crt: no such file");
    }
}
