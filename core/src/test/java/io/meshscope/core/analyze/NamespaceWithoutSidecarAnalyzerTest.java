package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.MsRun.namespace;
import static io.meshscope.core.analyze.MsRun.run;
import static io.meshscope.core.analyze.MsRun.withNamespaces;
import static io.meshscope.core.analyze.MsRun.withWorkloads;
import static io.meshscope.core.analyze.MsRun.workload;
import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.Fixtures;
import io.meshscope.core.whatif.SizeModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceWithoutSidecarAnalyzerTest {
    private final NamespaceWithoutSidecarAnalyzer analyzer = new NamespaceWithoutSidecarAnalyzer();

    private static Fixtures twoServices() {
        return mesh().kube("ns1", "a", 80).kube("ns2", "b", 80, 9090).pod("ns1", "a-1", Map.of("app", "a"));
    }

    @Test
    void namespaceWithoutAnySidecarIsReportedWithItsConfigSize() {
        var in = twoServices().build();

        assertThat(run(analyzer, in)).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("MS0004");
            assertThat(m.resource().toString()).isEqualTo("Namespace ns1");
            assertThat(m.message()).startsWith("no Sidecar applies to 1 of 1 workload with a sidecar proxy in"
                            + " namespace ns1 (Pod a-1) and the root namespace istio-system has no default Sidecar")
                    .contains("every service exported to ns1: 2 services, 3 service ports, 3 clusters per proxy (outbound"
                            + " clusters: one per service port of the scope, UDP skipped).");
        });
    }

    @Test
    void sizeModelIsInjectable() {
        var in = twoServices().build();
        var bytes = new NamespaceWithoutSidecarAnalyzer(new SizeModel(scope -> 4096, "bytes"));

        assertThat(run(bytes, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("3 service ports, 4096 bytes per proxy (bytes of the scope).");
    }

    @Test
    void sizeIsPerWorkloadAsReportGivesItAndARangeWhenWorkloadsDiffer() {
        var in = twoServices().pod("ns1", "a-2", Map.of("app", "a2")).build();
        var perWorkload = new NamespaceWithoutSidecarAnalyzer(new SizeModel(
                (scope, proxy, workload) -> workload.name().equals("a-1") ? 100 : 250, "bytes", "what it counts"));

        assertThat(run(perWorkload, in)).singleElement().extracting(AnalysisMessage::message).asString()
                .contains("3 service ports, 100 to 250 bytes per proxy (what it counts).");
    }

    @Test
    void rootDefaultCoversEveryNamespace() {
        var in = twoServices().sidecarHosts(Fixtures.ROOT, "default", "./*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void namespaceDefaultCoversItsNamespace() {
        var in = twoServices().sidecarHosts("ns1", "default", "./*").build();

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void gatewaysOptedOutPodsAndUninjectedNamespacesHaveNoSidecarProxy() {
        var base = mesh().kube("ns1", "a", 80).build();
        var in = withNamespaces(withWorkloads(base,
                        workload(WorkloadKind.POD, "ns1", "gw", Map.of("istio", "ingressgateway"), Map.of()),
                        workload(WorkloadKind.POD, "ns1", "job", Map.of(), Map.of("sidecar.istio.io/inject", "false")),
                        workload(WorkloadKind.DEPLOYMENT, "plain", "app", Map.of("app", "x"), Map.of())),
                namespace("ns1", Map.of("istio-injection", "enabled")), namespace("plain", Map.of()));

        assertThat(run(analyzer, in)).isEmpty();
    }

    @Test
    void namespaceObjectLocatesTheMessage() {
        var in = withNamespaces(twoServices().build(), namespace("ns1", Map.of("istio-injection", "enabled")));

        assertThat(run(analyzer, in)).singleElement()
                .satisfies(m -> assertThat(m.location().file()).isEqualTo("ns.yaml"));
    }
}
