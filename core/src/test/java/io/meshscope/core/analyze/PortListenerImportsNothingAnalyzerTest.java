package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.analyze.MsRun.service;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortListenerImportsNothingAnalyzerTest {
    private final PortListenerImportsNothingAnalyzer analyzer = new PortListenerImportsNothingAnalyzer();

    @Test
    void portListenerWhoseServicesLackThatServicePortIsReported() {
        var in = mesh().kube(service("ns1", "grpc", 80, 9090))
                .sidecar("ns1", "s").egressPort(9090, "GRPC", "ns1/*").egress("./*").add().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0006");
            assertThat(m.field()).isEqualTo("spec.egress[0].port");
            assertThat(m.message()).startsWith("spec.egress[0].port 9090: the listener imports no service on port 9090")
                    .contains("grpc.ns1.svc.cluster.local (ports 80)")
                    .endsWith("grpc.ns1.svc.cluster.local listens on targetPort 9090 behind service port 80: the"
                            + " listener needs port 80.");
        });
    }

    @Test
    void portListenerWithAMatchingServicePortIsFine() {
        var in = mesh().kube("ns1", "grpc", 9090).sidecar("ns1", "s").egressPort(9090, "GRPC", "ns1/*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void listenerWhoseHostsMatchNothingIsLeftToOtherChecks() {
        var in = mesh().kube("ns1", "grpc", 80).sidecar("ns1", "s").egressPort(9090, "GRPC", "ns1/grpc").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void httpProxyListenerDoesNotFilterByPort() {
        var in = mesh().kube("ns1", "a", 80).sidecar("ns1", "s").egressPort(3128, "HTTP_PROXY", "ns1/*").add().build();

        assertThat(run(analyzer, in)).isEmpty();
    }
}
