package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict decoding (issue 13, item 6): a field the kind's schema (Istio's CRDs, Kubernetes' API types) does not have
 * is an error at its key, in kubectl's wording with the nearest known name; every field the schema has is accepted,
 * whether meshscope reads it or not, and nothing below {@code x-kubernetes-preserve-unknown-fields} is checked.
 */
class StrictFieldsTest {

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
    void misspelledWorkloadSelectorIsAnErrorAtItsKeyNamingTheField() {
        MeshInput in = read("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: web, namespace: shop}
                spec:
                  workloadSelecter:
                    labels: {app: web}
                  egress: [{hosts: ["./*"]}]
                """);

        assertThat(errors(in)).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation("f.yaml", 5, 3));
            assertThat(d.field()).isEqualTo("spec.workloadSelecter");
            assertThat(d.rule()).isEqualTo("unknown-field");
            assertThat(d.resource()).isEqualTo(new ResourceId("Sidecar", "shop", "web"));
            assertThat(d.message()).isEqualTo(
                    "unknown field \"spec.workloadSelecter\" (did you mean \"workloadSelector\"?)");
        });
    }

    @Test
    void everyIstioKindRejectsUnknownFieldsAtEveryDepth() {
        MeshInput in = read("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs, namespace: ns}
                spec:
                  hosts: [a]
                  http: [{route: [{destination: {host: a, subst: v1}}]}]
                ---
                apiVersion: networking.istio.io/v1beta1
                kind: DestinationRule
                metadata: {name: dr, namespace: ns}
                spec: {host: a, trafficPolicy: {tls: {mdoe: ISTIO_MUTUAL}}}
                ---
                apiVersion: networking.istio.io/v1alpha3
                kind: ServiceEntry
                metadata: {name: se, namespace: ns}
                spec: {hosts: [a.example.com], ports: [{number: 80, name: http, protocol: HTTP}], resolutoin: DNS}
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: we, namespace: ns}
                spec: {address: 10.0.0.1, label: {app: a}}
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: ns}
                spec: {selector: {istio: ingressgateway}, server: []}
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: s, namespace: ns}
                spec: {egress: [{hosts: ["./*"], port: {number: 80, protocl: HTTP}}]}
                """);

        assertThat(messages(in)).containsExactlyInAnyOrder(
                "unknown field \"spec.http[0].route[0].destination.subst\" (did you mean \"subset\"?)",
                "unknown field \"spec.trafficPolicy.tls.mdoe\" (did you mean \"mode\"?)",
                "unknown field \"spec.resolutoin\" (did you mean \"resolution\"?)",
                "unknown field \"spec.label\" (did you mean \"labels\"?)",
                "unknown field \"spec.server\" (did you mean \"servers\"?)",
                "unknown field \"spec.egress[0].port.protocl\" (did you mean \"protocol\"?)");
    }

