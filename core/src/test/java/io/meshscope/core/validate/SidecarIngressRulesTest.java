package io.meshscope.core.validate;

import static io.meshscope.core.validate.SidecarFixtures.ingress;
import static io.meshscope.core.validate.SidecarFixtures.port;
import static io.meshscope.core.validate.SidecarFixtures.sidecar;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.IngressListener;
import org.junit.jupiter.api.Test;

/** Rules 5-18: ingress items, ports, binds and defaultEndpoint. */
class SidecarIngressRulesTest {
    private static final String EP = "spec.ingress[0].defaultEndpoint";

    private static ValidationResult endpoint(String defaultEndpoint) {
        return sidecar().ingress(ingress(port(90, "http", "foo"), "", defaultEndpoint)).validate();
    }

    @Test
    void nullIngressItemIsAnError() {
        ValidationResult r = sidecar().ingress((IngressListener) null).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.ingress[0]", "sidecar: ingress may not be null"));
    }

    @Test
    void ingressWithoutPortIsReportedAndItsOtherFieldsSkipped() {
        IngressListener noPort = new IngressListener(null, "not-an-ip", CaptureMode.DEFAULT, "garbage", null, null);
        ValidationResult r = sidecar().ingress(noPort).validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.ingress[0].port", "sidecar: port is required for ingress listeners"));
    }

    @Test
    void ingressTargetPortIsAnErrorNotAWarning() {
        ValidationResult r = sidecar().ingress(ingress(port(8080, "http", "http", 9090))).validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.ingress[0].port.targetPort", "targetPort has no impact on Sidecars"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void ingressPortNameMustBeADns1123Label() {
        ValidationResult r = sidecar().ingress(ingress(port(8080, "http", "Bad_Name"))).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.ingress[0].port.name", "invalid port name: Bad_Name"));
    }

    @Test
    void ingressPortNameMayUseUpperCase() {
        assertThat(sidecar().ingress(ingress(port(8080, "http", "HTTP-Web"))).validate().errors()).isEmpty();
    }

    @Test
    void ingressUnknownProtocolIsAnError() {
        ValidationResult r = sidecar().ingress(ingress(port(8080, "http1", "h"))).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.ingress[0].port.protocol", "unsupported protocol: http1"));
    }

    @Test
    void ingressProtocolIsCaseInsensitive() {
        assertThat(sidecar().ingress(ingress(port(8080, "gRPC-web", "g"))).validate().errors()).isEmpty();
    }

    @Test
    void ingressPortZeroIsOutOfRangeSoNoUdsIngress() {
        ValidationResult r = sidecar().ingress(ingress(port(0, "http", "uds"), "unix:///@foo/bar/com", "127.0.0.1:9999"))
                .validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.ingress[0].port.number", "port number 0 must be in the range 1..65535"),
                new FieldMessage("spec.ingress[0].bind", "unix:///@foo/bar/com is not a valid IP"));
    }

    @Test
    void ingressPortAboveRangeIsAnError() {
        ValidationResult r = sidecar().ingress(ingress(port(70000, "tcp", "t"))).validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.ingress[0].port.number", "port number 70000 must be in the range 1..65535"));
    }

    @Test
    void ingressBindMustBeAnIp() {
        ValidationResult r = sidecar().ingress(ingress(port(80, "http", "h"), "10.0.0.0/8", "")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.ingress[0].bind", "10.0.0.0/8 is not a valid IP"));
        assertThat(sidecar().ingress(ingress(port(80, "http", "h"), "::1", "")).validate().errors()).isEmpty();
    }

    @Test
    void duplicateIngressPortsAreAnError() {
        ValidationResult r = sidecar().ingress(ingress(port(90, "http", "foo"), "", "127.0.0.1:110"),
                ingress(port(90, "tcp", "bar"), "", "127.0.0.1:110")).validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.ingress[1].port.number", "sidecar: ports on IP bound listeners must be unique"));
    }

    @Test
    void defaultEndpointUnixAddressMustNotBeEmpty() {
        assertThat(endpoint("unix://").errors()).containsExactly(new FieldMessage(EP, "unix address must not be empty"));
    }

    @Test
    void defaultEndpointUnixAddressMustBeAnAbsoluteFile() {
        assertThat(endpoint("unix:///").errors())
                .containsExactly(new FieldMessage(EP, "/ is not an absolute path to a file"));
        assertThat(endpoint("unix://var/run/sock").errors())
                .containsExactly(new FieldMessage(EP, "var/run/sock is not an absolute path to a file"));
        assertThat(endpoint("unix://@abstract").errors()).isEmpty();
        assertThat(endpoint("unix:///var/run/app.sock").errors()).isEmpty();
    }

    @Test
    void defaultEndpointWithoutPortGivesSplitErrorAndEmptyPortError() {
        assertThat(endpoint("127.0.0.1").errors()).containsExactly(
                new FieldMessage(EP, "address 127.0.0.1: missing port in address"),
                new FieldMessage(EP, "sidecar: defaultEndpoint port () is not a number: strconv.Atoi: parsing \"\": "
                        + "invalid syntax"));
    }

    @Test
    void defaultEndpointUnbracketedIpv6HasTooManyColons() {
        assertThat(endpoint("::1:80").errors()).extracting(FieldMessage::message).containsExactly(
                "address ::1:80: too many colons in address",
                "sidecar: defaultEndpoint port () is not a number: strconv.Atoi: parsing \"\": invalid syntax");
    }

    @Test
    void defaultEndpointHostMustBeLoopbackOrAny() {
        assertThat(endpoint("10.0.0.1:80").errors()).containsExactly(new FieldMessage(EP,
                "sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,"
                        + "unix://filepath or unset"));
        assertThat(endpoint("[::1]:80").errors()).isEmpty();
        assertThat(endpoint("[::]:80").errors()).isEmpty();
        assertThat(endpoint("0.0.0.0:80").errors()).isEmpty();
        assertThat(endpoint(":8080").errors()).isEmpty();
    }

    @Test
    void defaultEndpointPortMustBeANumber() {
        assertThat(endpoint("127.0.0.1:hi").errors()).containsExactly(new FieldMessage(EP,
                "sidecar: defaultEndpoint port (hi) is not a number: strconv.Atoi: parsing \"hi\": invalid syntax"));
    }

    @Test
    void defaultEndpointPortBeyondInt64IsOutOfRange() {
        assertThat(endpoint("127.0.0.1:99999999999999999999").errors()).extracting(FieldMessage::message)
                .containsExactly("sidecar: defaultEndpoint port (99999999999999999999) is not a number: "
                        + "strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    }

    @Test
    void defaultEndpointPortMustBeInRange() {
        assertThat(endpoint("127.0.0.1:0").errors())
                .containsExactly(new FieldMessage(EP, "port number 0 must be in the range 1..65535"));
        assertThat(endpoint("127.0.0.1:-5").errors())
                .containsExactly(new FieldMessage(EP, "port number -5 must be in the range 1..65535"));
    }
}
