package io.meshscope.core.validate;

import static io.meshscope.core.validate.SidecarFixtures.egress;
import static io.meshscope.core.validate.SidecarFixtures.port;
import static io.meshscope.core.validate.SidecarFixtures.sidecar;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rules 29-40: egress listener items, catch-all placement, ports, UDS binds and capture modes. */
class SidecarEgressListenerRulesTest {
    private static final String NOT_LAST =
            "sidecar: the egress listener with empty port should be the last listener in the list";
    private static final String ONLY_ONE = "sidecar: egress can have only one listener with empty port";

    @Test
    void nullEgressItemIsAnErrorWithoutSidecarPrefix() {
        ValidationResult r = sidecar().egress((EgressListener) null, egress("*/*")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[0]", "egress listener may not be null"));
    }

    @Test
    void portLessListenerMustBeLast() {
        ValidationResult r = sidecar().egress(egress("*/foo.com"), egress(port(8080, "http", "h8080"), "ns1/bar.com"))
                .validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[0]", NOT_LAST));
    }

    @Test
    void threePortLessListenersGiveNotLastTwiceAndNeverOnlyOne() {
        ValidationResult r = sidecar().egress(egress("ns1/a.com"), egress("ns1/b.com"), egress("ns1/c.com")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[0]", NOT_LAST),
                new FieldMessage("spec.egress[1]", NOT_LAST));
        assertThat(r.errors()).extracting(FieldMessage::message).doesNotContain(ONLY_ONE);
    }

    @Test
    void nPortLessListenersGiveRule30NMinusOneTimes() {
        EgressListener[] listeners = IntStream.range(0, 5).mapToObj(i -> egress("ns1/h" + i + ".com"))
                .toArray(EgressListener[]::new);
        ValidationResult r = sidecar().egress(listeners).validate();
        assertThat(r.errors()).extracting(FieldMessage::message).containsExactly(NOT_LAST, NOT_LAST, NOT_LAST, NOT_LAST);
    }

    @Test
    void egressTargetPortIsAnErrorNotAWarning() {
        ValidationResult r = sidecar().egress(egress(port(8080, "http", "http", 9090), "ns1/bar.com")).validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.egress[0].port.targetPort", "targetPort has no impact on Sidecars"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void egressPortNameMustBeADns1123Label() {
        ValidationResult r = sidecar().egress(egress(port(8080, "http", "Bad_Name"), "ns1/bar.com")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[0].port.name", "invalid port name: Bad_Name"));
    }

    @Test
    void egressPortWithoutNameIsValid() {
        ValidationResult r = sidecar().egress(egress(port(8080, "http", null), "ns1/bar.com")).validate();
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void udsListenerWithUnixBindIsValid() {
        ValidationResult r = sidecar().egress(egress(port(0, "http", "uds"), "unix:///@foo/bar/com", CaptureMode.DEFAULT,
                "ns1/bar.com")).validate();
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void udsListenerProtocolMustBeKnown() {
        ValidationResult r = sidecar().egress(egress(port(0, "foo", "uds"), "unix:///@x", CaptureMode.NONE, "ns1/a.com"))
                .validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[0].port.protocol", "unsupported protocol: foo"));
    }

    @Test
    void portZeroNeedsAUnixBind() {
        ValidationResult r = sidecar().egress(egress(port(0, "http", "uds"), "foobar:///@foo/bar/com", CaptureMode.DEFAULT,
                "ns1/bar.com")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[0].bind",
                "sidecar: ports with 0 value must have a unix domain socket bind address"));
    }

    @Test
    void udsBindPathMustBeValid() {
        assertThat(sidecar().egress(egress(port(0, "http", "uds"), "unix://", CaptureMode.DEFAULT, "ns1/a.com"))
                .validate().errors()).containsExactly(
                        new FieldMessage("spec.egress[0].bind", "unix address must not be empty"));
        assertThat(sidecar().egress(egress(port(0, "http", "uds"), "unix://rel/sock", CaptureMode.DEFAULT, "ns1/a.com"))
                .validate().errors()).containsExactly(
                        new FieldMessage("spec.egress[0].bind", "rel/sock is not an absolute path to a file"));
    }

    @Test
    void udsListenerCaptureModeMustBeDefaultOrNone() {
        ValidationResult r = sidecar().egress(egress(port(0, "http", "uds"), "unix:///@x", CaptureMode.IPTABLES,
                "ns1/a.com")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[0].captureMode",
                "sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners"));
    }

    @Test
    void egressPortProtocolAndRangeAreBothChecked() {
        ValidationResult r = sidecar().egress(egress(port(1_000_000, "http1", ""), "ns1/bar.com")).validate();
        assertThat(r.errors()).containsExactly(
                new FieldMessage("spec.egress[0].port.protocol", "unsupported protocol: http1"),
                new FieldMessage("spec.egress[0].port.number", "port number 1000000 must be in the range 1..65535"));
    }

    @Test
    void egressBindMustBeAnIpAddress() {
        ValidationResult r = sidecar().egress(egress(port(80, "http", "h"), "not-an-ip", CaptureMode.NONE, "ns1/a.com"))
                .validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[0].bind", "not-an-ip is not a valid IP"));
    }

    @Test
    void duplicateUdsBindsAreAnError() {
        EgressListener uds = egress(port(0, "http", "uds"), "unix:///@foo/bar/com", CaptureMode.DEFAULT, "ns1/bar.com");
        ValidationResult r = sidecar().egress(uds, uds).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[1].bind",
                "sidecar: unix domain socket values for listeners must be unique"));
    }

    @Test
    void samePortOnDifferentBindsIsStillADuplicate() {
        ValidationResult r = sidecar().egress(
                egress(port(80, "http", "a"), "10.0.0.1", CaptureMode.DEFAULT, "ns1/a.com"),
                egress(port(80, "http", "b"), "10.0.0.2", CaptureMode.DEFAULT, "ns1/b.com")).validate();
        assertThat(r.errors()).containsExactly(new FieldMessage("spec.egress[1].port.number",
                "sidecar: ports on IP bound listeners must be unique"));
    }

    @Test
    void catchAllBindAndCaptureModeAreNotValidated() {
        ValidationResult r = sidecar().egress(egress(null, "not-an-ip", CaptureMode.NONE, "*/*")).validate();
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }
}
