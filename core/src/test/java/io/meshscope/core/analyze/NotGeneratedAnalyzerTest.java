package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.NotGenerated;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotGeneratedAnalyzerTest {
    private static final SourceLocation AT = new SourceLocation("f.yaml", 3, 1);

    @Test
    void anObjectOfAnUnsupportedKindIsMs0014AtItsLocation() {
        Diagnostic note = new Diagnostic(Severity.WARNING, new ResourceId("EnvoyFilter", "shop", "lua"), AT, "",
                NotGenerated.RULE, "meshscope does not apply EnvoyFilter: x");
        MeshInput in = mesh().problem(note).build();

        List<AnalysisMessage> messages = Analysis.run(in, List.of(new NotGeneratedAnalyzer()));

        assertThat(Expect.of(messages)).containsExactly(
                new Expect("MS0014", "shop/lua", "meshscope does not apply EnvoyFilter: x"));
        assertThat(messages.get(0).location()).isEqualTo(AT);
        assertThat(NotGeneratedAnalyzer.reports(note)).isTrue();
    }

    @Test
    void otherInputProblemsAreLeftToTheInputErrors() {
        Diagnostic typeError = new Diagnostic(Severity.ERROR, new ResourceId("Sidecar", "a", "b"), AT, "spec",
                "type", "bad");
        MeshInput in = mesh().problem(typeError).build();

        assertThat(Analysis.run(in, List.of(new NotGeneratedAnalyzer()))).isEmpty();
        assertThat(NotGeneratedAnalyzer.reports(typeError)).isFalse();
    }
}
