package io.meshscope.core.validate;

import static io.meshscope.core.validate.SidecarFixtures.egress;
import static io.meshscope.core.validate.SidecarFixtures.ingress;
import static io.meshscope.core.validate.SidecarFixtures.ingressPool;
import static io.meshscope.core.validate.SidecarFixtures.ingressTls;
import static io.meshscope.core.validate.SidecarFixtures.outbound;
import static io.meshscope.core.validate.SidecarFixtures.pool;
import static io.meshscope.core.validate.SidecarFixtures.port;
import static io.meshscope.core.validate.SidecarFixtures.sidecar;
import static io.meshscope.core.validate.SidecarFixtures.tls;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.EgressProxy;
import io.meshscope.core.model.IngressListener;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published cases of /work/shared/conformance/validation, rebuilt as records and checked the way the corpus
 * checks them: validity, error/warning substrings, {@code noWarnings}, {@code absentErrors}.
 */
class SidecarConformanceCasesTest {

    private static void expect(ValidationResult r, boolean valid, List<String> errors, List<String> warnings) {
        String errorText = r.errors().stream().map(FieldMessage::message).collect(Collectors.joining("\n"));
        String warningText = r.warnings().stream().map(FieldMessage::message).collect(Collectors.joining("\n"));
        assertThat(r.valid()).as("valid; errors: %s", errorText).isEqualTo(valid);
        errors.forEach(e -> assertThat(errorText).contains(e));
        warnings.forEach(w -> assertThat(warningText).contains(w));
    }

