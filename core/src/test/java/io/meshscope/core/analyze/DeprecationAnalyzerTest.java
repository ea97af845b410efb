package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.OutboundTrafficPolicy;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeprecationAnalyzerTest {
    @Test
    void egressProxyIsReportedDeprecatedAtItsField() {
        SourceLocation field = new SourceLocation("s.yaml", 8, 5);
        ObjectMeta meta = new ObjectMeta(new ResourceId("Sidecar", "ns1", "default"), Map.of(), Map.of(), 0,
                new SourceLocation("s.yaml", 1, 1), Map.of("spec.outboundTrafficPolicy.egressProxy", field));
        MeshInput input = mesh().sidecar(Mesh.sidecarOf(meta, null, Mesh.egressProxy(), List.of("./*"))).build();

        List<AnalysisMessage> messages = Analysis.run(input, List.of(new DeprecationAnalyzer()));

        assertThat(Expect.of(messages)).containsExactly(
                new Expect("IST0002", "ns1/default", "Deprecated: OutboundTrafficPolicy.EgressProxy ignored"));
        assertThat(messages.get(0).level()).isEqualTo(Severity.WARNING);
        assertThat(messages.get(0).location()).isEqualTo(field);
    }

    @Test
    void outboundPolicyWithoutEgressProxyIsNotDeprecated() {
        ObjectMeta meta = Mesh.meta("Sidecar", "ns1", "default", Map.of(), Map.of());
        MeshInput input = mesh()
                .sidecar(Mesh.sidecarOf(meta, null, new OutboundTrafficPolicy(OutboundMode.REGISTRY_ONLY, null),
                        List.of("./*")))
                .sidecar("ns2", "no-policy")
                .build();

        assertThat(Analysis.run(input, List.of(new DeprecationAnalyzer()))).isEmpty();
    }
}
