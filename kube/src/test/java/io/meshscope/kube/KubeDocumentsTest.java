package io.meshscope.kube;

import io.meshscope.core.model.MeshInput;
import io.meshscope.decode.DecodeCache;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KubeDocumentsTest {
    private static final KubeDocuments DOCS = KubeDocuments.of(List.of(
            new KubeDocument("k8s:Namespace/shop", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}"),
            new KubeDocument("k8s:Sidecar/shop/default", "{\"apiVersion\":\"networking.istio.io/v1\",\"kind\":\"Sidecar\","
                    + "\"metadata\":{\"name\":\"default\",\"namespace\":\"shop\"},\"spec\":{\"egress\":\"oops\"}}")),
            List.of());

    @Test
    void decodingLocatesProblemsInTheObjectItself() {
        MeshInput input = DOCS.toMeshInput(Optional.empty());

        assertThat(input.namespaces()).hasSize(1);
        assertThat(input.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().file()).isEqualTo("k8s:Sidecar/shop/default");
            assertThat(p.location().line()).isEqualTo(1);
            assertThat(p.render()).contains("Sidecar shop/default");
        });
    }

    @Test
    void anObjectKeepsItsPositionAndInstanceWhenOthersComeAndGo() {
        DecodeCache cache = new DecodeCache();
        MeshInput before = DOCS.toMeshInput(Optional.empty(), cache);
        List<KubeDocument> more = new java.util.ArrayList<>(DOCS.documents());
        more.add(0, new KubeDocument("k8s:Namespace/aaa",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"aaa\"}}"));

        MeshInput after = KubeDocuments.of(more, List.of()).toMeshInput(Optional.empty(), cache);

        assertThat(after.namespaces()).hasSize(2);
        assertThat(after.namespaces()).contains(before.namespaces().get(0));
        assertThat(after.namespaces().stream().filter(n -> n.meta().name().equals("shop")).findFirst().orElseThrow())
                .isSameAs(before.namespaces().get(0));
    }

    @Test
    void documentsAreNamedAfterKindNamespaceAndName() {
        assertThat(KubeDocument.nameOf("Pod", "ns", "p")).isEqualTo("k8s:Pod/ns/p");
        assertThat(KubeDocument.nameOf("Namespace", null, "ns")).isEqualTo("k8s:Namespace/ns");
        assertThat(KubeDocuments.of(List.of(), List.of("note")).objects()).isZero();
    }
}
