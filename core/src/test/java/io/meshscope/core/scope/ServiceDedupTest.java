package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.hosts;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.namespaces;
import static io.meshscope.core.scope.Fixtures.ports;
import static io.meshscope.core.scope.Fixtures.proxy;
import static io.meshscope.core.scope.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.Registry;
import io.meshscope.core.registry.ServicePort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One namespace per hostname within a listener (spec §4.6), the scope union (§4.7) and service visibility
 * (§5.1), seen from a proxy in {@code ns1}.
 */
class ServiceDedupTest {
    private static final String REVIEWS = fqdn("reviews", "default");
    private static final long OLD = t("2020-01-01T00:00:00Z");
    private static final long MID = t("2024-01-01T00:00:00Z");
    private static final long NEW = t("2024-06-01T00:00:00Z");

    private static SidecarScope scope(Fixtures f, String... hosts) {
        return f.copy().sidecarHosts("ns1", "default", hosts).index().scope(proxy("ns1"));
    }

    private static EgressScope listener(Fixtures f, String... hosts) {
        return scope(f, hosts).egress().get(0);
    }

    // ---------------------------------------------------------------- §4.6 per listener

    @Test
    void sameHostInConsumerNamespaceWinsOverOlderForeignOne() {
        Fixtures f = mesh()
                .se("ns2", "api-ns2", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns1", "api-ns1", NEW, List.of("api.example.com"), List.of(), "NONE", 443);
        assertThat(namespaces(listener(f, "*/api.example.com").services())).containsEntry("api.example.com", "ns1");
        assertThat(namespaces(listener(f, "*/*").services())).containsEntry("api.example.com", "ns1");
    }

    @Test
    void sameHostTwoForeignNamespacesOldestWins() {
        Fixtures f = mesh()
                .se("ns3", "api-ns3", NEW, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "api-ns2", MID, List.of("api.example.com"), List.of(), "NONE", 443);
        assertThat(namespaces(listener(f, "*/*").services())).containsEntry("api.example.com", "ns2");
    }

    @Test
    void sameHostSameCreationTimeTieBrokenByNamespace() {
        Fixtures f = mesh()
                .se("ns3", "x", MID, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "y", MID, List.of("api.example.com"), List.of(), "NONE", 443);
        assertThat(namespaces(listener(f, "*/*").services())).containsEntry("api.example.com", "ns2");
    }

    @Test
    void serviceExplicitlyExportedToConsumerBeatsOlderPublicOne() {
        Fixtures f = mesh()
                .se("ns3", "public", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "exported", NEW, List.of("api.example.com"), List.of("ns1"), "NONE", 443);
        assertThat(namespaces(listener(f, "*/*").services())).containsEntry("api.example.com", "ns2");
    }

    @Test
    void kubernetesServiceWinsOverForeignServiceEntryForSameHost() {
        Fixtures f = mesh()
                .se("ns2", "squat", OLD, List.of(REVIEWS), List.of(), "NONE", 9080)
                .kube("default", "reviews", NEW, null, 9080);
        EgressScope l = listener(f, "*/*");
        assertThat(l.services()).hasSize(1);
        assertThat(l.services().get(0).namespace()).isEqualTo("default");
        assertThat(l.services().get(0).registry()).isEqualTo(Registry.KUBERNETES);
    }

    @Test
    void serviceEntryInConsumerNamespaceBeatsKubernetesService() {
        Fixtures f = mesh()
                .kube("default", "reviews", OLD, null, 9080)
                .se("ns1", "local-override", NEW, List.of(REVIEWS), List.of(), "NONE", 9080);
        EgressScope l = listener(f, "*/*");
        assertThat(namespaces(l.services())).containsEntry(REVIEWS, "ns1");
        SidecarScope s = scope(f, "*/*");
        assertThat(s.service(REVIEWS).namespace()).isEqualTo("ns1");
    }

    @Test
    void kubernetesDoesNotDisplaceConsumerNamespaceServiceEntrySeenFirst() {
        Fixtures f = mesh()
                .se("ns1", "local-override", OLD, List.of(REVIEWS), List.of(), "NONE", 9080)
                .kube("default", "reviews", NEW, null, 9080);
        assertThat(namespaces(listener(f, "*/*").services())).containsEntry(REVIEWS, "ns1");
    }

    @Test
    void allServiceObjectsOfTheChosenNamespaceAreKeptAndMergedInScope() {
        Fixtures f = mesh()
                .se("ns2", "first", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "second", NEW, List.of("api.example.com"), List.of(), "NONE", 8443);
        SidecarScope s = scope(f, "ns2/*");
        assertThat(s.egress().get(0).services()).hasSize(2);
        assertThat(s.services()).hasSize(1);
        assertThat(s.service("api.example.com").ports()).extracting(ServicePort::port).containsExactly(443, 8443);
    }

    @Test
    void serviceEntriesWithDifferentResolutionAreNotMerged() {
        Fixtures f = mesh()
                .se("ns2", "first", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "second", NEW, List.of("api.example.com"), List.of(), "DNS", 8443);
        SidecarScope s = scope(f, "*/*");
        assertThat(s.service("api.example.com").ports()).extracting(ServicePort::port).containsExactly(443);
    }

    @Test
    void serviceEntriesWithDifferentExportToAreNotMerged() {
        Fixtures f = mesh()
                .se("ns2", "first", OLD, List.of("api.example.com"), List.of("*"), "NONE", 443)
                .se("ns2", "second", NEW, List.of("api.example.com"), List.of("ns1"), "NONE", 8443);
        SidecarScope s = scope(f, "ns2/*");
        // candidates: exported-to-ns1 first, then public; the first seen is kept
        assertThat(s.service("api.example.com").ports()).extracting(ServicePort::port).containsExactly(8443);
    }

    @Test
    void exactHostFastPathDoesNotMergeSameNamespaceDuplicates() {
        Fixtures f = mesh()
                .se("ns2", "first", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "second", NEW, List.of("api.example.com"), List.of(), "NONE", 8443);
        assertThat(ports(scope(f, "ns2/api.example.com").services())).containsEntry("api.example.com", List.of(443));
        assertThat(ports(scope(mesh()
                .se("ns2", "first", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "second", NEW, List.of("api.example.com"), List.of(), "NONE", 8443), "*/api.example.com")
                .services())).containsEntry("api.example.com", List.of(443, 8443));
    }

    // ---------------------------------------------------------------- §4.7 union across listeners

    @Test
    void kubernetesServiceReplacesServiceEntryInScopeUnion() {
        Fixtures f = mesh()
                .se("ns2", "squat", OLD, List.of(REVIEWS), List.of(), "NONE", 9080)
                .kube("default", "reviews", NEW, null, 9080)
                .sidecar("ns1", "default")
                .egressPort(9080, "HTTP", "ns2/*")
                .egress("default/*").add();
        SidecarScope s = f.index().scope(proxy("ns1"));
        assertThat(namespaces(s.egress().get(0).services())).containsEntry(REVIEWS, "ns2");
        assertThat(namespaces(s.egress().get(1).services())).containsEntry(REVIEWS, "default");
        assertThat(s.services()).hasSize(1);
        assertThat(s.service(REVIEWS).registry()).isEqualTo(Registry.KUBERNETES);
        assertThat(s.service(REVIEWS).namespace()).isEqualTo("default");
    }

    @Test
    void serviceEntryNeverReplacesKubernetesServiceInScopeUnion() {
        Fixtures f = mesh()
                .se("ns2", "squat", OLD, List.of(REVIEWS), List.of(), "NONE", 9080, 9090)
                .kube("default", "reviews", NEW, null, 9080)
                .sidecar("ns1", "default")
                .egressPort(9080, "HTTP", "default/*")
                .egress("ns2/*").add();
        SidecarScope s = f.index().scope(proxy("ns1"));
        assertThat(s.service(REVIEWS).registry()).isEqualTo(Registry.KUBERNETES);
        assertThat(ports(s.services())).containsEntry(REVIEWS, List.of(9080));
    }

    @Test
    void differentNamespacesOfSameHostAreNotMergedInUnion() {
        Fixtures f = mesh()
                .se("ns2", "a", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns3", "b", NEW, List.of("api.example.com"), List.of(), "NONE", 8443)
                .sidecar("ns1", "default")
                .egress("ns2/*").add();
        // a port listener on ns3 first, then the catch-all on ns2: both choose their own namespace
        Fixtures g = mesh()
                .se("ns2", "a", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns3", "b", NEW, List.of("api.example.com"), List.of(), "NONE", 8443)
                .sidecar("ns1", "default")
                .egressPort(8443, "TLS", "ns3/*")
                .egress("ns2/*").add();
        SidecarScope s = g.index().scope(proxy("ns1"));
        assertThat(s.service("api.example.com").namespace()).isEqualTo("ns3");
        assertThat(ports(s.services())).containsEntry("api.example.com", List.of(8443));
        assertThat(f.index().scope(proxy("ns1")).service("api.example.com").namespace()).isEqualTo("ns2");
    }

    // ---------------------------------------------------------------- §5.1 exportTo

    @Test
    void exportToPrivateServiceHiddenCrossNamespace() {
        Fixtures f = mesh().kube("ns2", "b", 0, ".", 80).kube("ns2", "pub", 80);
        assertThat(hosts(listener(f, "ns2/*").services())).containsExactly(fqdn("pub", "ns2"));
        assertThat(hosts(listener(f, "*/*").services())).containsExactly(fqdn("pub", "ns2"));
    }

    @Test
    void exportToSpecificNamespaceVisibleThereOnly() {
        Fixtures f = mesh().kube("ns2", "b", 0, "ns1", 80).kube("ns2", "c", 0, "ns3", 80);
        assertThat(hosts(listener(f, "ns2/*").services())).containsExactly(fqdn("b", "ns2"));
    }

    @Test
    void exportToOtherNamespaceHidesFromOwnNamespace() {
        Fixtures f = mesh().kube("ns1", "a", 0, "ns2", 80).kube("ns1", "z", 80);
        assertThat(hosts(listener(f, "./*").services())).containsExactly(fqdn("z", "ns1"));
    }

    @Test
    void exportToTildeHiddenEvenInOwnNamespace() {
        Fixtures f = mesh().kube("ns1", "a", 80)
                .se("ns1", "hidden", 0, List.of("hidden.example.com"), List.of("~"), "NONE", 443);
        assertThat(hosts(listener(f, "./*").services())).containsExactly(fqdn("a", "ns1"));
        assertThat(hosts(listener(f, "./hidden.example.com").services())).isEmpty();
    }

    @Test
    void exportToAnnotationWithSpacesAndOwnNamespaceName() {
        Fixtures f = mesh().kube("ns2", "b", 0, " ns3 , ns1 ", 80).kube("ns1", "own", 0, "ns1", 80);
        assertThat(hosts(listener(f, "*/*").services())).containsExactly(fqdn("b", "ns2"), fqdn("own", "ns1"));
    }

    @Test
    void meshDefaultExportToDotMakesServicesPrivate() {
        Fixtures f = mesh().defaultServiceExportTo(".").kube("ns1", "a", 80).kube("ns2", "b", 80)
                .kube("ns2", "c", 0, "*", 80);
        assertThat(hosts(listener(f, "*/*").services())).containsExactly(fqdn("a", "ns1"), fqdn("c", "ns2"));
    }

    @Test
    void sidecarHostsNeverWidenVisibility() {
        Fixtures f = mesh().kube("ns2", "b", 0, ".", 80);
        assertThat(listener(f, "ns2/b.ns2.svc.cluster.local").services()).isEmpty();
        assertThat(listener(f, "*/b.ns2.svc.cluster.local").services()).isEmpty();
    }

    @Test
    void scopeServicesAreDeduplicatedByHostname() {
        Fixtures f = mesh()
                .se("ns2", "a", OLD, List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "b", NEW, List.of("api.example.com"), List.of(), "NONE", 443);
        SidecarScope s = scope(f, "*/*");
        assertThat(s.services()).extracting(MeshService::hostname).containsExactly("api.example.com");
    }

    @Test
    void kubernetesServiceReplacesConsumerNamespaceServiceEntryInUnionAcrossListeners() {
        // §4.7 lists no consumer-namespace exception for the union (istiod appendSidecarServices has none either):
        // listener 0 keeps the consumer-namespace ServiceEntry, listener 1 the Kubernetes Service, the union the latter.
        Fixtures f = mesh()
                .se("ns1", "local-override", OLD, List.of(REVIEWS), List.of(), "NONE", 9080)
                .kube("default", "reviews", NEW, null, 9080)
                .sidecar("ns1", "default")
                .egressPort(9080, "HTTP", "./*")
                .egress("default/*").add();
        SidecarScope s = f.index().scope(proxy("ns1"));
        assertThat(namespaces(s.egress().get(0).services())).containsEntry(REVIEWS, "ns1");
        assertThat(namespaces(s.egress().get(1).services())).containsEntry(REVIEWS, "default");
        assertThat(s.service(REVIEWS).namespace()).isEqualTo("default");
    }

    @Test
    void exportToDotAndOwnNamespaceNameCountOnce() {
        Fixtures f = mesh().kube("ns1", "a", 0, ".,ns1", 80);
        assertThat(listener(f, "./*").services()).hasSize(1);
    }
}
