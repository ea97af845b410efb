package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.MeshIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Service port whose {@code targetPort} names a container port, end to end through generation: inbound clusters
 * and filter chains take the workload's own container port (istiod's {@code GetProxyServiceTargetsByPod} /
 * {@code FindPort}), and each Pod-selected EDS endpoint its own pod's port.
 */
class NamedTargetPortTest {
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              clusterIP: 10.0.0.10
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http-web}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client-1, namespace: shop, labels: {app: client}}
            status: {podIP: 10.1.0.100}
            """;

    private static final String PODS = SERVICE + """
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: shop, labels: {app: web}}
            spec:
              containers:
              - name: app
                ports: [{name: metrics, containerPort: 9090}, {name: http-web, containerPort: 8080}]
            status: {podIP: 10.1.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-2, namespace: shop, labels: {app: web}}
            spec:
              containers:
              - name: app
                ports: [{name: http-web, containerPort: 8081}]
            status: {podIP: 10.1.0.2}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-3, namespace: shop, labels: {app: web}}
            spec:
              containers:
              - name: app
                ports: [{name: other, containerPort: 9000}]
            status: {podIP: 10.1.0.3}
            """;

    private static ProxyResources resources(MeshInput input, WorkloadKind kind, String name) {
        Workload w = XdsFixtures.workload(input, kind, "shop", name);
        return XdsSnapshot.build(MeshIndex.build(input)).resourcesFor(XdsFixtures.proxy(w), w);
    }

    private static List<String> inboundClusters(ProxyResources r) {
        return Invariants.names(r.clusters()).stream().filter(n -> n.startsWith("inbound|")).toList();
    }

    private static List<String> inboundChains(ProxyResources r) {
        Listener vi = (Listener) r.find(XdsType.LISTENER, "virtualInbound").resource();
        // distinct: a port has a TLS and a plaintext chain of the same name (PERMISSIVE, istiod's default)
        return vi.getFilterChainsList().stream().map(FilterChain::getName).filter(n -> n.startsWith("0.0.0.0_"))
                .distinct().toList();
    }

    private static List<String> endpoints(ProxyResources r, String cluster) {
        NamedResource n = r.find(XdsType.ENDPOINT, cluster);
        assertThat(n).as(cluster).isNotNull();
        return ((ClusterLoadAssignment) n.resource()).getEndpointsList().stream()
                .flatMap(l -> l.getLbEndpointsList().stream())
                .map(e -> e.getEndpoint().getAddress().getSocketAddress())
                .map(a -> a.getAddress() + ":" + a.getPortValue()).toList();
    }

    @Test
    void inboundClusterAndChainAreNamedByTheContainerPortTheTargetPortNames() {
        ProxyResources r = resources(XdsFixtures.yaml(PODS), WorkloadKind.POD, "web-1");

        assertThat(Invariants.check(r)).isEmpty();
        assertThat(inboundClusters(r)).containsExactly("inbound|8080||");
        assertThat(inboundChains(r)).containsExactly("0.0.0.0_8080");
    }

    @Test
    void eachPodOfTheServiceServesOnItsOwnNumberForTheSamePortName() {
        MeshInput input = XdsFixtures.yaml(PODS);

        assertThat(inboundClusters(resources(input, WorkloadKind.POD, "web-2"))).containsExactly("inbound|8081||");
        assertThat(endpoints(resources(input, WorkloadKind.POD, "client-1"), "outbound|80||web.shop.svc.cluster.local"))
                .containsExactly("10.1.0.1:8080", "10.1.0.2:8081");
    }

    @Test
    void aPodThatDeclaresNoSuchPortGetsNoInboundPortAndNoEndpoint() {
        MeshInput input = XdsFixtures.yaml(PODS);

        ProxyResources r = resources(input, WorkloadKind.POD, "web-3");
        assertThat(Invariants.check(r)).isEmpty();
        assertThat(inboundClusters(r)).isEmpty();
        assertThat(inboundChains(r)).isEmpty();
        assertThat(endpoints(resources(input, WorkloadKind.POD, "client-1"), "outbound|80||web.shop.svc.cluster.local"))
                .doesNotContain("10.1.0.3:80", "10.1.0.3:9000");
    }

    @Test
    void withoutPodsTheControllersPodTemplateGivesTheInboundPort() {
        MeshInput input = XdsFixtures.yaml(SERVICE + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: app
                        ports: [{name: http-web, containerPort: 8080}]
                """);

        ProxyResources r = resources(input, WorkloadKind.DEPLOYMENT, "web");
        assertThat(Invariants.check(r)).isEmpty();
        assertThat(inboundClusters(r)).containsExactly("inbound|8080||");
        assertThat(inboundChains(r)).containsExactly("0.0.0.0_8080");
    }

    @Test
    void aNumericTargetPortIsUsedAsWrittenWhateverTheContainersDeclare() {
        MeshInput input = XdsFixtures.yaml(PODS.replace("targetPort: http-web", "targetPort: 7070"));

        assertThat(inboundClusters(resources(input, WorkloadKind.POD, "web-1"))).containsExactly("inbound|7070||");
        assertThat(inboundClusters(resources(input, WorkloadKind.POD, "web-3"))).containsExactly("inbound|7070||");
        assertThat(endpoints(resources(input, WorkloadKind.POD, "client-1"), "outbound|80||web.shop.svc.cluster.local"))
                .containsExactly("10.1.0.1:7070", "10.1.0.2:7070", "10.1.0.3:7070");
    }

    @Test
    void aTargetPortInAnotherNumberFormIsThatNumberAsKubernetesYamlDecoderReadsIt() {
        // go-yaml reads 0x1B9E, 0o15636, 7_070 and 7070.0 as 7070 and the leading-0 010 as octal 8: numbers, never
        // port names (which no container here declares, so the pods would get no endpoint)
        for (String written : List.of("0x1B9E", "0o15636", "7_070", "7070.0")) {
            MeshInput input = XdsFixtures.yaml(PODS.replace("targetPort: http-web", "targetPort: " + written));

            assertThat(inboundClusters(resources(input, WorkloadKind.POD, "web-1"))).as(written)
                    .containsExactly("inbound|7070||");
            assertThat(endpoints(resources(input, WorkloadKind.POD, "client-1"), "outbound|80||web.shop.svc.cluster.local"))
                    .as(written).containsExactly("10.1.0.1:7070", "10.1.0.2:7070", "10.1.0.3:7070");
        }
        MeshInput octal = XdsFixtures.yaml(PODS.replace("targetPort: http-web", "targetPort: 010"));
        assertThat(inboundClusters(resources(octal, WorkloadKind.POD, "web-1"))).containsExactly("inbound|8||");
    }

    @Test
    void explicitEndpointSlicesKeepTheirOwnPortsOverThePods() {
        MeshInput input = XdsFixtures.yaml(PODS + """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-abc, namespace: shop, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports: [{name: http, port: 8443}]
                endpoints: [{addresses: [10.1.0.1], conditions: {ready: true}}]
                """);

        assertThat(endpoints(resources(input, WorkloadKind.POD, "client-1"), "outbound|80||web.shop.svc.cluster.local"))
                .containsExactly("10.1.0.1:8443");
        // the pod's own inbound still comes from its containers, as istiod reads the Pod, not the slice
        assertThat(inboundClusters(resources(input, WorkloadKind.POD, "web-1"))).containsExactly("inbound|8080||");
    }

    @Test
    void aPodWithoutAnyDeclaredPortTakesTheNumberFromTheSliceThatListsIt() {
        MeshInput input = XdsFixtures.yaml(SERVICE + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web-9, namespace: shop, labels: {app: web}}
                status: {podIP: 10.1.0.9}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-abc, namespace: shop, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports: [{name: http, port: 8080}]
                endpoints: [{addresses: [10.1.0.9], conditions: {ready: true}}]
                """);

        assertThat(inboundClusters(resources(input, WorkloadKind.POD, "web-9"))).containsExactly("inbound|8080||");
    }

    @Test
    void aControllerWithoutThePortTakesTheSlicePortOnlyWhenItIsTheServicesOnlyController() {
        String slice = """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-abc, namespace: shop, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports: [{name: http, port: 8080}]
                endpoints: [{addresses: [10.1.0.7], conditions: {ready: true}}]
                """;
        String bare = """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec: {template: {metadata: {labels: {app: web, track: stable}}}}
                """;
        MeshInput alone = XdsFixtures.yaml(SERVICE + bare + slice);
        assertThat(inboundClusters(resources(alone, WorkloadKind.DEPLOYMENT, "web"))).containsExactly("inbound|8080||");

        // with a second controller the slice's endpoints may be its pods: the bare one's own spec decides
        MeshInput two = XdsFixtures.yaml(SERVICE + bare + slice + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web-canary, namespace: shop}
                spec:
                  template:
                    metadata: {labels: {app: web, track: canary}}
                    spec: {containers: [{name: app, ports: [{name: http-web, containerPort: 8080}]}]}
                """);
        assertThat(inboundClusters(resources(two, WorkloadKind.DEPLOYMENT, "web"))).isEmpty();
        assertThat(inboundClusters(resources(two, WorkloadKind.DEPLOYMENT, "web-canary")))
                .containsExactly("inbound|8080||");
    }

    @Test
    void aWorkloadEntryPortNamedLikeTheServicePortOverridesANumericTargetPort() {
        MeshInput input = XdsFixtures.yaml(SERVICE.replace("targetPort: http-web", "targetPort: 8080") + """
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: vm-1, namespace: shop}
                spec: {address: 10.5.0.1, labels: {app: web}, ports: {http: 9000}}
                """);

        assertThat(endpoints(resources(input, WorkloadKind.POD, "client-1"), "outbound|80||web.shop.svc.cluster.local"))
                .containsExactly("10.5.0.1:9000");
        assertThat(inboundClusters(resources(input, WorkloadKind.WORKLOAD_ENTRY, "vm-1"))).containsExactly("inbound|9000||");
    }

    @Test
    void workloadEntriesUseTheirPortMapAndAreSkippedWithoutTheNamedPort() {
        MeshInput input = XdsFixtures.yaml(SERVICE + """
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: vm-1, namespace: shop}
                spec: {address: 10.5.0.1, labels: {app: web}, ports: {http-web: 7070}}
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: vm-2, namespace: shop}
                spec: {address: 10.5.0.2, labels: {app: web}, ports: {http: 9000}}
                """);

        assertThat(endpoints(resources(input, WorkloadKind.POD, "client-1"), "outbound|80||web.shop.svc.cluster.local"))
                .containsExactly("10.5.0.1:7070");
    }

    @Test
    void workloadsWithTheSameLabelsAndNoAddressesDoNotShareInboundConfigWhenTheirPortsDiffer() {
        MeshInput input = XdsFixtures.yaml(SERVICE + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web-a, namespace: shop, labels: {app: web}}
                spec: {containers: [{name: app, ports: [{name: http-web, containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web-b, namespace: shop, labels: {app: web}}
                spec: {containers: [{name: app, ports: [{name: http-web, containerPort: 8081}]}]}
                """);
        XdsSnapshot snapshot = XdsSnapshot.build(MeshIndex.build(input));
        Workload a = XdsFixtures.workload(input, WorkloadKind.POD, "shop", "web-a");
        Workload b = XdsFixtures.workload(input, WorkloadKind.POD, "shop", "web-b");
        assertThat(inboundClusters(snapshot.resourcesFor(XdsFixtures.proxy(a), a))).containsExactly("inbound|8080||");
        assertThat(inboundClusters(snapshot.resourcesFor(XdsFixtures.proxy(b), b))).containsExactly("inbound|8081||");
    }
}
