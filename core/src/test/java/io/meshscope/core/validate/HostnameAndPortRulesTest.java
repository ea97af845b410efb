package io.meshscope.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.registry.Hostnames;
import org.junit.jupiter.api.Test;

/** Istio's hostname, port and protocol helpers with their exact texts. */
class HostnameAndPortRulesTest {

    @Test
    void dns1123LabelsAllowUpperCaseAndAtMost63Characters() {
        assertThat(HostnameRules.isDns1123Label("Foo-1")).isTrue();
        assertThat(HostnameRules.isDns1123Label("a".repeat(63))).isTrue();
        assertThat(HostnameRules.isDns1123Label("a".repeat(64))).isFalse();
        assertThat(HostnameRules.isDns1123Label("-a")).isFalse();
        assertThat(HostnameRules.isDns1123Label("a_b")).isFalse();
        assertThat(HostnameRules.isDns1123Label("")).isFalse();
        assertThat(HostnameRules.isDns1123Label("a\n")).isFalse();
    }

    @Test
    void wildcardLabelsAllowLeadingStar() {
        assertThat(HostnameRules.isWildcardDns1123Label("*")).isTrue();
        assertThat(HostnameRules.isWildcardDns1123Label("*foo")).isTrue();
        assertThat(HostnameRules.isWildcardDns1123Label("*-foo")).isTrue();
        assertThat(HostnameRules.isWildcardDns1123Label("foo*")).isFalse();
    }

    @Test
    void wildcardDomainAndFqdnTexts() {
        assertThat(HostnameRules.validateWildcardDomain("*.example.com")).isNull();
        assertThat(HostnameRules.validateWildcardDomain("foo.com.")).isNull();
        assertThat(HostnameRules.validateWildcardDomain("")).isEqualTo("empty domain name not allowed");
        assertThat(HostnameRules.validateWildcardDomain("a.*.com"))
                .isEqualTo("domain name \"*.com\" invalid (label \"*\" invalid)");
        assertThat(HostnameRules.validateFqdn("*.example.com"))
                .isEqualTo("domain name \"*.example.com\" invalid (label \"*\" invalid)");
        assertThat(HostnameRules.validateFqdn("example.-1"))
                .isEqualTo("domain name \"example.-1\" invalid (top level domain \"-1\" cannot be all-numeric)");
        assertThat(HostnameRules.validateFqdn("a..com")).isEqualTo("domain name \"a..com\" invalid (label \"\" invalid)");
    }

    @Test
    void hostMatchingFollowsHostNameMatches() {
        assertThat(Hostnames.matches("*.foo.com", "*.com")).isTrue();
        assertThat(Hostnames.matches("a.foo.com", "*.foo.com")).isTrue();
        assertThat(Hostnames.matches("foo.com", "*.foo.com")).isFalse();
        assertThat(Hostnames.matches("a.com", "a.com")).isTrue();
        assertThat(Hostnames.matches("a.com", "b.com")).isFalse();
    }

    @Test
    void portRulesTexts() {
        assertThat(PortRules.validatePort(1)).isNull();
        assertThat(PortRules.validatePort(65536)).isEqualTo("port number 65536 must be in the range 1..65535");
        assertThat(PortRules.validatePortName("http")).isNull();
        assertThat(PortRules.validateProtocol("")).isNull();
        assertThat(PortRules.validateProtocol("unsupported")).isEqualTo("unsupported protocol: unsupported");
        assertThat(PortRules.validateIpAddress("1.2.3.4")).isNull();
        assertThat(PortRules.validateUnixAddress("@abs")).isNull();
    }

    @Test
    void protocolsParseCaseInsensitively() {
        assertThat(IstioProtocol.parse("grpc-WEB")).isEqualTo(IstioProtocol.GRPC_WEB);
        assertThat(IstioProtocol.parse("Http_Proxy").isHttp()).isTrue();
        assertThat(IstioProtocol.parse("https").isTls()).isTrue();
        assertThat(IstioProtocol.parse("mysql").isTcp()).isTrue();
        assertThat(IstioProtocol.parse("")).isEqualTo(IstioProtocol.UNSUPPORTED);
        assertThat(IstioProtocol.parse("UNSUPPORTED")).isEqualTo(IstioProtocol.UNSUPPORTED);
    }
}
