package io.meshscope.core.validate;

import static io.meshscope.core.validate.SidecarFixtures.egress;
import static io.meshscope.core.validate.SidecarFixtures.outbound;
import static io.meshscope.core.validate.SidecarFixtures.sidecar;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.EgressProxy;
import io.meshscope.core.model.OutboundMode;
import org.junit.jupiter.api.Test;

/** Rules 50-54: outboundTrafficPolicy mode and the deprecated egressProxy. */
class SidecarOutboundPolicyRulesTest {
    private static final String OTP = "spec.outboundTrafficPolicy";
    private static final String PROXY = OTP + ".egressProxy";
    private static final String ONLY_ALLOW_ANY =
            "sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode";

    private static ValidationResult policy(OutboundMode mode, EgressProxy proxy) {
        return sidecar().outbound(outbound(mode, proxy)).egress(egress("*/*")).validate();
    }

    @Test
    void allowAnyDynamicDnsIsMeshOnlyAndStopsOtherPolicyChecks() {
        ValidationResult r = policy(OutboundMode.ALLOW_ANY_DYNAMIC_DNS, new EgressProxy("*", "Bad_Subset", null));
        assertThat(r.errors()).containsExactly(new FieldMessage(OTP + ".mode",
                "sidecar: ALLOW_ANY_DYNAMIC_DNS mode is only supported in MeshConfig, not in Sidecar resource"));
    }

    @Test
    void egressProxyWithoutModeIsRegistryOnlyAndRejected() {
        ValidationResult r = policy(null, new EgressProxy("foo.bar", "shiny", 5000L));
        assertThat(r.errors()).containsExactly(new FieldMessage(PROXY, ONLY_ALLOW_ANY));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void egressProxyWithRegistryOnlyIsRejected() {
        assertThat(policy(OutboundMode.REGISTRY_ONLY, new EgressProxy("foo.bar", "", 5000L)).errors())
                .containsExactly(new FieldMessage(PROXY, ONLY_ALLOW_ANY));
    }

    @Test
    void egressProxyWithAllowAnyIsValid() {
        assertThat(policy(OutboundMode.ALLOW_ANY, new EgressProxy("foo.bar", "shiny", 5000L)).errors()).isEmpty();
    }

    @Test
    void egressProxyHostMustBeAnFqdnAndIsCheckedAgainAsADestination() {
        String msg = "domain name \"foobar*123\" invalid (label \"foobar*123\" invalid)";
        assertThat(policy(OutboundMode.ALLOW_ANY, new EgressProxy("foobar*123", null, 5000L)).errors())
                .containsExactly(new FieldMessage(PROXY + ".host", msg), new FieldMessage(PROXY + ".host", msg));
    }

    @Test
    void egressProxyPortIsRequired() {
        assertThat(policy(OutboundMode.ALLOW_ANY, new EgressProxy("foo.bar", null, null)).errors())
                .containsExactly(new FieldMessage(PROXY + ".port", "sidecar: egress_proxy port must be non-nil"));
    }

    @Test
    void egressProxyDestinationChecksHostSubsetAndPort() {
        assertThat(policy(OutboundMode.ALLOW_ANY, new EgressProxy("*", "Bad_Subset", 70000L)).errors()).containsExactly(
                new FieldMessage(PROXY + ".host", "domain name \"*\" invalid (label \"*\" invalid)"),
                new FieldMessage(PROXY + ".host", "invalid destination host *"),
                new FieldMessage(PROXY + ".subset", "subset name is invalid: Bad_Subset"),
                new FieldMessage(PROXY + ".port", "port number 70000 must be in the range 1..65535"));
    }

    @Test
    void allowAnyWithoutProxyIsValid() {
        assertThat(policy(OutboundMode.ALLOW_ANY, null).errors()).isEmpty();
    }
}
