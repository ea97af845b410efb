package io.meshscope.decode;

import static io.meshscope.decode.WebhookValidationFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * WorkloadEntries through decoding and validation: Istio's {@code ValidateWorkloadEntry} /
 * {@code validateWorkloadEntry} (pkg/config/validation/validation.go), its texts at file:line:column and field path.
 */
class WorkloadEntryValidationTest {
    private static String we(String spec) {
        return """
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: vm, namespace: app}
                spec:
                """ + spec;
    }

    @Test
    void anAddressThatIsNeitherAnIpNorAHostNameAndOutOfRangePortsAreRejected() {
        assertThat(validate(we("""
                  address: "not an ip!"
                  ports: {http: 70000, Bad_Name: 80}
                """))).containsExactly(
                "ERROR 5:12 spec.address: endpoint address \"not an ip!\" is not a valid FQDN or an IP address",
                "ERROR 6:17 spec.ports.http: port number 70000 must be in the range 1..65535",
                "ERROR 6:34 spec.ports.Bad_Name: invalid port name: Bad_Name");
    }

    @Test
    void anIpOrAHostNameIsAValidAddress() {
        assertThat(validate(we("  address: 10.0.0.1\n  ports: {http: 8080}\n  weight: 3\n"))).isEmpty();
        assertThat(validate(we("  address: vm.example.com\n"))).isEmpty();
        assertThat(validate(we("  address: \"2001:db8::1\"\n"))).isEmpty();
    }

    @Test
    void anAddressIsRequiredUnlessANetworkIsNamed() {
        assertThat(validate(we("  ports: {http: 0}\n"))).containsExactly(
                "ERROR 5:3 spec.address: address is required"); // Istio returns at once: the port is not checked
        assertThat(validate(we("  network: net1\n"))).containsExactly(
                "WARNING 5:3 spec.address: address is unset with network \"net1\"");
    }

    @Test
    void unixSocketAddressesMustBeAbsoluteAndHaveNoPorts() {
        assertThat(validate(we("  address: unix://relative/sock\n  ports: {http: 80}\n"))).containsExactly(
                "ERROR 5:12 spec.address: relative/sock is not an absolute path to a file",
                "ERROR 6:10 spec.ports: unix endpoint unix://relative/sock must not include ports");
        assertThat(validate(we("  address: unix:///var/run/app.sock\n"))).isEmpty();
    }

    @Test
    void labelsMustBeKubernetesLabels() {
        assertThat(validate(we("""
                  address: 10.0.0.1
                  labels: {"bad key!": v, app: "bad value!", "example.com/version": v1}
                """))).containsExactly(
                "ERROR 6:24 spec.labels.bad key!: invalid tag key: \"bad key!\"",
                "ERROR 6:32 spec.labels.app: invalid tag value: \"bad value!\"");
    }

    @Test
    void portsAndWeightAreTypedAsTheProto() {
        assertThat(validate(we("  address: 10.0.0.1\n  ports: {http: eighty}\n  weight: -1\n")))
                .hasSize(2)
                .allMatch(l -> l.startsWith("ERROR"))
                .anyMatch(l -> l.contains("spec.ports.http") && l.contains("expected an integer"))
                .anyMatch(l -> l.contains("spec.weight") && l.contains("between 0 and 4294967295"));
    }
}
