package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.OutboundMode;
import org.junit.jupiter.api.Test;

/** Effective outboundTrafficPolicy of a scope (spec §7). */
class OutboundPolicyTest {

    private static OutboundMode mode(Fixtures f, String ns) {
        return f.index().scope(proxy(ns)).outboundMode();
    }

    @Test
    void noSidecarInheritsMeshDefaultAllowAny() {
        assertThat(mode(mesh(), "ns1")).isEqualTo(OutboundMode.ALLOW_ANY);
    }

    @Test
    void noSidecarInheritsMeshRegistryOnly() {
        assertThat(mode(mesh().outboundMode(OutboundMode.REGISTRY_ONLY), "ns1")).isEqualTo(OutboundMode.REGISTRY_ONLY);
    }

    @Test
    void sidecarWithoutFieldInheritsMesh() {
        Fixtures f = mesh().outboundMode(OutboundMode.REGISTRY_ONLY).sidecarHosts("ns1", "default", "./*");
        assertThat(mode(f, "ns1")).isEqualTo(OutboundMode.REGISTRY_ONLY);
        assertThat(mode(mesh().sidecarHosts("ns1", "default", "./*"), "ns1")).isEqualTo(OutboundMode.ALLOW_ANY);
    }

    @Test
    void emptyOutboundTrafficPolicyObjectMeansRegistryOnly() {
        Fixtures f = mesh().sidecar("ns1", "default").egress("./*").outbound(null).add();
        assertThat(mode(f, "ns1")).isEqualTo(OutboundMode.REGISTRY_ONLY);
    }

    @Test
    void sidecarPolicyOverridesMesh() {
        Fixtures f = mesh().outboundMode(OutboundMode.REGISTRY_ONLY)
                .sidecar("ns1", "default").egress("./*").outbound(OutboundMode.ALLOW_ANY).add();
        assertThat(mode(f, "ns1")).isEqualTo(OutboundMode.ALLOW_ANY);
    }

    @Test
    void rootSidecarPolicyAppliesToInheritingNamespacesButNotToNamespacesWithTheirOwnSidecar() {
        Fixtures f = mesh()
                .sidecar("istio-system", "global").egress("./*").outbound(OutboundMode.REGISTRY_ONLY).add()
                .sidecarHosts("ns2", "default", "./*");
        assertThat(mode(f, "ns1")).isEqualTo(OutboundMode.REGISTRY_ONLY);
        assertThat(mode(f, "ns2")).isEqualTo(OutboundMode.ALLOW_ANY);
    }

    @Test
    void meshDynamicDnsModePropagatesIntoScopes() {
        assertThat(mode(mesh().outboundMode(OutboundMode.ALLOW_ANY_DYNAMIC_DNS), "ns1"))
                .isEqualTo(OutboundMode.ALLOW_ANY_DYNAMIC_DNS);
    }

    @Test
    void meshWithoutPolicyGivesScopeWithoutPolicy() {
        assertThat(mode(mesh().outboundMode(null), "ns1")).isNull();
        assertThat(mode(mesh().outboundMode(null).sidecarHosts("ns1", "default", "./*"), "ns1")).isNull();
    }
}
