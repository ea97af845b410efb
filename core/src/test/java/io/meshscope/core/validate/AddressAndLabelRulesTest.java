package io.meshscope.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Istio's {@code agent.ValidateIPSubnet} (Go's {@code netip.ParsePrefix}), {@code labels.Instance.Validate} and
 * the SNI-aware gateway host check, with Istio's texts.
 */
class AddressAndLabelRulesTest {

    @Test
    void ipSubnetsAreAddressesOrPrefixesAsGoParsesThem() {
        assertThat(PortRules.validateIpSubnet("10.0.0.0/8")).isNull();
        assertThat(PortRules.validateIpSubnet("10.0.0.1/32")).isNull();
        assertThat(PortRules.validateIpSubnet("2001:db8::/128")).isNull();
        assertThat(PortRules.validateIpSubnet("10.0.0.1")).isNull();
        assertThat(PortRules.validateIpSubnet("10.0.0.1/33")).isEqualTo("10.0.0.1/33 is not a valid CIDR block");
        assertThat(PortRules.validateIpSubnet("10.0.0.1/08")).isEqualTo("10.0.0.1/08 is not a valid CIDR block");
        assertThat(PortRules.validateIpSubnet("10.0.0.1/+8")).isEqualTo("10.0.0.1/+8 is not a valid CIDR block");
        assertThat(PortRules.validateIpSubnet("10.0.0.1/")).isEqualTo("10.0.0.1/ is not a valid CIDR block");
        assertThat(PortRules.validateIpSubnet("fe80::1%eth0/64")).isEqualTo("fe80::1%eth0/64 is not a valid CIDR block");
        assertThat(PortRules.validateIpSubnet("10.0.0.1/8/8")).isEqualTo("10.0.0.1/8/8 is not a valid IP");
        assertThat(PortRules.validateIpSubnet("example.com")).isEqualTo("example.com is not a valid IP");
    }

    @Test
    void labelsAreKubernetesLabelNamesAndValues() {
        assertThat(LabelRules.errors(Map.of("app", "v1", "example.com/tier", "", "a_b.c", "X-1"), "l")).isEmpty();
        assertThat(LabelRules.errors(Map.of("-a", "v", "k", "-v"), "l")).extracting(FieldMessage::message)
                .containsExactly("invalid tag key: \"-a\"", "invalid tag value: \"-v\"");
        assertThat(LabelRules.errors(Map.of("a".repeat(64), "v"), "l")).extracting(FieldMessage::message)
                .containsExactly("invalid tag key: \"" + "a".repeat(64) + "\" (name is too long)");
        // Istio sets no length limit on values.
        assertThat(LabelRules.errors(Map.of("k", "v".repeat(100)), "l")).isEmpty();
    }

    @Test
    void gatewayBoundHostsAcceptIstiosGeneratedSniNames() {
        assertThat(HostnameRules.validateWildcardDomainForGateway(true, "outbound_.80_._.e2e.foobar.mesh")).isNull();
        assertThat(HostnameRules.validateWildcardDomainForGateway(true, "outbound_.x_._.e2e.foobar.mesh"))
                .isEqualTo("domain name \"outbound_.x_._.e2e.foobar.mesh\" invalid (label \"x\" invalid). should"
                        + " follow outbound_.<PORT>_._.<HOSTNAME> format");
        assertThat(HostnameRules.validateWildcardDomainForGateway(false, "outbound_.80_._.e2e.foobar.mesh"))
                .isEqualTo("domain name \"outbound_.80_._.e2e.foobar.mesh\" invalid (label \"outbound_\" invalid)");
    }
}
