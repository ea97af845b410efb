package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.hosts;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.namespaces;
import static io.meshscope.core.scope.Fixtures.proxy;
import static io.meshscope.core.scope.Fixtures.vsKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every host form of spec §4.9, seen from a proxy in {@code ns1}. */
class EgressHostFormsTest {

    /** ns1: a, private; ns2: b, hidden-from-ns1 (exported to ns3 only); ns3: c; istio-system: istiod. */
    private static Fixtures world() {
        return mesh()
                .kube("ns1", "a", 80)
                .kube("ns1", "private", 0, ".", 80)
                .kube("ns1", "to-ns3", 0, "ns3", 80)
                .kube("ns2", "b", 80)
                .kube("ns2", "hidden", 0, "ns3", 80)
                .kube("ns3", "c", 80)
                .kube("istio-system", "istiod", 15012, 443);
    }

    private static SidecarScope scope(Fixtures f, String... hosts) {
        return f.copy().sidecarHosts("ns1", "default", hosts).index().scope(proxy("ns1"));
    }

    private static List<String> imported(Fixtures f, String... hosts) {
        SidecarScope s = scope(f, hosts);
        assertThat(s.egress()).hasSize(1);
        return hosts(s.egress().get(0).services());
    }

    @Test
    void starSlashStarImportsEveryServiceExportedToConsumer() {
        assertThat(imported(world(), "*/*")).containsExactly(
                fqdn("a", "ns1"), fqdn("b", "ns2"), fqdn("c", "ns3"), fqdn("istiod", "istio-system"),
                fqdn("private", "ns1"));
    }

    @Test
    void dotStarImportsConsumerNamespaceIncludingPrivateButNotServicesExportedElsewhere() {
        assertThat(imported(world(), "./*")).containsExactly(fqdn("a", "ns1"), fqdn("private", "ns1"));
    }

    @Test
    void namespaceStarImportsThatNamespaceOnlyWhenVisible() {
        assertThat(imported(world(), "ns2/*")).containsExactly(fqdn("b", "ns2"));
        assertThat(imported(world(), "istio-system/*")).containsExactly(fqdn("istiod", "istio-system"));
    }

    @Test
    void namespaceFqdnImportsExactHostIfVisible() {
        assertThat(imported(world(), "istio-system/istiod.istio-system.svc.cluster.local"))
                .containsExactly(fqdn("istiod", "istio-system"));
        assertThat(imported(world(), "ns2/hidden.ns2.svc.cluster.local")).isEmpty();
        // the namespace part must be the service's namespace
        assertThat(imported(world(), "ns3/b.ns2.svc.cluster.local")).isEmpty();
    }

    @Test
    void starSlashFqdnImportsHostFromAnyNamespace() {
        assertThat(imported(world(), "*/b.ns2.svc.cluster.local")).containsExactly(fqdn("b", "ns2"));
        assertThat(imported(world(), "*/hidden.ns2.svc.cluster.local")).isEmpty();
    }

    @Test
    void shortNameHostImportsNothing() {
        Fixtures f = world().kube("backend", "orders-service", 80);
        assertThat(imported(f, "backend/orders-service")).isEmpty();
        assertThat(scope(world().kube("backend", "orders-service", 80), "backend/orders-service").services()).isEmpty();
    }

    @Test
    void istiodShortNameImportsNothingButFqdnDoes() {
        assertThat(imported(world(), "istio-system/istiod")).isEmpty();
        assertThat(imported(world(), "*/istiod")).isEmpty();
    }

    @Test
    void hostMatchingIsCaseSensitiveAndTrailingDotIsLiteral() {
        assertThat(imported(world(), "ns1/A.ns1.svc.cluster.local")).isEmpty();
        assertThat(imported(world(), "ns1/a.ns1.svc.cluster.local.")).isEmpty();
    }

