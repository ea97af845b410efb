package io.meshscope.kube;

import io.meshscope.core.model.MeshInput;
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
    void theYamlStreamPutsEachObjectOnLineThreeKAfterAComment() {
        String[] lines = DOCS.toYaml().split("\n");

        assertThat(lines).hasSize(6);
        assertThat(lines[1]).isEqualTo("# k8s:Namespace/shop");
        assertThat(lines[4]).isEqualTo("# k8s:Sidecar/shop/default");
        assertThat(lines[5]).startsWith("{\"apiVersion\":\"networking.istio.io/v1\"");
    }

    @Test
    void decodingLocatesProblemsInTheObjectsLine() {
        MeshInput input = DOCS.toMeshInput(Optional.empty());

        assertThat(input.namespaces()).hasSize(1);
        assertThat(input.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().file()).isEqualTo(KubeDocuments.STREAM_NAME);
            assertThat(p.location().line()).isEqualTo(6);
            assertThat(p.render()).contains("Sidecar shop/default");
        });
    }

    @Test
    void documentsAreNamedAfterKindNamespaceAndName() {
        assertThat(KubeDocument.nameOf("Pod", "ns", "p")).isEqualTo("k8s:Pod/ns/p");
        assertThat(KubeDocument.nameOf("Namespace", null, "ns")).isEqualTo("k8s:Namespace/ns");
        assertThat(KubeDocuments.of(List.of(), List.of("note")).objects()).isZero();
    }
}