    private static void noWarnings(ValidationResult r) {
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void catchAllBindNotValidated() {
        ValidationResult r = sidecar().egress(egress(null, "not-an-ip", CaptureMode.NONE, "*/*")).validate();
        expect(r, true, List.of(), List.of());
        noWarnings(r);
    }

    @Test
    void catchAllNotLast() {
        expect(sidecar().egress(egress("*/foo.com"), egress(port(8080, "http", "h8080"), "ns1/bar.com")).validate(),
                false, List.of("sidecar: the egress listener with empty port should be the last listener in the list"),
                List.of());
    }

    @Test
    void duplicateHostSameNamespaceWarns() {
        expect(sidecar().egress(egress("test/*", "test/a.com")).validate(), true, List.of(),
                List.of("duplicated egress host: test/a.com"));
    }

    @Test
    void duplicateUdsBind() {
        EgressListener uds = egress(port(0, "http", "uds"), "unix:///@foo/bar/com", CaptureMode.DEFAULT, "ns1/bar.com");
        expect(sidecar().egress(uds, uds).validate(), false,
                List.of("sidecar: unix domain socket values for listeners must be unique"), List.of());
    }

    @Test
    void egressInvalidPortName() {
        expect(sidecar().egress(egress(port(8080, "http", "Bad_Name"), "ns1/bar.com")).validate(), false,
                List.of("invalid port name: Bad_Name"), List.of());
    }

    @Test
    void egressPortWithoutName() {
        ValidationResult r = sidecar().egress(egress(port(8080, "http", null), "ns1/bar.com")).validate();
        expect(r, true, List.of(), List.of());
        noWarnings(r);
    }

    @Test
    void egressProxyWithoutModeIsRegistryOnly() {
        expect(sidecar().outbound(outbound(null, new EgressProxy("foo.bar", "shiny", 5000L))).egress(egress("*/*"))
                        .validate(), false,
                List.of("sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode"), List.of());
    }

    @Test
    void egressTargetPortIsError() {
        expect(sidecar().egress(egress(port(8080, "http", "http", 9090), "ns1/bar.com")).validate(), false,
                List.of("targetPort has no impact on Sidecars"), List.of());
    }

    @Test
    void emptyHosts() {
        expect(sidecar().egress(egress()).validate(), false,
                List.of("sidecar: egress listener must contain at least one host"), List.of());
    }

    @Test
    void emptySpec() {
        expect(sidecar().validate(), false, List.of("sidecar: empty configuration provided"), List.of());
    }

    @Test
    void httpPoolOnTcpPortWarns() {
        expect(sidecar().ingress(ingressPool(port(90, "tcp", "foo"), pool(null, Map.of("http1MaxPendingRequests", 1024L,
                        "http2MaxRequests", 1024L, "maxRequestsPerConnection", 1024L, "maxRetries", 1024L)))).validate(),
                true, List.of(), List.of("sidecar: HTTP connection pool settings are configured for port 90 (\"foo\") but"
                        + " its protocol is not HTTP (tcp); only TCP settings will apply"));
    }

    @Test
    void importLocalNamespaceFqdnAndWildcard() {
        for (String host : List.of("./foo.com", "./*")) {
            ValidationResult r = sidecar().egress(egress(host)).validate();
            expect(r, true, List.of(), List.of());
            noWarnings(r);
        }
    }

    @Test
    void ingressDefaultEndpointPortNotNumber() {
        expect(sidecar().ingress(ingress(port(90, "http", "foo"), "", "127.0.0.1:hi")).egress(egress("*/*")).validate(),
                false, List.of("sidecar: defaultEndpoint port (hi) is not a number"), List.of());
    }

    @Test
    void ingressDefaultEndpointUdsRoot() {
        expect(sidecar().ingress(ingress(port(90, "http", "foo"), "", "unix:///")).egress(egress("*/*")).validate(),
                false, List.of("/ is not an absolute path to a file"), List.of());
    }

    @Test
    void ingressDuplicatePorts() {
        expect(sidecar().ingress(ingress(port(90, "http", "foo"), "", "127.0.0.1:110"),
                        ingress(port(90, "tcp", "bar"), "", "127.0.0.1:110")).egress(egress("*/*")).validate(), false,
                List.of("sidecar: ports on IP bound listeners must be unique"), List.of());
    }

    @Test
    void ingressTlsIstioMutual() {
        IngressListener in = new IngressListener(port(90, "http", "foo"), "", CaptureMode.DEFAULT, "127.0.0.1:9999",
                tls("ISTIO_MUTUAL").build(), null);
        expect(sidecar().ingress(in).validate(), false, List.of(
                "configuration is invalid: cannot set mode to ISTIO_MUTUAL in sidecar ingress tls",
                "server cannot have TLS settings for non HTTPS/TLS ports"), List.of());
    }

    @Test
    void invalidEgressPort() {
        expect(sidecar().egress(egress(port(1_000_000, "http1", ""), "ns1/bar.com")).validate(), false,
                List.of("unsupported protocol: http1", "port number 1000000 must be in the range 1..65535"), List.of());
    }

    @Test
    void invalidTopLevelConnectionPool() {
        expect(sidecar().inboundPool(pool(null, null)).validate(), false,
                List.of("connection pool must have at least one field"), List.of());
    }

    @Test
    void ipAddressHostRejected() {
        expect(sidecar().egress(egress("ns1/10.0.0.1")).validate(), false,
                List.of("domain name \"0.0.1\" invalid (top level domain \"1\" cannot be all-numeric)"), List.of());
    }

    @Test
    void starStarWithOtherNamespaceWarns() {
        expect(sidecar().egress(egress("*/*", "test/a.com")).validate(), true, List.of(),
                List.of("`*/*` host select all resources, no other hosts can be added"));
    }

    @Test
    void threeCatchAllListenersOnlyOneMessageKind() {
        ValidationResult r = sidecar().egress(egress("ns1/a.com"), egress("ns1/b.com"), egress("ns1/c.com")).validate();
        expect(r, false, List.of("sidecar: the egress listener with empty port should be the last listener in the list"),
                List.of());
        assertThat(r.errors()).extracting(FieldMessage::message)
                .noneMatch(m -> m.contains("sidecar: egress can have only one listener with empty port"));
    }

    @Test
    void udsEgressValid() {
        ValidationResult r = sidecar().egress(egress(port(0, "http", "uds"), "unix:///@foo/bar/com", CaptureMode.DEFAULT,
                "ns1/bar.com")).validate();
        expect(r, true, List.of(), List.of());
        noWarnings(r);
    }

    @Test
    void udsIngressInvalid() {
        expect(sidecar().ingress(ingress(port(0, "http", "uds"), "unix:///@foo/bar/com", "127.0.0.1:9999")).validate(),
                false, List.of("port number 0 must be in the range 1..65535", "unix:///@foo/bar/com is not a valid IP"),
                List.of());
    }

    @Test
    void udsPortZeroNeedsUnixBind() {
        expect(sidecar().egress(egress(port(0, "http", "uds"), "foobar:///@foo/bar/com", CaptureMode.DEFAULT,
                        "ns1/bar.com")).validate(), false,
                List.of("sidecar: ports with 0 value must have a unix domain socket bind address"), List.of());
    }

    @Test
    void wildcardNamespaceAndSpecificNoWarning() {
        ValidationResult r = sidecar().egress(egress("*/b.com", "test/a.com")).validate();
        expect(r, true, List.of(), List.of());
        noWarnings(r);
    }

    @Test
    void workloadSelectorWildcardValue() {
        ValidationResult r = sidecar().selector(Map.of("app", "*")).egress(egress("bad/short")).validate();
        expect(r, false, List.of("wildcard is not supported in selector: \"app=*\""), List.of());
        assertThat(r.errors()).extracting(FieldMessage::message)
                .noneMatch(m -> m.contains("short names (non FQDN) are not allowed"));
    }

    @Test
    void workloadSelectorWithoutLabelsWarns() {
        expect(sidecar().selector(Map.of()).egress(egress("*/*")).validate(), true, List.of(), List.of(
                "sidecar: workload selector specified without labels, will be applied to all services in namespace"));
    }

    @Test
    void tildeStarIsValid() {
        ValidationResult r = sidecar().egress(egress("~/*")).validate();
        expect(r, true, List.of(), List.of());
        noWarnings(r);
    }

    @Test
    void shortNamesRejected() {
        for (String host : List.of("backend/orders-service", "istio-system/istiod")) {
            expect(sidecar().egress(egress(host)).validate(), false, List.of("short names (non FQDN) are not allowed"),
                    List.of());
        }
    }

    @Test
    void httpsIngressWithSimpleTlsIsValid() {
        ValidationResult r = sidecar().ingress(ingressTls(port(443, "HTTPS", "https"), tls("SIMPLE").certAndKey()
                .build())).validate();
        expect(r, true, List.of(), List.of());
    }
}
