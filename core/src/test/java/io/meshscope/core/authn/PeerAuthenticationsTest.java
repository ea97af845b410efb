package io.meshscope.core.authn;

import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.PeerAuthentication;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.WorkloadSelector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.meshscope.core.model.PeerAuthentication.MtlsMode.DISABLE;
import static io.meshscope.core.model.PeerAuthentication.MtlsMode.PERMISSIVE;
import static io.meshscope.core.model.PeerAuthentication.MtlsMode.STRICT;
import static io.meshscope.core.model.PeerAuthentication.MtlsMode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The effective mode of a workload port as istiod's {@code GetPeerAuthenticationsForWorkload} +
 * {@code ComposePeerAuthentication} (pilot/pkg/security/authn/policy_applier.go) compute it.
 */
class PeerAuthenticationsTest {
    private static final Map<String, String> WEB = Map.of("app", "web");

    private static PeerAuthentication pa(String ns, String name, long created, Map<String, String> selector,
                                         MtlsMode mode, Map<Long, MtlsMode> ports) {
        ObjectMeta meta = new ObjectMeta(new ResourceId("PeerAuthentication", ns, name), Map.of(), Map.of(), created,
                SourceLocation.UNKNOWN, Map.of());
        return new PeerAuthentication(meta, selector == null ? null : new WorkloadSelector(selector), mode, ports,
                !ports.isEmpty());
    }

    private static PeerAuthentication pa(String ns, String name, long created, Map<String, String> selector,
                                         MtlsMode mode) {
        return pa(ns, name, created, selector, mode, Map.of());
    }

    private static MtlsMode mode(List<PeerAuthentication> all, String ns, Map<String, String> labels, int port) {
        return new PeerAuthentications(all, "istio-system").mode(ns, labels, port);
    }

    @Test
    void withoutAnyPolicyEveryPortIsPermissive() {
        assertThat(mode(List.of(), "shop", WEB, 8080)).isEqualTo(PERMISSIVE);
    }

    @Test
    void theMeshPolicyInTheRootNamespaceAppliesToEveryNamespace() {
        assertThat(mode(List.of(pa("istio-system", "default", 1, null, STRICT)), "shop", WEB, 8080)).isEqualTo(STRICT);
    }

    @Test
    void aNamespacePolicyOverridesTheMeshAndOnlyInItsNamespace() {
        List<PeerAuthentication> all = List.of(pa("istio-system", "default", 1, null, STRICT),
                pa("legacy", "default", 1, null, DISABLE));
        assertThat(mode(all, "legacy", WEB, 80)).isEqualTo(DISABLE);
        assertThat(mode(all, "shop", WEB, 80)).isEqualTo(STRICT);
    }

    @Test
    void unsetInheritsFromTheLevelAbove() {
        List<PeerAuthentication> all = List.of(pa("istio-system", "default", 1, null, STRICT),
                pa("shop", "default", 1, Map.of(), UNSET), pa("shop", "web", 1, WEB, UNSET));
        assertThat(mode(all, "shop", WEB, 80)).isEqualTo(STRICT);
    }

    @Test
    void aWorkloadPolicyAppliesOnlyToWorkloadsItsSelectorMatches() {
        List<PeerAuthentication> all = List.of(pa("shop", "web", 1, WEB, STRICT));
        assertThat(mode(all, "shop", Map.of("app", "web", "version", "v1"), 80)).isEqualTo(STRICT);
        assertThat(mode(all, "shop", Map.of("app", "api"), 80)).isEqualTo(PERMISSIVE);
        assertThat(mode(all, "other", WEB, 80)).isEqualTo(PERMISSIVE);
    }

    @Test
    void aSelectorPolicyInTheRootNamespaceAppliesToNothing() {
        assertThat(mode(List.of(pa("istio-system", "web", 1, WEB, STRICT)), "shop", WEB, 80)).isEqualTo(PERMISSIVE);
    }

    @Test
    void theOldestPolicyOfALevelWinsAndTiesGoToTheSmallerName() {
        List<PeerAuthentication> older = List.of(pa("shop", "b", 2, WEB, DISABLE), pa("shop", "a", 5, WEB, STRICT));
        assertThat(mode(older, "shop", WEB, 80)).isEqualTo(DISABLE);
        List<PeerAuthentication> tie = List.of(pa("shop", "b", 2, WEB, DISABLE), pa("shop", "a", 2, WEB, STRICT));
        assertThat(mode(tie, "shop", WEB, 80)).isEqualTo(STRICT);
        List<PeerAuthentication> ns = List.of(pa("shop", "z", 1, null, DISABLE), pa("shop", "a", 3, null, STRICT));
        assertThat(mode(ns, "shop", WEB, 80)).isEqualTo(DISABLE);
    }

    @Test
    void portLevelModesOverrideTheirPortAndUnsetInheritsTheWorkloadMode() {
        List<PeerAuthentication> all = List.of(pa("istio-system", "default", 1, null, DISABLE),
                pa("shop", "web", 1, WEB, STRICT, Map.of(8080L, DISABLE, 9090L, UNSET)));
        PeerAuthentications pas = new PeerAuthentications(all, "istio-system");
        assertThat(pas.mode("shop", WEB, 8080)).isEqualTo(DISABLE);
        assertThat(pas.mode("shop", WEB, 9090)).isEqualTo(STRICT);
        assertThat(pas.mode("shop", WEB, 80)).isEqualTo(STRICT);
        EffectiveMtls e = pas.effective("shop", WEB);
        assertThat(e.perPort()).isEqualTo(Map.of(8080, DISABLE, 9090, STRICT));
        assertThat(e.mesh().name()).isEqualTo("default");
        assertThat(e.workload().name()).isEqualTo("web");
        assertThat(e.namespace()).isNull();
    }

    @Test
    void aWorkloadInTheRootNamespaceTakesTheMeshPolicyAsItsNamespacePolicy() {
        assertThat(mode(List.of(pa("istio-system", "default", 1, null, DISABLE)), "istio-system", WEB, 80))
                .isEqualTo(DISABLE);
    }

    @Test
    void aMeshPolicyWithUnsetModeIsPermissive() {
        assertThat(mode(List.of(pa("istio-system", "default", 1, null, UNSET)), "shop", WEB, 80))
                .isEqualTo(PERMISSIVE);
    }
}