    @Test
    void namespaceWildcardSuffixImportsDeeperHostsAndNarrowerWildcardsButNotBareDomain() {
        Fixtures f = mesh()
                .se("ns1", "a", List.of("a.example.com"), 443)
                .se("ns1", "deep", List.of("x.y.example.com"), 443)
                .se("ns1", "bare", List.of("example.com"), 443)
                .se("ns1", "wild", List.of("*.example.com"), 443)
                .se("ns1", "narrow", List.of("*.a.example.com"), 443)
                .se("ns1", "broad", List.of("*.com"), 443)
                .se("ns2", "other-ns", List.of("b.example.com"), 443);
        assertThat(imported(f, "ns1/*.example.com")).containsExactly(
                "*.a.example.com", "*.example.com", "a.example.com", "x.y.example.com");
    }

    @Test
    void exactHostDoesNotImportWildcardServiceEntry() {
        Fixtures f = mesh().se("ns1", "wild", List.of("*.example.com"), 443);
        assertThat(imported(f, "ns1/a.example.com")).isEmpty();
        assertThat(imported(f, "*/a.example.com")).isEmpty();
    }

    @Test
    void wildcardDnsNameImportsWildcardAndSpecificServiceEntries() {
        Fixtures f = mesh()
                .se("ns1", "wiki-wildcard", List.of("*.wikipedia.org"), 443)
                .se("ns1", "wiki-en", 0, List.of("en.wikipedia.org"), List.of(), "DNS", 443);
        assertThat(imported(f, "*/*.wikipedia.org")).containsExactly("*.wikipedia.org", "en.wikipedia.org");
    }

    @Test
    void tildeStarImportsNothing() {
        Fixtures f = world().vs("istio-system", "istiod-vs", "istiod.istio-system.svc.cluster.local")
                .http("istiod.istio-system.svc.cluster.local", 0).add();
        SidecarScope s = scope(f, "~/*");
        assertThat(s.egress().get(0).services()).isEmpty();
        assertThat(s.egress().get(0).virtualServices()).isEmpty();
        assertThat(s.services()).isEmpty();
    }

    @Test
    void tildeNamespaceWithStarStarSubtractsThatNamespace() {
        assertThat(imported(world(), "*/*", "~ns2/*")).containsExactly(
                fqdn("a", "ns1"), fqdn("c", "ns3"), fqdn("istiod", "istio-system"), fqdn("private", "ns1"));
    }

    @Test
    void tildeNamespaceAloneImportsNothing() {
        assertThat(imported(world(), "~ns2/*")).isEmpty();
        assertThat(imported(world(), "~ns2/b.ns2.svc.cluster.local")).isEmpty();
    }

    @Test
    void tildeHostSubtractsThatHostFromEveryNamespace() {
        Fixtures f = mesh()
                .se("ns1", "foo1", List.of("foo.com"), 443)
                .se("ns2", "foo2", List.of("foo.com"), 443)
                .se("ns2", "bar", List.of("bar.com"), 443);
        assertThat(imported(f, "*/*", "~/foo.com")).containsExactly("bar.com");
    }

    @Test
    void tildeNamespaceHostSubtractsOnlyFromThatNamespace() {
        Fixtures f = mesh()
                .se("ns1", "foo1", List.of("foo.com"), 443)
                .se("ns2", "foo2", List.of("foo.com"), 443);
        SidecarScope s = scope(f, "*/*", "~ns1/foo.com");
        assertThat(hosts(s.egress().get(0).services())).containsExactly("foo.com");
        assertThat(namespaces(s.egress().get(0).services())).containsEntry("foo.com", "ns2");
    }

    @Test
    void tildeDotHostSubtractsFromConsumerNamespace() {
        Fixtures f = mesh()
                .se("ns1", "x1", List.of("x.com"), 443)
                .se("ns2", "x2", List.of("x.com"), 443)
                .se("ns1", "y1", List.of("y.com"), 443);
        SidecarScope s = scope(f, "*/*", "~./x.com");
        assertThat(hosts(s.egress().get(0).services())).containsExactly("x.com", "y.com");
        assertThat(namespaces(s.egress().get(0).services())).containsEntry("x.com", "ns2").containsEntry("y.com", "ns1");
    }

