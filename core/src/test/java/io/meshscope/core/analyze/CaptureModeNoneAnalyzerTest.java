package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureModeNoneAnalyzerTest {
    private final CaptureModeNoneAnalyzer analyzer = new CaptureModeNoneAnalyzer();

    private static Sidecar withListener(String bind, CaptureMode mode) {
        return new Sidecar(Fixtures.meta("Sidecar", "ns1", "s"), null, List.of(),
                List.of(new EgressListener(new PortSpec(5432L, "TCP", "postgres", null), bind, mode,
                        List.of("database/*"))), null, null);
    }

    @Test
    void captureModeNoneWithoutBindIsExplained() {
        var in = mesh().sidecar(withListener("", CaptureMode.NONE)).build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0012");
            assertThat(m.level()).isEqualTo(Severity.INFO);
            assertThat(m.field()).isEqualTo("spec.egress[0].captureMode");
            assertThat(m.message()).startsWith("spec.egress[0].captureMode NONE does not bypass Envoy: Envoy binds a"
                    + " real listener on 127.0.0.1:5432").endsWith("traffic.sidecar.istio.io/excludeOutboundPorts: \"5432\".");
        });
    }

    @Test
    void explicitBindIsADeliberateLocalListener() {
        var in = mesh().sidecar(withListener("127.0.0.1", CaptureMode.NONE)).build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void defaultCaptureModeIsNotConcerned() {
        var in = mesh().sidecar(withListener("", CaptureMode.DEFAULT)).build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
