package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What kubectl and the API server refuse before any Istio validation (issue 13, item 8): YAML tags the value does
 * not fit, apiVersion and kind combinations that are not served, values of the wrong type (as Kubernetes' YAML 1.1
 * decoder reads them), and the format of names, namespaces, labels and annotations. Each is an error at its place.
 */
class ApiServerRulesTest {

    private static MeshInput read(String yaml) {
        return new ManifestReader().readString("f.yaml", yaml, Optional.empty());
    }

    private static List<Diagnostic> errors(MeshInput in) {
        return in.problems().stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    private static List<String> messages(MeshInput in) {
        return errors(in).stream().map(Diagnostic::message).toList();
    }

    @Test
    void aNumberPastSixtyFourBitsIsAFloatToTheDecoderAndEachFieldSaysSoOnce() {
        // go-yaml reads 99999999999999999999 as the float 1e+20: not "the integer" where a string is wanted, and an
        // int32 port past its range is one error (the type's), not a range error besides
        MeshInput in = read("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: a-1, namespace: ns, labels: {kubernetes.io/service-name: a, v: 99999999999999999999}}
                addressType: IPv4
                endpoints: [{addresses: ["10.0.0.1"]}]
                ports: [{name: http, port: 99999999999999999999}]
                """);

        assertThat(errors(in)).extracting(Diagnostic::field, Diagnostic::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("metadata.labels.v", "expected a string, got the number"
                        + " 99999999999999999999 (Kubernetes' YAML decoder reads it so; quote it:"
                        + " \"99999999999999999999\")"),
                org.assertj.core.groups.Tuple.tuple("ports[0].port", "expected an integer between -2147483648 and"
                        + " 2147483647, got \"99999999999999999999\""));
    }

    @Test
    void aTargetPortIsANumberOrANameAsKubernetesYamlDecoderResolvesIt() {
        // 0x1F90 is go-yaml's int 8080; 0x10000000000000000 is past 64 bits, so a string: a port name, too long;
        // the ports 0x50, 0b1010001 and the leading-0 octal 0122 are 80, 81 and 82 to go-yaml (YAML 1.2: 122)
        MeshInput in = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: ns}
                spec:
                  ports:
                  - {name: a, port: 0x50, targetPort: 0x1F90}
                  - {name: b, port: 0b1010001, targetPort: 0x10000000000000000}
                  - {name: c, port: 0122, targetPort: 0x10000}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: a-1, namespace: ns, labels: {kubernetes.io/service-name: a}}
                addressType: IPv4
                endpoints: [{addresses: ["10.0.0.1"]}]
                ports: [{name: a, port: 0b10000000000000000}, {name: b, port: 0177777}]
                """);

        assertThat(errors(in)).extracting(Diagnostic::field, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.ports[1].targetPort", "Invalid value:"
                        + " \"0x10000000000000000\": must be no more than 15 characters"),
                org.assertj.core.groups.Tuple.tuple("spec.ports[2].targetPort", "Invalid value: 65536: must be between"
                        + " 1 and 65535, inclusive"),
                // an EndpointSlice's 0b10000000000000000 is 65536 too; 0177777 is octal 65535, in range
                org.assertj.core.groups.Tuple.tuple("ports[0].port", "Invalid value: 65536: must be between 1 and"
                        + " 65535, inclusive"));
        assertThat(in.services().get(0).ports()).extracting(p -> p.port() + "->" + p.targetPort())
                .containsExactly("80->8080", "81->0x10000000000000000", "82->65536");
    }