    @Test
    void tildeWildcardHostExclusionCoversSubdomains() {
        Fixtures f = mesh()
                .se("ns1", "a", List.of("a.example.com"), 443)
                .se("ns1", "w", List.of("*.example.com"), 443)
                .se("ns1", "o", List.of("other.org"), 443);
        assertThat(imported(f, "ns1/*", "~ns1/*.example.com")).containsExactly("other.org");
    }

    @Test
    void exclusionBeatsInclusionForSameHost() {
        assertThat(imported(world(), "ns2/b.ns2.svc.cluster.local", "~ns2/b.ns2.svc.cluster.local")).isEmpty();
    }

    @Test
    void hostWithoutSlashIsIgnored() {
        assertThat(imported(world(), "foo")).isEmpty();
        assertThat(imported(world(), "a.ns1.svc.cluster.local", "ns2/*")).containsExactly(fqdn("b", "ns2"));
    }

    @Test
    void specificNamespaceEntryThatDoesNotMatchFallsBackToWildcardNamespace() {
        // ns1 has its own entry (a only) but */* still imports ns1's other services (§4.4 step 3)
        assertThat(imported(world(), "ns1/a.ns1.svc.cluster.local", "*/*")).containsExactly(
                fqdn("a", "ns1"), fqdn("b", "ns2"), fqdn("c", "ns3"), fqdn("istiod", "istio-system"),
                fqdn("private", "ns1"));
    }

    @Test
    void severalNamespacesInOneListenerAreUnioned() {
        assertThat(imported(world(), "ns2/*", "ns3/c.ns3.svc.cluster.local", "./a.ns1.svc.cluster.local"))
                .containsExactly(fqdn("a", "ns1"), fqdn("b", "ns2"), fqdn("c", "ns3"));
    }

    @Test
    void sidecarWithoutEgressHasImplicitStarStarListener() {
        MeshIndex idx = world().sidecar("ns1", "ingress-only").ingress(8080).add().index();
        SidecarScope s = idx.scope(proxy("ns1"));
        assertThat(s.name()).isEqualTo("ingress-only");
        assertThat(s.egress()).hasSize(1);
        assertThat(s.egress().get(0).listener().isCatchAll()).isTrue();
        assertThat(hosts(s.egress().get(0).services())).hasSize(5);
    }

    @Test
    void exactHostsFromDotNamespaceImportOnlyListedHosts() {
        assertThat(imported(world(), "./a.ns1.svc.cluster.local")).containsExactly(fqdn("a", "ns1"));
    }

    @Test
    void virtualServicesAreImportedByHostForm() {
        Fixtures f = world()
                .vs("ns1", "local-vs", "a.ns1.svc.cluster.local").http("a", 0).add()
                .vs("ns2", "remote-vs", "b.ns2.svc.cluster.local").http("b", 0).add();
        assertThat(vsKeys(scope(f, "*/*").egress().get(0))).containsExactly("ns1/local-vs", "ns2/remote-vs");
        assertThat(vsKeys(scope(f, "./*").egress().get(0))).containsExactly("ns1/local-vs");
        assertThat(vsKeys(scope(f, "ns2/*").egress().get(0))).containsExactly("ns2/remote-vs");
        assertThat(vsKeys(scope(f, "*/*", "~ns2/*").egress().get(0))).containsExactly("ns1/local-vs");
        assertThat(vsKeys(scope(f, "*/*", "~/b.ns2.svc.cluster.local").egress().get(0))).containsExactly("ns1/local-vs");
    }

    @Test
    void labelsOnProxyDoNotChangeNamespaceScopedImport() {
        MeshIndex idx = world().sidecarHosts("ns1", "default", "./*").index();
        assertThat(hosts(idx.scope(proxy("ns1", Map.of("app", "anything"))).services()))
                .containsExactly(fqdn("a", "ns1"), fqdn("private", "ns1"));
    }
}
