package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.validate.FieldMessage;
import io.meshscope.core.validate.ValidationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaValidationAnalyzerTest {
    private static MeshInput oneSidecar(List<String> hosts) {
        return mesh().sidecar(Mesh.sidecarOf(Mesh.meta("Sidecar", "ns1", "default", Map.of(), Map.of()), null, null,
                hosts)).build();
    }

    @Test
    void shortNameHostIsASchemaValidationError() {
        List<AnalysisMessage> messages =
                Analysis.run(oneSidecar(List.of("backend/orders-service")), List.of(new SchemaValidationAnalyzer()));

        assertThat(messages).extracting(AnalysisMessage::code).containsExactly("IST0106");
        assertThat(messages.get(0).resource().nsName()).isEqualTo("ns1/default");
        assertThat(messages.get(0).message())
                .startsWith("Schema validation error: short names (non FQDN) are not allowed");
    }

    @Test
    void duplicatedEgressHostIsASchemaWarning() {
        List<AnalysisMessage> messages =
                Analysis.run(oneSidecar(List.of("test/*", "test/a.com")), List.of(new SchemaValidationAnalyzer()));

        assertThat(Expect.of(messages)).containsExactly(
                new Expect("IST0133", "ns1/default", "Schema validation warning: duplicated egress host: test/a.com"));
    }

    @Test
    void workloadEntriesAreValidatedLikeEveryOtherKindIstioctlChecks() {
        ObjectMeta meta = Mesh.meta("WorkloadEntry", "ns1", "vm", Map.of(), Map.of());
        MeshInput input = new MeshInput(io.meshscope.core.model.MeshConfig.defaults(), List.of(), List.of(),
                List.of(), List.of(), List.of(new io.meshscope.core.model.Workload(meta,
                        io.meshscope.core.model.WorkloadKind.WORKLOAD_ENTRY, Map.of(), Map.of(), 1, List.of(),
                        List.of(), new io.meshscope.core.model.WorkloadEntrySpec("not an ip!", Map.of("http", 70000L),
                        Map.of(), null, null, null, null))),
                List.of(), List.of(), List.of(), List.of(), Map.of(), 1);

        assertThat(Expect.of(Analysis.run(input, List.of(new SchemaValidationAnalyzer())))).containsExactly(
                new Expect("IST0106", "ns1/vm", "Schema validation error: endpoint address \"not an ip!\" is not a"
                        + " valid FQDN or an IP address"),
                new Expect("IST0106", "ns1/vm", "Schema validation error: port number 70000 must be in the range"
                        + " 1..65535"));
    }

    @Test
    void validSidecarGivesNoMessages() {
        assertThat(Analysis.run(oneSidecar(List.of("./*", "istio-system/*")),
                List.of(new SchemaValidationAnalyzer()))).isEmpty();
    }

    @Test
    void eachErrorAndWarningBecomesOneMessageLocatedAtItsField() {
        SourceLocation hostLine = new SourceLocation("s.yaml", 7, 9);
        ObjectMeta meta = new ObjectMeta(new ResourceId("Sidecar", "ns1", "default"), Map.of(), Map.of(), 0,
                new SourceLocation("s.yaml", 1, 1), Map.of("spec.egress[0].hosts[1]", hostLine));
        MeshInput input = mesh().sidecar(Mesh.sidecarOf(meta, null, null, List.of("a", "b"))).build();
        SchemaValidationAnalyzer analyzer = new SchemaValidationAnalyzer(s -> new ValidationResult(
                List.of(new FieldMessage("spec.egress[0].hosts[1]", "first"),
                        new FieldMessage("spec.ingress", "second")),
                List.of(new FieldMessage("spec.workloadSelector", "careful"))));

        List<AnalysisMessage> messages = Analysis.run(input, List.of(analyzer));

        assertThat(Expect.of(messages)).containsExactly(
                new Expect("IST0106", "ns1/default", "Schema validation error: first"),
                new Expect("IST0106", "ns1/default", "Schema validation error: second"),
                new Expect("IST0133", "ns1/default", "Schema validation warning: careful"));
        assertThat(messages).extracting(AnalysisMessage::level)
                .containsExactly(Severity.ERROR, Severity.ERROR, Severity.WARNING);
        assertThat(messages.get(0).location()).isEqualTo(hostLine);
        assertThat(messages.get(0).field()).isEqualTo("spec.egress[0].hosts[1]");
        // A field without its own location falls back to the resource's.
        assertThat(messages.get(1).location()).isEqualTo(new SourceLocation("s.yaml", 1, 1));
    }
}
