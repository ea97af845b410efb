package io.meshscope.core.describe;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.describe.SidecarInjection.Basis;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarInjectionTest {
    private static final Map<String, String> APP = Map.of("app", "a");
    private static final Map<String, String> OPT_IN = Map.of("app", "a", "sidecar.istio.io/inject", "true");
    private static final Map<String, String> OPT_OUT = Map.of("app", "a", "sidecar.istio.io/inject", "false");

    private static Namespace ns(String name, Map<String, String> labels) {
        return new Namespace(new ObjectMeta(new ResourceId("Namespace", "", name), labels, Map.of(), 0,
                new SourceLocation("ns.yaml", 1, 1), Map.of()));
    }

    private static Workload deploy(String ns, Map<String, String> labels, Map<String, String> annotations) {
        return new Workload(new ObjectMeta(new ResourceId("Deployment", ns, "a"), labels, annotations, 0,
                new SourceLocation("a.yaml", 1, 1), Map.of()), WorkloadKind.DEPLOYMENT, labels, annotations, 2,
                List.of(), List.of());
    }

    private static SidecarInjection rule(Namespace... namespaces) {
        MeshInput in = MeshInput.empty(MeshConfig.defaults());
        return SidecarInjection.of(new MeshInput(in.meshConfig(), List.of(namespaces), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), 0));
    }

    @Test
    void namespaceNotInTheInputIsAssumedInjectedButThePodMayOptOut() {
        SidecarInjection r = rule();

        assertThat(r.decide(deploy("shop", APP, Map.of()))).satisfies(d -> {
            assertThat(d.hasProxy()).isTrue();
            assertThat(d.assumed()).isTrue();
        });
        assertThat(r.hasProxy(deploy("shop", OPT_OUT, Map.of()))).isFalse();
        assertThat(r.hasProxy(deploy("shop", APP, Map.of("sidecar.istio.io/inject", "false")))).isFalse();
    }

    @Test
    void namespaceObjectWithoutInjectionLabelInjectsOnlyPodsLabelledToOptIn() {
        SidecarInjection r = rule(ns("shop", Map.of()));

        assertThat(r.decide(deploy("shop", APP, Map.of())).basis()).isEqualTo(Basis.NAMESPACE_NOT_LABELLED);
        assertThat(r.decide(deploy("shop", OPT_IN, Map.of())).basis()).isEqualTo(Basis.POD_OPT_IN);
        assertThat(r.hasProxy(deploy("shop", Map.of("istio.io/rev", "canary"), Map.of()))).isTrue();
        // The webhook's objectSelector reads labels: the legacy annotation cannot opt in.
        assertThat(r.hasProxy(deploy("shop", APP, Map.of("sidecar.istio.io/inject", "true")))).isFalse();
    }

    @Test
    void enabledNamespaceInjectsUnlessThePodOptsOutAndTheLabelWinsOverTheAnnotation() {
        SidecarInjection r = rule(ns("shop", Map.of("istio-injection", "enabled")));

        assertThat(r.decide(deploy("shop", APP, Map.of())).basis()).isEqualTo(Basis.NAMESPACE_ENABLED);
        assertThat(r.hasProxy(deploy("shop", OPT_OUT, Map.of()))).isFalse();
        assertThat(r.hasProxy(deploy("shop", APP, Map.of("sidecar.istio.io/inject", "false")))).isFalse();
        assertThat(r.hasProxy(deploy("shop", OPT_IN, Map.of("sidecar.istio.io/inject", "false")))).isTrue();
    }

    @Test
    void revisionLabelInjectsLikeEnabled() {
        SidecarInjection r = rule(ns("shop", Map.of("istio.io/rev", "1-22")));

        assertThat(r.decide(deploy("shop", APP, Map.of())).basis()).isEqualTo(Basis.NAMESPACE_REVISION);
        assertThat(r.hasProxy(deploy("shop", OPT_OUT, Map.of()))).isFalse();
    }

    @Test
    void disabledNamespaceInjectsNothingEvenWhenThePodOptsIn() {
        SidecarInjection r = rule(ns("shop", Map.of("istio-injection", "disabled", "istio.io/rev", "1-22")));

        assertThat(r.decide(deploy("shop", OPT_IN, Map.of())).basis()).isEqualTo(Basis.NAMESPACE_DISABLED);
    }

    @Test
    void gatewaysAndWorkloadEntriesAlwaysRunAProxyAndKubeSystemNever() {
        SidecarInjection r = rule(ns("gw", Map.of()));
        Workload vm = new Workload(new ObjectMeta(new ResourceId("WorkloadEntry", "gw", "vm"), APP, Map.of(), 0,
                new SourceLocation("vm.yaml", 1, 1), Map.of()), WorkloadKind.WORKLOAD_ENTRY, APP, Map.of(), 1,
                List.of("10.0.0.1"), List.of());

        assertThat(r.hasProxy(deploy("gw", Map.of("istio", "ingressgateway", "sidecar.istio.io/inject", "false"),
                Map.of()))).isTrue();
        assertThat(r.hasProxy(vm)).isTrue();
        assertThat(r.hasProxy(deploy("kube-system", OPT_IN, Map.of()))).isFalse();
    }

    @Test
    void noticeNamesAssumedAndUninjectedNamespacesOnce() {
        SidecarInjection r = rule(ns("legacy", Map.of()), ns("shop", Map.of("istio-injection", "enabled")));
        List<Workload> ws = List.of(deploy("legacy", APP, Map.of()), deploy("shop", APP, Map.of()),
                deploy("team", APP, Map.of()), deploy("team2", APP, Map.of()));

        assertThat(r.notice(ws)).startsWith("sidecar injection: no Namespace object for team, team2, assumed injected")
                .contains("no sidecar proxies in legacy");
        assertThat(r.notice(List.of(deploy("shop", APP, Map.of())))).isNull();
    }
}
