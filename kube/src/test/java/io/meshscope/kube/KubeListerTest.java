package io.meshscope.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.OutboundMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.meshscope.kube.Manifests.ids;
import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
class KubeListerTest {
    KubernetesClient client;
    Cluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new Cluster(client);
    }

    private static KubeOptions options(List<String> namespaces, String selector) {
        return new KubeOptions(Optional.empty(), Optional.empty(), namespaces, Optional.ofNullable(selector));
    }

    @Test
    void listsEveryKindMeshscopeReadsAndDecodesThemWithTheMeshConfigMap() {
        cluster.istioCrds("v1", "v1beta1", "v1alpha3")
                .apply(Manifests.namespace("istio-system", ""))
                .apply(Manifests.namespace("shop", "istio-injection: enabled"))
                .apply(Manifests.meshConfig("REGISTRY_ONLY"))
                .apply(Manifests.app("shop", "web", "10.1.0.1"))
                .apply(Manifests.controllers("shop"))
                .apply(Manifests.istio("networking.istio.io/v1", "shop"));

        KubeDocuments docs = KubeLister.list(client, KubeOptions.defaults());
        MeshInput input = docs.toMeshInput(Optional.empty());

        assertThat(docs.objects()).isEqualTo(17).isEqualTo(docs.documents().size());
        assertThat(docs.notes()).isEmpty();
        assertThat(ids(input)).containsExactlyInAnyOrder(
                "Namespace istio-system", "Namespace shop", "Service shop/web", "EndpointSlice shop/web-abcde",
                "Deployment shop/web", "Pod shop/web-7d4f8-x1", "StatefulSet shop/db", "DaemonSet shop/agent",
                "ReplicaSet shop/legacy", "Job shop/migrate", "CronJob shop/nightly", "Sidecar shop/default",
                "ServiceEntry shop/stripe", "WorkloadEntry shop/vm1", "VirtualService shop/web",
                "DestinationRule shop/web");
        assertThat(input.meshConfig().outboundMode()).isEqualTo(OutboundMode.REGISTRY_ONLY);
        assertThat(input.problems()).isEmpty();
    }

    @Test
    void namesEachDocumentAfterItsKubernetesObject() {
        cluster.istioCrds("v1").apply(Manifests.istio("networking.istio.io/v1", "shop"))
                .apply(Manifests.namespace("shop", ""));

        KubeDocuments docs = KubeLister.list(client, KubeOptions.defaults());

        assertThat(docs.documents()).extracting(KubeDocument::name)
                .contains("k8s:Namespace/shop", "k8s:Sidecar/shop/default", "k8s:VirtualService/shop/web")
                .isSorted();
        assertThat(docs.documents()).filteredOn(d -> d.name().equals("k8s:Sidecar/shop/default"))
                .singleElement().satisfies(d -> assertThat(d.json()).startsWith("{\"apiVersion\":\"networking.istio.io/v1\""));
    }

    @Test
    void readsIstioKindsAtTheOldestVersionWhenOnlyThatIsServed() {
        cluster.istioCrds("v1alpha3").apply(Manifests.istio("networking.istio.io/v1alpha3", "shop"));

        MeshInput input = KubeLister.list(client, KubeOptions.defaults()).toMeshInput(Optional.empty());

        assertThat(input.sidecars()).hasSize(1);
        assertThat(input.destinationRules()).hasSize(1);
    }

    @Test
    void readsPeerAuthenticationsFromSecurityIstioIoWithTheirModes() {
        cluster.istioCrds("v1").apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: istio-system}
                spec: {mtls: {mode: STRICT}}
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  portLevelMtls: {8080: {mode: DISABLE}}
                """);

        MeshInput input = KubeLister.list(client, KubeOptions.defaults()).toMeshInput(Optional.empty());

        assertThat(input.problems()).isEmpty();
        assertThat(input.peerAuthentications()).extracting(p -> p.id().namespace() + "/" + p.id().name() + " " + p.mode()
                        + " " + p.portLevelMtls())
                .containsExactlyInAnyOrder("istio-system/default STRICT {}", "shop/web UNSET {8080=DISABLE}");
    }

    @Test
    void saysSoWhenIstioCrdsAreNotInstalledAndStillReadsTheRest() {
        cluster.apply(Manifests.app("shop", "web", "10.1.0.1"));

        KubeDocuments docs = KubeLister.list(client, KubeOptions.defaults());

        assertThat(docs.notes()).hasSize(2).anySatisfy(n -> assertThat(n)
                .contains("networking.istio.io does not serve Sidecar, ServiceEntry, WorkloadEntry, VirtualService, DestinationRule"))
                .anySatisfy(n -> assertThat(n).contains("security.istio.io does not serve PeerAuthentication"));
        assertThat(ids(docs.toMeshInput(Optional.empty()))).contains("Service shop/web", "Pod shop/web-7d4f8-x1");
    }

    @Test
    void readsOnlyTheListedNamespacesPlusTheMeshRootNamespace() {
        cluster.istioCrds("v1").apply(Manifests.namespace("a", "")).apply(Manifests.namespace("b", ""))
                .apply(Manifests.namespace("istio-system", ""))
                .apply(Manifests.app("a", "web", "10.1.0.1")).apply(Manifests.app("b", "api", "10.2.0.1"))
                .apply(Manifests.istio("networking.istio.io/v1", "istio-system"));

        MeshInput input = KubeLister.list(client, options(List.of("a"), null)).toMeshInput(Optional.empty());

        assertThat(ids(input)).contains("Namespace a", "Service a/web", "Namespace istio-system",
                "Sidecar istio-system/default").noneMatch(id -> id.contains(" b") || id.contains("b/"));
    }

    @Test
    void readsOnlyNamespacesWhoseLabelsMatchTheSelector() {
        cluster.apply(Manifests.namespace("a", "env: prod")).apply(Manifests.namespace("b", "env: dev"))
                .apply(Manifests.namespace("c", "env: prod")).apply(Manifests.app("a", "web", "10.1.0.1"))
                .apply(Manifests.app("b", "api", "10.2.0.1")).apply(Manifests.app("c", "db", "10.3.0.1"));

        MeshInput selected = KubeLister.list(client, options(List.of(), "env in (prod)")).toMeshInput(Optional.empty());
        MeshInput both = KubeLister.list(client, options(List.of("a", "b"), "env=prod")).toMeshInput(Optional.empty());

        assertThat(selected.services()).extracting(s -> s.id().nsName()).containsExactlyInAnyOrder("a/web", "c/db");
        assertThat(both.services()).extracting(s -> s.id().nsName()).containsExactly("a/web");
    }

    @Test
    void dropsManagedFieldsAndTheLastAppliedAnnotationButKeepsOtherAnnotations() {
        cluster.apply("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: shop
                  annotations:
                    networking.istio.io/exportTo: "."
                    kubectl.kubernetes.io/last-applied-configuration: '{"huge": true}'
                  managedFields: [{manager: kubectl, operation: Apply}]
                spec: {ports: [{port: 80}]}
                """);

        String json = KubeLister.list(client, KubeOptions.defaults()).documents().stream()
                .filter(d -> d.name().equals("k8s:Service/shop/web")).findFirst().orElseThrow().json();

        assertThat(json).contains("\"networking.istio.io/exportTo\":\".\"").doesNotContain("last-applied")
                .doesNotContain("managedFields").startsWith("{\"apiVersion\":\"v1\",\"kind\":\"Service\"");
    }

    @Test
    void anInvalidObjectIsReportedWithItsKindNamespaceAndName() {
        cluster.istioCrds("v1").apply("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: broken, namespace: shop}
                spec:
                  egress: "not a list"
                """);

        MeshInput input = KubeLister.list(client, KubeOptions.defaults()).toMeshInput(Optional.empty());

        assertThat(input.problems()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.render()).contains("Sidecar shop/broken"));
    }
}
