package io.meshscope.decode;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind meshscope reads becomes the right model object with the fields the engine needs. */
class KindsDecodingTest {

    private static MeshInput decode(String yaml) {
        MeshInput in = new ManifestReader().readString("k.yaml", yaml, Optional.empty());
        assertThat(in.hasErrors()).as("problems: %s", in.problems()).isFalse();
        return in;
    }

    private static Workload workload(MeshInput in, String name) {
        return in.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void podGivesLabelsAddressesAndContainerPorts() {
        Workload pod = workload(decode("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ns, labels: {app: p}, annotations: {sidecar.istio.io/inject: "true"}}
                spec:
                  containers:
                  - name: app
                    ports: [{containerPort: 8080}, {containerPort: 9090, name: metrics}]
                  - name: other
                status:
                  podIP: 10.0.0.1
                  podIPs: [{ip: 10.0.0.1}, {ip: "fd00::1"}]
                """), "p");

        assertThat(pod.kind()).isEqualTo(WorkloadKind.POD);
        assertThat(pod.labels()).isEqualTo(Map.of("app", "p"));
        assertThat(pod.annotations()).containsEntry("sidecar.istio.io/inject", "true");
        assertThat(pod.replicas()).isEqualTo(1);
        assertThat(pod.addresses()).containsExactly("10.0.0.1", "fd00::1");
        assertThat(pod.containerPorts()).containsExactly(new Workload.ContainerPort("", 8080, "TCP"),
                new Workload.ContainerPort("metrics", 9090, "TCP"));
    }

    @Test
    void controllersUseTheirPodTemplateAndReplicas() {
        MeshInput in = decode("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, namespace: ns, labels: {owner: team}}
                spec:
                  replicas: 3
                  template:
                    metadata: {labels: {app: d}, annotations: {a: b}}
                    spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: st, namespace: ns}
                spec: {template: {metadata: {labels: {app: st}}}}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: ds, namespace: ns}
                spec: {template: {metadata: {labels: {app: ds}}}}
                ---
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: rs, namespace: ns}
                spec: {replicas: 0, template: {metadata: {labels: {app: rs}}}}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j, namespace: ns}
                spec: {parallelism: 2, template: {metadata: {labels: {app: j}}}}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: cj, namespace: ns}
                spec:
                  schedule: "* * * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: cj}}
                """);

        Workload d = workload(in, "d");
        assertThat(d.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(d.labels()).isEqualTo(Map.of("app", "d"));
        assertThat(d.meta().labels()).isEqualTo(Map.of("owner", "team"));
        assertThat(d.annotations()).isEqualTo(Map.of("a", "b"));
        assertThat(d.replicas()).isEqualTo(3);
        assertThat(d.containerPorts()).containsExactly(new Workload.ContainerPort("", 80, "TCP"));
        assertThat(workload(in, "st").replicas()).isEqualTo(1);
        assertThat(workload(in, "ds").replicas()).isEqualTo(1);
        assertThat(workload(in, "rs").replicas()).isZero();
        assertThat(workload(in, "j").replicas()).isEqualTo(2);
        Workload cj = workload(in, "cj");
        assertThat(cj.kind()).isEqualTo(WorkloadKind.CRON_JOB);
        assertThat(cj.labels()).isEqualTo(Map.of("app", "cj"));
        assertThat(cj.replicas()).isEqualTo(1);
    }

    @Test
    void workloadEntryUsesSpecLabelsAndAddress() {
        Workload we = workload(decode("""
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: vm, namespace: ns, labels: {meta: x}}
                spec: {address: 192.168.1.5, labels: {app: vm}, ports: {http: 8080}}
                """), "vm");

        assertThat(we.kind()).isEqualTo(WorkloadKind.WORKLOAD_ENTRY);
        assertThat(we.labels()).isEqualTo(Map.of("app", "vm"));
        assertThat(we.addresses()).containsExactly("192.168.1.5");
        assertThat(we.containerPorts()).containsExactly(new Workload.ContainerPort("http", 8080, ""));
    }

    @Test
    void serviceKeepsPortsTypeSelectorAndExportToAnnotation() {
        KubeService svc = decode("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: a
                  namespace: ns
                  annotations: {networking.istio.io/exportTo: ".,istio-system"}
                spec:
                  type: ClusterIP
                  clusterIP: 10.96.0.10
                  selector: {app: a}
                  ports:
                  - {name: http, port: 80, targetPort: 8080, appProtocol: http}
                  - {name: grpc, port: 9090, protocol: UDP, targetPort: grpc-port}
                  - {name: web, port: 81}
                """).services().get(0);

        assertThat(svc.meta().annotations()).containsEntry("networking.istio.io/exportTo", ".,istio-system");
        assertThat(svc.type()).isEqualTo("ClusterIP");
        assertThat(svc.clusterIP()).isEqualTo("10.96.0.10");
        assertThat(svc.selector()).isEqualTo(Map.of("app", "a"));
        assertThat(svc.ports()).containsExactly(
                new KubeService.KubePort("http", 80, "TCP", "8080", "http"),
                new KubeService.KubePort("grpc", 9090, "UDP", "grpc-port", null),
                new KubeService.KubePort("web", 81, "TCP", null, null));
    }

    @Test
    void serviceEntryKeepsHostsPortsEndpointsAndSelector() {
        ServiceEntry se = decode("""
                apiVersion: networking.istio.io/v1beta1
                kind: ServiceEntry
                metadata: {name: ext, namespace: ns}
                spec:
                  hosts: [api.example.com, b.example.com]
                  addresses: [240.0.0.1]
                  exportTo: ["."]
                  location: MESH_INTERNAL
                  resolution: STATIC
                  ports: [{number: 443, protocol: TLS, name: tls, targetPort: 8443}]
                  workloadSelector: {labels: {app: vm}}
                  endpoints:
                  - {address: 1.1.1.1, ports: {tls: 9443}, labels: {v: "1"}, locality: us/east, weight: 5}
                """).serviceEntries().get(0);

        assertThat(se.hosts()).containsExactly("api.example.com", "b.example.com");
        assertThat(se.addresses()).containsExactly("240.0.0.1");
        assertThat(se.exportTo()).containsExactly(".");
        assertThat(se.location()).isEqualTo("MESH_INTERNAL");
        assertThat(se.resolution()).isEqualTo("STATIC");
        assertThat(se.ports()).containsExactly(new ServiceEntry.SePort(443, "TLS", "tls", 8443));
        assertThat(se.workloadSelector().labels()).isEqualTo(Map.of("app", "vm"));
        assertThat(se.endpoints()).containsExactly(
                new ServiceEntry.SeEndpoint("1.1.1.1", Map.of("tls", 9443), Map.of("v", "1"), "us/east", 5));
    }

    @Test
    void endpointSliceAndEndpointsBecomeEndpointGroups() {
        MeshInput in = decode("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: a-xyz, namespace: ns, labels: {kubernetes.io/service-name: a}}
                addressType: IPv4
                ports: [{name: http, port: 8080}]
                endpoints:
                - addresses: [10.0.0.1, 10.0.0.2]
                  zone: z1
                  targetRef: {kind: Pod, name: a-1}
                - addresses: [10.0.0.3]
                  conditions: {ready: false}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: b, namespace: ns}
                subsets:
                - addresses: [{ip: 10.1.0.1, targetRef: {name: b-1}}]
                  notReadyAddresses: [{ip: 10.1.0.2}]
                  ports: [{name: http, port: 80, protocol: TCP}]
                """);

        EndpointGroup slice = in.endpoints().get(0);
        assertThat(slice.serviceName()).isEqualTo("a");
        assertThat(slice.meta().id().kind()).isEqualTo("EndpointSlice");
        assertThat(slice.addresses()).containsExactly(
                new EndpointGroup.Address("10.0.0.1", true, "z1", "a-1"),
                new EndpointGroup.Address("10.0.0.2", true, "z1", "a-1"),
                new EndpointGroup.Address("10.0.0.3", false, "", ""));
        assertThat(slice.ports()).containsExactly(new EndpointGroup.Port("http", 8080, "TCP"));
        EndpointGroup endpoints = in.endpoints().get(1);
        assertThat(endpoints.serviceName()).isEqualTo("b");
        assertThat(endpoints.addresses()).containsExactly(
                new EndpointGroup.Address("10.1.0.1", true, "", "b-1"),
                new EndpointGroup.Address("10.1.0.2", false, "", ""));
        assertThat(endpoints.ports()).containsExactly(new EndpointGroup.Port("http", 80, "TCP"));
    }

    @Test
    void virtualServiceRoutesMatchesAndMirrorsAreRead() {
        VirtualService vs = decode("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs, namespace: ns}
                spec:
                  hosts: [reviews]
                  gateways: [mesh, ns/gw]
                  exportTo: ["*"]
                  http:
                  - name: v2
                    match:
                    - {sourceNamespace: ns1, uri: {prefix: /api}, port: 8080}
                    - uri: {exact: /x}
                    route:
                    - destination: {host: reviews, subset: v2, port: {number: 9080}}
                      weight: 80
                    - destination: {host: reviews.other.svc.cluster.local}
                      weight: 20
                    mirror: {host: shadow}
                    mirrors:
                    - destination: {host: shadow2, port: {number: 81}}
                  tcp:
                  - match: [{port: 3306}]
                    route: [{destination: {host: db}}]
                  tls:
                  - route: [{destination: {host: tls.example, port: {number: 443}}}]
                """).virtualServices().get(0);

        assertThat(vs.hosts()).containsExactly("reviews");
        assertThat(vs.gateways()).containsExactly("mesh", "ns/gw");
        assertThat(vs.exportTo()).containsExactly("*");
        VirtualService.Route http = vs.http().get(0);
        assertThat(http.name()).isEqualTo("v2");
        assertThat(http.match()).extracting(VirtualService.Match::sourceNamespace, VirtualService.Match::uriPrefix,
                        VirtualService.Match::uriExact, VirtualService.Match::uriRegex, VirtualService.Match::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ns1", "/api", "", "", 8080),
                        org.assertj.core.groups.Tuple.tuple("", "", "/x", "", 0));
        assertThat(http.match()).extracting(m -> m.http().uri()).containsExactly(
                io.meshscope.core.model.StringMatch.prefix("/api"), io.meshscope.core.model.StringMatch.exact("/x"));
        assertThat(http.route()).containsExactly(new VirtualService.Destination("reviews", "v2", 9080, 80),
                new VirtualService.Destination("reviews.other.svc.cluster.local", "", 0, 20));
        assertThat(http.mirrors()).containsExactly(new VirtualService.Destination("shadow", "", 0, 0),
                new VirtualService.Destination("shadow2", "", 81, 0));
        assertThat(vs.tcp()).singleElement().satisfies(r -> {
            assertThat(r.match()).containsExactly(new VirtualService.Match("", "", "", "", 3306));
            assertThat(r.route()).containsExactly(new VirtualService.Destination("db", "", 0, 0));
        });
        assertThat(vs.tls().get(0).route()).containsExactly(new VirtualService.Destination("tls.example", "", 443, 0));
    }

    @Test
    void destinationRuleHostSelectorSubsetsAndPolicy() {
        DestinationRule dr = decode("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: dr, namespace: ns}
                spec:
                  host: reviews
                  exportTo: ["."]
                  workloadSelector: {matchLabels: {app: client}}
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  trafficPolicy:
                    tls: {mode: ISTIO_MUTUAL}
                    loadBalancer: {simple: ROUND_ROBIN}
                """).destinationRules().get(0);

        assertThat(dr.host()).isEqualTo("reviews");
        assertThat(dr.exportTo()).containsExactly(".");
        assertThat(dr.workloadSelector().labels()).isEqualTo(Map.of("app", "client"));
        assertThat(dr.subsets()).containsExactly(new DestinationRule.Subset("v1", Map.of("version", "v1")));
        assertThat(dr.tlsMode()).isEqualTo("ISTIO_MUTUAL");
        assertThat(dr.loadBalancer()).isEqualTo("ROUND_ROBIN");
    }

    @Test
    void namespaceIsClusterScoped() {
        MeshInput in = decode("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {istio-injection: enabled}}\n");

        assertThat(in.namespaces().get(0).meta().namespace()).isEmpty();
        assertThat(in.namespaces().get(0).meta().labels()).isEqualTo(Map.of("istio-injection", "enabled"));
        assertThat(in.problems()).isEmpty();
    }

    @Test
    void allIstioApiVersionsAreAccepted() {
        MeshInput in = decode(List.of("v1", "v1beta1", "v1alpha3").stream()
                .map(v -> "apiVersion: networking.istio.io/" + v + "\nkind: Sidecar\nmetadata: {name: " + v
                        + ", namespace: ns}\n")
                .reduce("", (a, b) -> a + "---\n" + b));

        assertThat(in.sidecars()).hasSize(3);
    }
}
