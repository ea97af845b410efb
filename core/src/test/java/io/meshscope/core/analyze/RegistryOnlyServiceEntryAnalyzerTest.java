package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.Severity;
import io.meshscope.core.scope.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryOnlyServiceEntryAnalyzerTest {
    private final RegistryOnlyServiceEntryAnalyzer analyzer = new RegistryOnlyServiceEntryAnalyzer();

    private static Fixtures withServiceEntry() {
        return mesh().se("ns1", "api", List.of("api.example.com"), 443, 8443).kube("istio-system", "istiod", 15010);
    }

    @Test
    void registryOnlySidecarThatMissesItsOwnServiceEntryIsAnError() {
        var in = withServiceEntry().sidecar("ns1", "default").egress("istio-system/*")
                .outbound(OutboundMode.REGISTRY_ONLY).add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0007");
            assertThat(m.level()).isEqualTo(Severity.ERROR);
            assertThat(m.field()).isEqualTo("spec.outboundTrafficPolicy");
            assertThat(m.message()).contains("ServiceEntry ns1/api in the workloads' own namespace ns1 is not"
                    + " imported: api.example.com.").contains("Add \"./api.example.com\"");
        });
    }

    @Test
    void meshWideRegistryOnlyCountsToo() {
        var in = withServiceEntry().outboundMode(OutboundMode.REGISTRY_ONLY)
                .sidecarHosts("ns1", "default", "istio-system/*").build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("spec.egress");
            assertThat(m.message()).startsWith("outbound traffic is REGISTRY_ONLY through the mesh config's");
        });
    }

    @Test
    void missingServiceEntryPortIsReported() {
        var in = withServiceEntry().sidecar("ns1", "default").egressPort(443, "TLS", "./api.example.com")
                .outbound(OutboundMode.REGISTRY_ONLY).add().build();

        assertThat(run(analyzer, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("is not imported: api.example.com:8443.");
    }

    @Test
    void importedServiceEntryIsFine() {
        var in = withServiceEntry().sidecar("ns1", "default").egress("./*").outbound(OutboundMode.REGISTRY_ONLY).add()
                .build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void allowAnyIsNotConcerned() {
        var in = withServiceEntry().sidecar("ns1", "default").egress("istio-system/*").outbound(OutboundMode.ALLOW_ANY)
                .add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