    @Test
    void tagsTheValueDoesNotFitAreRefusedAtTheValue() {
        MeshInput in = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: ns, labels: {app: !!bool maybe}}
                spec:
                  ports: [{name: http, port: !!int abc}]
                  clusterIP: !!binary "not base64!"
                  externalName: !!float 1.2.3
                """);

        assertThat(errors(in)).filteredOn(d -> d.rule().equals("yaml-tag"))
                .extracting(Diagnostic::location, Diagnostic::field, Diagnostic::message).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 3, 50), "metadata.labels.app",
                                "cannot decode !!str `maybe` as a !!bool (kubectl: error converting YAML to JSON)"),
                        org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 5, 30), "spec.ports[0].port",
                                "cannot decode !!str `abc` as a !!int (kubectl: error converting YAML to JSON)"),
                        org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 6, 14), "spec.clusterIP",
                                "!!binary value contains invalid base64 data (kubectl: error converting YAML to JSON)"),
                        org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 7, 17), "spec.externalName",
                                "cannot decode !!str `1.2.3` as a !!float (kubectl: error converting YAML to JSON)"));
    }

    @Test
    void tagsTheValueFitsAreReadAsKubernetesReadsThem() {
        MeshInput in = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: ns, annotations: {note: !!binary aGVsbG8=, other: !custom text}}
                spec:
                  ports: [{name: http, port: !!int "80"}]
                  publishNotReadyAddresses: !!bool yes
                  allocateLoadBalancerNodePorts: on
                """);

        assertThat(errors(in)).isEmpty();
        assertThat(in.services().get(0).meta().annotations()).containsEntry("note", "hello");
        assertThat(in.services().get(0).ports().get(0).port()).isEqualTo(80);
    }

    @Test
    void anApiVersionOrKindTheApiServerDoesNotServeIsRefusedNotReadAsAnother() {
        MeshInput in = read("""
                apiVersion: v99
                kind: Service
                metadata: {name: a, namespace: ns}
                ---
                apiVersion: networking.istio.io/v2
                kind: Sidecar
                metadata: {name: s, namespace: ns}
                ---
                apiVersion: v1
                kind: Deployment
                metadata: {name: d, namespace: ns}
                ---
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: d, namespace: ns}
                ---
                apiVersion: networking.istio.io/v1
                kind: ProxyConfig
                metadata: {name: p, namespace: ns}
                """);

        assertThat(in.services()).isEmpty();
        assertThat(in.sidecars()).isEmpty();
        assertThat(errors(in)).extracting(Diagnostic::location, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 1, 13),
                        "no matches for kind \"Service\" in version \"v99\" (Service is served as v1)"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 5, 13),
                        "no matches for kind \"Sidecar\" in version \"networking.istio.io/v2\" (Sidecar is served as"
                                + " networking.istio.io/v1, networking.istio.io/v1alpha3, networking.istio.io/v1beta1)"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 10, 7),
                        "no matches for kind \"Deployment\" in version \"v1\""),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 14, 7),
                        "no matches for kind \"Deploymnet\" in version \"apps/v1\" (did you mean \"Deployment\"?)"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 17, 13),
                        "no matches for kind \"ProxyConfig\" in version \"networking.istio.io/v1\" (ProxyConfig is"
                                + " served as networking.istio.io/v1beta1)"));
    }

    @Test
    void aQuotedNumberWhereTheApiWantsAnIntegerIsRefused() {
        MeshInput in = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: ns}
                spec:
                  ports: [{name: http, port: "80", targetPort: "8080"}]
                  publishNotReadyAddresses: "true"
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: s, namespace: ns}
                spec: {egress: [{hosts: ["./*"], port: {number: "80", protocol: HTTP, name: http}}]}
                """);

        // targetPort is an IntOrString: "8080" is the string, so a port name, which needs a letter
        assertThat(errors(in)).extracting(Diagnostic::field, Diagnostic::message).contains(
                org.assertj.core.groups.Tuple.tuple("spec.ports[0].targetPort", "Invalid value: \"8080\": must contain"
                        + " at least one letter (a-z)"),
                org.assertj.core.groups.Tuple.tuple("spec.ports[0].port", "expected an integer, got the string \"80\""
                        + " (the API server does not convert strings to numbers; write 80 without quotes)"),
                org.assertj.core.groups.Tuple.tuple("spec.publishNotReadyAddresses", "expected a boolean, got the"
                        + " string \"true\" (the API server does not convert strings; write true without quotes)"),
                org.assertj.core.groups.Tuple.tuple("spec.egress[0].port.number", "expected an integer, got the"
                        + " string \"80\" (the API server does not convert strings to numbers; write 80 without quotes)"));
    }

    @Test
    void aYaml11BooleanOrNumberWhereAStringIsWantedIsRefused() {
        MeshInput in = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: ns, labels: {enabled: yes, version: 1.0}}
                spec: {ports: [{name: http, port: 80}], selector: {app: a}, externalName: 123}
                """);

        assertThat(errors(in)).extracting(Diagnostic::field, Diagnostic::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("metadata.labels.enabled", "expected a string, got the boolean yes"
                        + " (Kubernetes' YAML decoder reads it so; quote it: \"yes\")"),
                org.assertj.core.groups.Tuple.tuple("metadata.labels.version", "expected a string, got the number 1.0"
                        + " (Kubernetes' YAML decoder reads it so; quote it: \"1.0\")"),
                org.assertj.core.groups.Tuple.tuple("spec.externalName", "expected a string, got the integer 123"
                        + " (Kubernetes' YAML decoder reads it so; quote it: \"123\")"));
    }

    @Test
    void namesNamespacesLabelsAndAnnotationsAreCheckedAsTheApiServerChecksThem() {
        MeshInput in = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: 1web, namespace: Shop}
                spec: {ports: [{name: http, port: 80}]}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: a.b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: Web_1, namespace: ns, labels: {"bad key!": v, ok: "a b"}, annotations: {"a/b/c": x}}
                spec: {template: {metadata: {labels: {app: "-x"}}}}
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: my.sidecar, namespace: ns}
                spec: {egress: [{hosts: ["./*"]}]}
                """);

        assertThat(errors(in)).extracting(Diagnostic::location, Diagnostic::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 3, 18), "metadata.name"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 3, 35), "metadata.namespace"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 8, 18), "metadata.name"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 12, 49), "metadata.labels"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 12, 68), "metadata.labels"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 12, 90), "metadata.annotations"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 13, 44),
                        "spec.template.metadata.labels"),
                org.assertj.core.groups.Tuple.tuple(new SourceLocation("f.yaml", 12, 18), "metadata.name"));
        assertThat(messages(in)).first().isEqualTo("Invalid value: \"1web\": a DNS-1035 label must consist of lower"
                + " case alphanumeric characters or '-', start with an alphabetic character, and end with an"
                + " alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is"
                + " '[a-z]([-a-z0-9]*[a-z0-9])?')");
        assertThat(messages(in)).contains("Invalid value: \"a.b\": must not contain dots",
                "Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and"
                        + " must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
                        + " '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void serviceEndpointsAndConfigMapFieldsAreCheckedAsTheApiServerChecksThem() {
        MeshInput in = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: ns}
                spec:
                  type: Clusterip
                  clusterIP: 10.0.0.300
                  selector: {app: "a b"}
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: ext, namespace: ns}
                spec: {type: ExternalName}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: a-1, namespace: ns, labels: {kubernetes.io/service-name: a}}
                addressType: IPv4
                endpoints: [{addresses: ["fd00::1"]}, {addresses: []}]
                ports: [{name: http, port: 70000, protocol: tcp}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: a, namespace: ns}
                subsets: [{addresses: [{ip: not-an-ip}], ports: [{port: 0}]}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm, namespace: ns}
                data: {"bad key": v}
                """);

        assertThat(errors(in)).extracting(Diagnostic::field, Diagnostic::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("spec.type", "Unsupported value: \"Clusterip\": supported values:"
                        + " \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""),
                org.assertj.core.groups.Tuple.tuple("spec.clusterIP", "Invalid value: \"10.0.0.300\": must be a valid"
                        + " IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
                org.assertj.core.groups.Tuple.tuple("spec.selector", "Invalid value: \"a b\": a valid label must be an"
                        + " empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and"
                        + " end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex"
                        + " used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
                org.assertj.core.groups.Tuple.tuple("spec.externalName", "Required value"),
                org.assertj.core.groups.Tuple.tuple("endpoints[0].addresses[0]",
                        "Invalid value: \"fd00::1\": must be a valid IPv4 address"),
                org.assertj.core.groups.Tuple.tuple("endpoints[1].addresses",
                        "Required value: must contain at least 1 address"),
                org.assertj.core.groups.Tuple.tuple("ports[0].port",
                        "Invalid value: 70000: must be between 1 and 65535, inclusive"),
                org.assertj.core.groups.Tuple.tuple("ports[0].protocol",
                        "Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                org.assertj.core.groups.Tuple.tuple("subsets[0].addresses[0].ip", "Invalid value: \"not-an-ip\": must"
                        + " be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
                org.assertj.core.groups.Tuple.tuple("subsets[0].ports[0].port",
                        "Invalid value: 0: must be between 1 and 65535, inclusive"),
                org.assertj.core.groups.Tuple.tuple("data", "Invalid value: \"bad key\": a valid config key must"
                        + " consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or"
                        + " 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
    }
}
