package io.meshscope.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Service's ports are rejected as the Kubernetes API server rejects them, located, in its words. */
class ServicePortRulesTest {

    private static List<String> errors(String ports) {
        MeshInput in = new ManifestReader().readString("s.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: s, namespace: ns}
                spec:
                  ports:
                """ + ports, Optional.empty());
        return in.problems().stream().filter(d -> d.severity() == Severity.ERROR).map(Diagnostic::render).toList();
    }

    @Test
    void portZeroIsRejectedAtItsLocation() {
        assertThat(errors("  - {name: http, port: 0}\n")).containsExactly(
                "s.yaml:6:24: Service ns/s: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535,"
                        + " inclusive");
    }

    @Test
    void aMissingPortIsPortZero() {
        assertThat(errors("  - {name: http}\n")).singleElement().asString()
                .contains("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
    }

    @Test
    void portsOutOfRangeAndBadTargetPortsAreRejected() {
        assertThat(errors("""
                  - {name: a, port: 70000, targetPort: 65536}
                  - {name: b, port: 81, targetPort: "8080"}
                  - {name: c, port: 82, targetPort: web--x}
                """)).containsExactly(
                "s.yaml:6:21: Service ns/s: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535,"
                        + " inclusive",
                "s.yaml:6:40: Service ns/s: spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and"
                        + " 65535, inclusive",
                "s.yaml:7:37: Service ns/s: spec.ports[1].targetPort: Invalid value: \"8080\": must contain at"
                        + " least one letter (a-z)",
                "s.yaml:8:37: Service ns/s: spec.ports[2].targetPort: Invalid value: \"web--x\": must not contain"
                        + " consecutive hyphens");
    }

    @Test
    void anUnsetOrZeroTargetPortDefaultsToThePortAndNamedOnesAreAccepted() {
        assertThat(errors("""
                  - {name: a, port: 80, targetPort: 0}
                  - {name: b, port: 81, targetPort: http-web}
                  - {name: c, port: 82, protocol: UDP}
                """)).isEmpty();
    }

    @Test
    void protocolsOtherThanTcpUdpSctpAreRejected() {
        assertThat(errors("  - {port: 80, protocol: HTTP}\n")).singleElement().asString()
                .endsWith("spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\","
                        + " \"TCP\", \"UDP\"");
    }

    @Test
    void severalPortsNeedDistinctDns1123LabelNamesAndDistinctNumbers() {
        assertThat(errors("""
                  - {port: 80}
                  - {name: Web, port: 81}
                  - {name: a.b, port: 82}
                  - {name: a.b, port: 80}
                """)).containsExactly(
                "s.yaml:6:5: Service ns/s: spec.ports[0].name: Required value",
                "s.yaml:7:12: Service ns/s: spec.ports[1].name: Invalid value: \"Web\": a lowercase RFC 1123 label"
                        + " must consist of lower case alphanumeric characters or '-', and must start and end with an"
                        + " alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is"
                        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "s.yaml:8:12: Service ns/s: spec.ports[2].name: Invalid value: \"a.b\": must not contain dots",
                "s.yaml:9:12: Service ns/s: spec.ports[3].name: Invalid value: \"a.b\": must not contain dots",
                "s.yaml:9:12: Service ns/s: spec.ports[3].name: Duplicate value: \"a.b\"",
                "s.yaml:9:5: Service ns/s: spec.ports[3]: Duplicate value: core.ServicePort{Name:\"\","
                        + " Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{"
                        + "Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
    }

    @Test
    void aSinglePortNeedsNoName() {
        assertThat(errors("  - {port: 80}\n")).isEmpty();
    }
}
