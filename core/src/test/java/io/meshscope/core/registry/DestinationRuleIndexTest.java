package io.meshscope.core.registry;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.proxy;
import static io.meshscope.core.scope.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.scope.Fixtures;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DestinationRule choice (spec §5.3): client namespace, then service namespace, then root; never Sidecar hosts. */
class DestinationRuleIndexTest {
    private static final String REVIEWS = fqdn("reviews", "default");

    /** The DR (ns/name) the proxy uses for the host, via the whole engine; null if none. */
    private static String drFor(Fixtures f, Proxy p, String host) {
        MeshIndex idx = f.index();
        DestinationRuleIndex.Entry e = idx.destinationRules(p, idx.scope(p)).get(host);
        return e == null ? null : e.key();
    }

    private static Fixtures base() {
        return mesh().kube("default", "reviews", 9080);
    }

    @Test
    void clientNamespaceRuleWinsOverServiceNamespaceRule() {
        Fixtures f = base().dr("client", "reviews-client", REVIEWS).dr("default", "reviews-owner", REVIEWS);
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("client/reviews-client");
    }

    @Test
    void serviceNamespaceRuleWinsOverRootRule() {
        Fixtures f = base().dr("default", "reviews-owner", REVIEWS).dr("istio-system", "mesh-default", "*.local");
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("default/reviews-owner");
    }

    @Test
    void rootNamespaceRuleIsTheFallback() {
        Fixtures f = base().dr("istio-system", "mesh-default", "*.local");
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("istio-system/mesh-default");
    }

    @Test
    void privateServiceNamespaceRuleIsSkippedForOtherClients() {
        Fixtures f = base().dr("default", "owner-private", REVIEWS, ".")
                .dr("istio-system", "mesh-default", "*.local");
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("istio-system/mesh-default");
        // but the owner namespace itself uses its private rule
        assertThat(drFor(f, proxy("default"), REVIEWS)).isEqualTo("default/owner-private");
    }

    @Test
    void ruleExportedOnlyToOwnNamespaceByNameIsPrivate() {
        Fixtures f = base().dr("default", "owner-private", REVIEWS, "default");
        assertThat(drFor(f, proxy("client"), REVIEWS)).isNull();
        assertThat(drFor(f, proxy("default"), REVIEWS)).isEqualTo("default/owner-private");
    }

    @Test
    void serviceNamespaceRuleExportedToSpecificNamespaceOnlyThere() {
        Fixtures f = base().dr("default", "to-client", REVIEWS, "client");
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("default/to-client");
        assertThat(drFor(f, proxy("other"), REVIEWS)).isNull();
    }

    @Test
    void clientNamespaceRuleExportedElsewhereIsNotUsedByClient() {
        Fixtures f = base().dr("client", "elsewhere", REVIEWS, "other").dr("default", "owner", REVIEWS);
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("default/owner");
    }

    @Test
    void ruleHostShortNameIsExpandedRelativeToRuleNamespace() {
        Fixtures f = base().dr("default", "short", "reviews").dr("client", "short-in-client", "reviews");
        // "reviews" in client expands to reviews.client..., which is not the service
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("default/short");
    }

    @Test
    void mostSpecificHostWinsWithinANamespace() {
        Fixtures f = base()
                .dr("client", "broad", "*.local")
                .dr("client", "narrower", "*.default.svc.cluster.local");
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("client/narrower");
        Fixtures exact = base()
                .dr("client", "narrower", "*.default.svc.cluster.local")
                .dr("client", "exact", REVIEWS);
        assertThat(drFor(exact, proxy("client"), REVIEWS)).isEqualTo("client/exact");
    }

    @Test
    void oldestRuleForTheSameHostWins() {
        Fixtures f = base()
                .dr("client", "newer", t("2024-06-01T00:00:00Z"), REVIEWS, null)
                .dr("client", "older", t("2024-01-01T00:00:00Z"), REVIEWS, null);
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("client/older");
    }

    @Test
    void rootClientUsesRootLocalRuleThenServiceNamespaceBeforeRootPublic() {
        Fixtures f = base()
                .dr("istio-system", "mesh-default", "*.local")
                .dr("default", "owner", REVIEWS);
        // configNs == root: step 1 only looks at root-local (private) rules; step 2 finds the owner's rule first.
        assertThat(drFor(f, proxy("istio-system"), REVIEWS)).isEqualTo("default/owner");
        Fixtures local = base()
                .dr("istio-system", "root-private", "*.local", ".")
                .dr("default", "owner", REVIEWS);
        assertThat(drFor(local, proxy("istio-system"), REVIEWS)).isEqualTo("istio-system/root-private");
    }

    @Test
    void rootPrivateRuleDoesNotApplyToOtherNamespaces() {
        Fixtures f = base().dr("istio-system", "root-private", "*.local", ".");
        assertThat(drFor(f, proxy("client"), REVIEWS)).isNull();
    }

    @Test
    void ruleIsChosenEvenWhenSidecarHostsDoNotListItsNamespace() {
        Fixtures f = base().dr("client", "reviews-client", REVIEWS).sidecarHosts("client", "default", "default/*");
        assertThat(drFor(f, proxy("client"), REVIEWS)).isEqualTo("client/reviews-client");
    }

    @Test
    void workloadSelectorRuleAppliesOnlyToMatchingProxiesOfItsNamespace() {
        Fixtures f = base()
                .dr("client", "for-v2", 0, REVIEWS, Map.of("version", "v2"))
                .dr("client", "catch-all", 0, REVIEWS, null);
        assertThat(drFor(f, proxy("client", Map.of("version", "v2")), REVIEWS)).isEqualTo("client/for-v2");
        assertThat(drFor(f, proxy("client", Map.of("version", "v1")), REVIEWS)).isEqualTo("client/catch-all");
    }

    @Test
    void workloadSelectorRuleIsPrivateToItsNamespace() {
        Fixtures f = base().dr("default", "selected", 0, REVIEWS, Map.of("app", "p"));
        assertThat(drFor(f, proxy("client"), REVIEWS)).isNull();
        assertThat(drFor(f, proxy("default"), REVIEWS)).isEqualTo("default/selected");
    }

    @Test
    void wildcardServiceEntryHostFindsCoveringWildcardRule() {
        Fixtures f = mesh().se("ns1", "wiki", java.util.List.of("*.wikipedia.org"), 443)
                .dr("ns1", "wiki-all", "*.org")
                .dr("ns1", "wiki-en", "en.wikipedia.org");
        assertThat(drFor(f, proxy("ns1"), "*.wikipedia.org")).isEqualTo("ns1/wiki-all");
    }
}
