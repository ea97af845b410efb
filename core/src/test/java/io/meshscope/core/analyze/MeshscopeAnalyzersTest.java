package io.meshscope.core.analyze;

import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.EgressListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshscopeAnalyzersTest {

    @Test
    void meshscopeAnalyzersNeverProduceAnIstioCode() {
        assertThat(MeshscopeAnalyzers.all()).flatExtracting(Analyzer::produces)
                .allSatisfy(t -> assertThat(t.code()).matches("MS\\d{4}"))
                .containsExactlyInAnyOrderElementsOf(MeshscopeMessageTypes.ALL);
    }

    @Test
    void codesRunFromMs0001WithoutGaps() {
        for (int i = 0; i < MeshscopeMessageTypes.ALL.size(); i++) {
            assertThat(MeshscopeMessageTypes.ALL.get(i).code()).isEqualTo(String.format("MS%04d", i + 1));
        }
    }

    @Test
    void everyCodeHasARuleDescriptionPointingAtItsDocsPage() {
        assertThat(RuleDescriptions.all()).extracting(r -> r.type().code()).containsAll(
                MeshscopeMessageTypes.ALL.stream().map(MessageType::code).toList());
        assertThat(RuleDescriptions.of("MS0002")).get().extracting(RuleDescriptions.RuleDescription::help).asString()
                .endsWith("See docs/analyzers.md#ms0002.");
    }

    @Test
    void annotationOnTheResourceSilencesAFinding() {
        Sidecar annotated = new Sidecar(new ObjectMeta(new ResourceId("Sidecar", "ns1", "s"), Map.of(),
                Map.of(Analysis.SUPPRESS_ANNOTATION, "MS0003"), 0, new SourceLocation("s.yaml", 1, 1), Map.of()),
                null, List.of(), List.of(new EgressListener(null, "", null, List.of("*/*"))), null, null);
        var in = mesh().kube("ns1", "a", 80).sidecar(annotated).build();

        assertThat(Analysis.run(in, MeshscopeAnalyzers.all())).extracting(AnalysisMessage::code).doesNotContain("MS0003");
        assertThat(Analysis.run(in, List.of(new WildcardDefeatsScopingAnalyzer()), List.of()))
                .isEmpty();
    }

    @Test
    void suppressionFlagSilencesOneResource() {
        var in = mesh().kube("ns1", "a", 80).sidecarHosts("ns1", "s", "*/*").sidecarHosts("ns2", "s", "*/*").build();

        List<AnalysisMessage> out = Analysis.run(in, List.of(new WildcardDefeatsScopingAnalyzer()),
                List.of(Suppression.parse("MS0003=Sidecar/ns1/s")));

        assertThat(out).extracting(m -> m.resource().nsName()).containsExactly("ns2/s");
    }

    @Test
    void analyzersShareOneIndexPerInput() {
        var in = mesh().kube("ns1", "a", 80).sidecarHosts("ns1", "s", "*/*").build();
        IndexCache cache = new IndexCache();

        assertThat(cache.of(in)).isSameAs(cache.of(in));
        assertThat(cache.of(mesh().build())).isNotSameAs(cache.of(in));
    }
}
