package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.registry.DestinationRuleIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine reads rootNamespace and domainSuffix from MeshConfig rather than assuming Istio's defaults. */
class MeshConfigVariantsTest {
    private static final MeshConfig CUSTOM_ROOT = MeshConfig.defaults().withRootNamespace("mesh-root");

    @Test
    void customRootNamespaceProvidesTheRootDefaultSidecar() {
        MeshIndex idx = mesh().meshConfig(CUSTOM_ROOT).kube("ns1", "a", 80)
                .sidecarHosts("mesh-root", "global", "./*")
                .sidecarHosts("istio-system", "not-root", "*/*")
                .index();
        SidecarSelection sel = idx.select(proxy("ns1"));
        assertThat(sel.sidecar().meta().id().nsName()).isEqualTo("mesh-root/global");
        assertThat(sel.selectedBy()).isEqualTo(SelectedBy.ROOT_NAMESPACE_DEFAULT);
    }

    @Test
    void customRootNamespaceProvidesTheFallbackDestinationRule() {
        Fixtures f = mesh().meshConfig(CUSTOM_ROOT).kube("default", "reviews", 9080)
                .dr("istio-system", "ignored", "*.local")
                .dr("mesh-root", "mesh-default", "*.local");
        MeshIndex idx = f.index();
        DestinationRuleIndex.Entry e = idx.destinationRules(proxy("client"), idx.scope(proxy("client")))
                .get("reviews.default.svc.cluster.local");
        assertThat(e.key()).isEqualTo("mesh-root/mesh-default");
    }

    @Test
    void customRootNamespaceScopesNamespaceScopedKinds() {
        MeshIndex idx = mesh().meshConfig(CUSTOM_ROOT).index();
        assertThat(idx.needsPush(proxy("ns1"), null, List.of(new ConfigKey("EnvoyFilter", "mesh-root", "x")), false))
                .isTrue();
        assertThat(idx.needsPush(proxy("ns1"), null, List.of(new ConfigKey("EnvoyFilter", "istio-system", "x")), false))
                .isFalse();
    }

    @Test
    void customDomainSuffixShapesKubernetesAndShortNameHosts() {
        MeshConfig corp = new MeshConfig("istio-system", MeshConfig.defaults().outboundMode(), List.of("*"),
                List.of("*"), List.of("*"), "corp.internal", 15001, 15006);
        MeshIndex idx = mesh().meshConfig(corp).kube("ns3", "baz", 80)
                .vs("ns3", "v", "baz").http("baz", 0).add()
                .sidecarHosts("client", "default", "ns3/baz.ns3.svc.corp.internal").index();
        SidecarScope s = idx.scope(proxy("client"));
        assertThat(Fixtures.hosts(s.services())).containsExactly("baz.ns3.svc.corp.internal");
        assertThat(Fixtures.vsKeys(s.egress().get(0))).containsExactly("ns3/v");
    }
}
