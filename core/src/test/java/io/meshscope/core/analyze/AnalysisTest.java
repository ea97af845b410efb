package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisTest {
    private static final MessageType MS_TEST = new MessageType("MS0001", "TestLint", Severity.INFO);

    /** A meshscope-style lint: proves extra analyzers plug in beside Istio's. */
    private static Analyzer lint(String name, List<AnalysisMessage> messages) {
        return new Analyzer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<MessageType> produces() {
                return List.of(MS_TEST);
            }

            @Override
            public List<AnalysisMessage> analyze(MeshInput input) {
                return messages;
            }
        };
    }

    private static AnalysisMessage msg(MessageType type, String kind, String ns, String name, String text) {
        return new AnalysisMessage(type, new ResourceId(kind, ns, name), SourceLocation.UNKNOWN, "", text);
    }

    @Test
    void istioAnalyzersHaveIstioNames() {
        assertThat(Analysis.istioAnalyzers()).extracting(Analyzer::name).containsExactlyInAnyOrder(
                "sidecar.SelectorAnalyzer", "deprecation.FieldAnalyzer", "schema.ValidationAnalyzer");
        assertThat(Analysis.istioAnalyzers()).flatExtracting(Analyzer::produces)
                .containsExactlyInAnyOrderElementsOf(MessageTypes.ISTIO);
    }

    @Test
    void messagesAreSortedByResourceThenCodeThenMessage() {
        List<AnalysisMessage> shuffled = List.of(
                msg(MS_TEST, "Sidecar", "b", "x", "z"),
                msg(MessageTypes.INEFFECTIVE_POLICY, "Sidecar", "a", "y", "m"),
                msg(MS_TEST, "Sidecar", "a", "y", "b"),
                msg(MS_TEST, "Sidecar", "a", "y", "a"),
                msg(MS_TEST, "Namespace", "", "a", "n"));

        List<AnalysisMessage> sorted = Analysis.run(mesh().build(), List.of(lint("one", shuffled)));

        assertThat(sorted).extracting(m -> m.resource().toString() + " " + m.code() + " " + m.message())
                .containsExactly(
                        "Namespace a MS0001 n",
                        "Sidecar a/y IST0167 m",
                        "Sidecar a/y MS0001 a",
                        "Sidecar a/y MS0001 b",
                        "Sidecar b/x MS0001 z");
    }

    @Test
    void messagesOfAllAnalyzersAreMerged() {
        MeshInput input = mesh().sidecar("ns1", "a").sidecar("ns1", "b").build();
        Analyzer extra = lint("meshscope.Lint", List.of(msg(MS_TEST, "Sidecar", "ns1", "a", "lint")));

        List<AnalysisMessage> messages = Analysis.run(input, List.of(new SidecarSelectorAnalyzer(), extra));

        assertThat(messages).extracting(AnalysisMessage::code).containsExactly("IST0111", "MS0001", "IST0111");
    }

    @Test
    void explicitSuppressionDropsOnlyTheNamedCodeOnTheNamedResource() {
        MeshInput input = mesh().sidecar("ns1", "a").sidecar("ns1", "b").build();

        List<AnalysisMessage> messages = Analysis.run(input, List.of(new SidecarSelectorAnalyzer()),
                List.of(Suppression.parse("IST0111=Sidecar/ns1/a"), Suppression.parse("IST0110=Sidecar/ns1/b")));

        assertThat(Expect.of(messages)).extracting(Expect::resource).containsExactly("ns1/b");
    }

    @Test
    void suppressionWildcardsMatchAnyPart() {
        MeshInput input = mesh().sidecar("ns1", "a").sidecar("ns1", "b").sidecar("ns2", "c").sidecar("ns2", "d")
                .build();

        List<AnalysisMessage> messages = Analysis.run(input, List.of(new SidecarSelectorAnalyzer()),
                List.of(Suppression.parse("IST0111=sidecar/ns1/*")));

        assertThat(Expect.of(messages)).extracting(Expect::resource).containsExactly("ns2/c", "ns2/d");
        assertThat(Analysis.run(input, List.of(new SidecarSelectorAnalyzer()),
                List.of(Suppression.parse("*=*/*/*")))).isEmpty();
    }

    @Test
    void suppressAnnotationOnTheResourceDropsItsListedCodes() {
        Map<String, String> suppress = Map.of("meshscope.io/suppress", "MS0003, IST0111");
        MeshInput input = mesh()
                .sidecar(Mesh.sidecarOf(Mesh.meta("Sidecar", "ns1", "a", Map.of(), suppress), null, null,
                        List.of("./*")))
                .sidecar("ns1", "b")
                .build();

        List<AnalysisMessage> messages = Analysis.run(input, List.of(new SidecarSelectorAnalyzer()));

        assertThat(Expect.of(messages)).extracting(Expect::resource).containsExactly("ns1/b");
    }

    @Test
    void istioSuppressAnnotationAndStarAreHonoured() {
        MeshInput input = mesh()
                .sidecar(Mesh.sidecarOf(Mesh.meta("Sidecar", "ns1", "a", Map.of(),
                        Map.of("galley.istio.io/analyze-suppress", "IST0111")), null, null, List.of("./*")))
                .sidecar(Mesh.sidecarOf(Mesh.meta("Sidecar", "ns1", "b", Map.of(),
                        Map.of("meshscope.io/suppress", "*")), null, null, List.of("./*")))
                .build();

        assertThat(Analysis.run(input, List.of(new SidecarSelectorAnalyzer()))).isEmpty();
    }

    @Test
    void annotationWithOtherCodesSuppressesNothing() {
        MeshInput input = mesh()
                .sidecar(Mesh.sidecarOf(Mesh.meta("Sidecar", "ns1", "a", Map.of(),
                        Map.of("meshscope.io/suppress", "IST0110")), null, null, List.of("./*")))
                .sidecar("ns1", "b")
                .build();

        assertThat(Analysis.run(input, List.of(new SidecarSelectorAnalyzer()))).hasSize(2);
    }

    @Test
    void suppressionParsesNamespacedAndClusterScopedForms() {
        assertThat(Suppression.parse("IST0110=Sidecar/ns1/a"))
                .isEqualTo(new Suppression("IST0110", new ResourceId("Sidecar", "ns1", "a")));
        assertThat(Suppression.parse("MS0002=Namespace/ns1"))
                .isEqualTo(new Suppression("MS0002", new ResourceId("Namespace", "", "ns1")));
        for (String bad : List.of("IST0110", "=Sidecar/a/b", "IST0110=", "IST0110=Sidecar", "IST0110=a/b/c/d",
                "IST0110=Sidecar//a")) {
            assertThatThrownBy(() -> Suppression.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anAnalyzerThatThrowsBecomesAnInternalErrorAndTheOthersFindingsAreKept() {
        MeshInput input = mesh().sidecar("ns1", "a").sidecar("ns1", "b").build();
        Analyzer broken = new Analyzer() {
            @Override
            public String name() {
                return "meshscope.Broken";
            }

            @Override
            public List<MessageType> produces() {
                return List.of(MS_TEST);
            }

            @Override
            public List<AnalysisMessage> analyze(MeshInput in) {
                throw new IndexOutOfBoundsException("Index 0 out of bounds for length 0");
            }
        };

        List<AnalysisMessage> messages = Analysis.run(input, List.of(broken, new SidecarSelectorAnalyzer()));

        assertThat(messages).extracting(AnalysisMessage::code).containsExactly("IST0001", "IST0111", "IST0111");
        assertThat(messages.get(0).level()).isEqualTo(Severity.ERROR);
        assertThat(messages.get(0).message()).startsWith("Internal error: analyzer meshscope.Broken failed: "
                + "java.lang.IndexOutOfBoundsException: Index 0 out of bounds for length 0");
    }
}