    @Test
    void fieldsIstioHasButMeshscopeDoesNotReadAreAccepted() {
        MeshInput in = read("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: dr, namespace: ns}
                spec:
                  host: a
                  trafficPolicy:
                    outlierDetection: {consecutive5xxErrors: 7, interval: 5m, baseEjectionTime: 15m}
                    connectionPool: {tcp: {maxConnections: 100}, http: {http2MaxRequests: 1000}}
                  subsets: [{name: v1, labels: {version: v1}, trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs, namespace: ns}
                spec:
                  hosts: [a]
                  http:
                  - corsPolicy: {allowOrigins: [{exact: "https://x"}], maxAge: 24h}
                    retries: {attempts: 3, perTryTimeout: 2s, retryOn: 5xx}
                    fault: {delay: {percentage: {value: 0.1}, fixedDelay: 5s}}
                    route: [{destination: {host: a}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se, namespace: ns}
                spec:
                  hosts: [a.example.com]
                  ports: [{number: 443, name: tls, protocol: TLS}]
                  subjectAltNames: [spiffe://x]
                  resolution: DNS
                  endpoints: [{address: a.example.com, network: n1, locality: r/z, weight: 1, serviceAccount: sa}]
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: we, namespace: ns}
                spec: {address: 10.0.0.1, network: n1, serviceAccount: sa, weight: 2, locality: r/z/s}
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: s, namespace: ns}
                spec:
                  ingress:
                  - port: {number: 8080, name: http, protocol: HTTP}
                    defaultEndpoint: 127.0.0.1:8080
                    connectionPool: {tcp: {tcpKeepalive: {time: 7200s, interval: 75s, probes: 9}}}
                  egress: [{hosts: ["./*"]}]
                  outboundTrafficPolicy: {mode: ALLOW_ANY}
                status:
                  anything: {the: cluster, writes: [1, 2]}
                """);

        assertThat(errors(in)).isEmpty();
    }

    @Test
    void nothingBelowPreserveUnknownFieldsIsChecked() {
        MeshInput in = read("""
                apiVersion: networking.istio.io/v1alpha3
                kind: EnvoyFilter
                metadata: {name: ef, namespace: ns}
                spec:
                  configPatches:
                  - applyTo: HTTP_FILTER
                    patch:
                      operation: INSERT_BEFORE
                      value: {name: envoy.lua, typed_config: {"@type": x, inlineCode: "-- any shape"}}
                """);

        assertThat(errors(in)).isEmpty();
    }

    @Test
    void kubernetesKindsRejectUnknownFieldsInMetadataAndTheFieldsMeshscopeReads() {
        MeshInput in = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: ns, lables: {app: a}}
                spec: {selektor: {app: a}, ports: [{name: http, port: 80, targetport: 8080}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: a-1, namespace: ns, labels: {kubernetes.io/service-name: a}}
                addressType: IPv4
                endpoints: [{adresses: [10.0.0.1], conditions: {redy: true}}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: a, namespace: ns}
                subsets: [{addresses: [{ip: 10.0.0.1, nodename: n}]}]
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: ns}
                spec: {finalizer: [kubernetes]}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm, namespace: ns}
                datta: {k: v}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, namespace: ns}
                spec:
                  replica: 2
                  template:
                    metadata: {labels: {app: d}, annotation: {a: b}}
                    spec:
                      containers: [{name: c, image: i, imagePullPolicyy: Always, ports: [{containerPort: 80, nmae: x}]}]
                """);

        assertThat(messages(in)).containsExactlyInAnyOrder(
                "unknown field \"metadata.lables\" (did you mean \"labels\"?)",
                "unknown field \"spec.selektor\" (did you mean \"selector\"?)",
                "unknown field \"spec.ports[0].targetport\" (did you mean \"targetPort\"?)",
                "unknown field \"endpoints[0].adresses\" (did you mean \"addresses\"?)",
                "unknown field \"endpoints[0].conditions.redy\" (did you mean \"ready\"?)",
                "Required value: must contain at least 1 address",
                "unknown field \"subsets[0].addresses[0].nodename\" (did you mean \"nodeName\"?)",
                "unknown field \"spec.finalizer\" (did you mean \"finalizers\"?)",
                "unknown field \"datta\" (did you mean \"data\"?)",
                "unknown field \"spec.replica\" (did you mean \"replicas\"?)",
                "unknown field \"spec.template.metadata.annotation\" (did you mean \"annotations\"?)",
                "unknown field \"spec.template.spec.containers[0].imagePullPolicyy\" (did you mean \"imagePullPolicy\"?)",
                "unknown field \"spec.template.spec.containers[0].ports[0].nmae\" (did you mean \"name\"?)");
    }

    @Test
    void metadataStatusAndUncheckedPartsOfPodSpecsAreAccepted() {
        MeshInput in = read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d
                  namespace: ns
                  uid: 0c5c6b1e
                  resourceVersion: "12"
                  generation: 3
                  creationTimestamp: null
                  finalizers: [example.com/keep]
                  ownerReferences: [{apiVersion: v1, kind: X, name: x, uid: u, controller: true}]
                  managedFields: [{manager: kubectl, operation: Apply, fieldsV1: {f:spec: {}}}]
                spec:
                  selector: {matchLabels: {app: d}, matchExpressions: [{key: tier, operator: In, values: [web]}]}
                  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%}}
                  template:
                    metadata: {labels: {app: d}}
                    spec:
                      securityContext: {runAsNonRoot: true, anyFutureField: 1}
                      volumes: [{name: v, emptyDir: {}}]
                      containers:
                      - name: c
                        image: i
                        env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                        resources: {limits: {cpu: "1"}}
                status: {replicas: 1, whatever: [x]}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: ns}
                stringData: {k: v}
                """);

        assertThat(errors(in)).isEmpty();
    }

    @Test
    void kindsOfOtherGroupsAreNotChecked() {
        MeshInput in = read("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: Not_A_Dns_Name, whatever: 1}
                spec: {anything: goes}
                """);

        assertThat(in.problems()).isEmpty();
        assertThat(in.skippedKinds()).containsEntry("example.com/v1/Widget", 1);
    }

    @Test
    void objectsReadBackFromAnApiServerAreNotCheckedAgain() {
        // A cluster newer than meshscope's schemas serves fields they do not list; the API server accepted them.
        MeshInput in = new ManifestReader(ReadLimits.defaults(), null, ReadOptions.fromApiServer()).readStrings(
                java.util.Map.of("k8s:Sidecar/ns/s", """
                        {"apiVersion": "networking.istio.io/v1", "kind": "Sidecar",
                         "metadata": {"name": "s", "namespace": "ns"},
                         "spec": {"egress": [{"hosts": ["./*"]}], "fieldFromANewerIstio": {}}}
                        """), Optional.empty());

        assertThat(errors(in)).isEmpty();
        assertThat(in.sidecars()).hasSize(1);
    }
}
