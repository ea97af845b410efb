package io.meshscope.decode;

import static io.meshscope.decode.WebhookValidationFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ServiceEntry rules of Istio's {@code ValidateServiceEntry} (pkg/config/validation/validation.go) that need
 * decoding: addresses, inline endpoints (as {@code validateWorkloadEntry}), DNS and DYNAMIC_DNS resolution.
 */
class ServiceEntryWebhookValidationTest {
    private static String se(String spec) {
        return """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: ext, namespace: app}
                spec:
                """ + spec;
    }

    @Test
    void addressesMustBeIpsOrCidrBlocksAndCidrsNeedNoneOrStaticResolution() {
        assertThat(validate(se("""
                  hosts: [a.example.com]
                  addresses: ["10.0.0.1/33", "not-an-ip", "10.0.0.0/8", "2001:db8::/32"]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: DNS
                """))).containsExactly(
                "ERROR 6:14 spec.addresses: CIDR addresses are allowed only for NONE/STATIC resolution types",
                "ERROR 6:15 spec.addresses[0]: 10.0.0.1/33 is not a valid CIDR block",
                "ERROR 6:30 spec.addresses[1]: not-an-ip is not a valid IP");
    }

    @Test
    void staticEndpointsMustBeIpsOrUnixSocketsWithTheServicePorts() {
        assertThat(validate(se("""
                  hosts: [b.example.com]
                  addresses: [10.1.0.1]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  endpoints:
                  - address: b.example.com
                  - address: ""
                  - address: 10.1.2.3
                    ports: {http: 70000, other: 90}
                  - address: unix:///var/run/a.sock
                """))).containsExactly(
                "ERROR 10:14 spec.endpoints[0].address: endpoint address \"b.example.com\" is not a valid IP address",
                "ERROR 11:14 spec.endpoints[1].address: address is required",
                "ERROR 13:19 spec.endpoints[2].ports.http: port number 70000 must be in the range 1..65535",
                "ERROR 13:33 spec.endpoints[2].ports.other: endpoint port 90 is not defined by the service entry");
    }

    @Test
    void dnsEndpointsMustBeIpsOrHostNamesWithTheServicePorts() {
        assertThat(validate(se("""
                  hosts: [c.example.com]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: DNS
                  endpoints:
                  - address: "bad address!"
                    ports: {web: 80}
                    labels: {app: "x y"}
                """))).containsExactly(
                "ERROR 9:14 spec.endpoints[0].address: endpoint address \"bad address!\" is not a valid FQDN or an"
                        + " IP address",
                "ERROR 10:18 spec.endpoints[0].ports.web: endpoint port 80 is not defined by the service entry",
                "ERROR 11:19 spec.endpoints[0].labels.app: invalid tag value: \"x y\"");
    }

    @Test
    void nullPortsAndEndpointsAreReportedWithIstiosTexts() {
        assertThat(validate(se("""
                  hosts: [g.example.com]
                  addresses: [10.2.0.1]
                  ports: [null, {number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  endpoints: [null, {address: 10.2.0.2}]
                """))).containsExactly(
                "ERROR 7:11 spec.ports[0]: service entry port may not be null",
                "ERROR 9:15 spec.endpoints[0]: endpoint cannot be nil");
    }

    @Test
    void endpointWeightsAreUint32AsTheProto() {
        assertThat(validate(se("""
                  hosts: [f.example.com]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: DNS
                  endpoints: [{address: f.example.com, weight: -1}]
                """))).singleElement().asString()
                .startsWith("ERROR 8:48 spec.endpoints[0].weight: expected an integer between 0 and 4294967295");
    }

    @Test
    void dnsHostsWithoutEndpointsMustBeFqdnsWithIstiosCurrentText() {
        assertThat(validate(se("""
                  hosts: ["*.example.com", "*.other.com"]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: DNS
                """))).containsExactly(
                "ERROR 5:11 spec.hosts[0]: hosts must be FQDN or contain only prefix wildcards if no endpoints are"
                        + " provided for resolution mode DNS, domain name \"*.example.com\" invalid (label \"*\""
                        + " invalid)");
    }

    @Test
    void tcpPortsWithoutAddressesWarnWhenAutoAllocationIsOff() {
        assertThat(validate(se("""
                  hosts: [d.example.com]
                  ports: [{number: 5432, name: tcp, protocol: TCP}]
                  resolution: NONE
                """))).containsExactly(
                "WARNING 6:47 spec.ports[0].protocol: addresses are required for ports serving TCP (or unset)"
                        + " protocol when IP Autoallocation is not enabled");
        assertThat(validate(se("""
                  hosts: [d.example.com]
                  ports: [{number: 5432, name: tcp, protocol: TCP}]
                  resolution: DNS
                """))).isEmpty();
    }

    @Test
    void dynamicDnsNeedsWildcardHostsAndHttpOrTlsPorts() {
        assertThat(validate(se("""
                  hosts: [e.example.com]
                  addresses: [10.0.0.9]
                  ports: [{number: 5432, name: tcp, protocol: TCP}]
                  resolution: DYNAMIC_DNS
                """))).containsExactly(
                "ERROR 5:11 spec.hosts[0]: host must be wildcarded for resolution mode DYNAMIC_DNS",
                "ERROR 6:14 spec.addresses: addresses cannot be set for resolution type DYNAMIC_DNS. HTTP route"
                        + " domains will only be generatedfrom the hosts field values",
                "ERROR 7:47 spec.ports[0].protocol: only HTTP, TLS, GRPC, and HTTP2 protocols are supported for"
                        + " resolution type DYNAMIC_DNS");
    }
}
