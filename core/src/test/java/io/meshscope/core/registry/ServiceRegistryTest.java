package io.meshscope.core.registry;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.scope.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registry construction and the §5.1 visibility index. */
class ServiceRegistryTest {

    private static ServiceRegistry registry(Fixtures f) {
        return ServiceRegistry.build(f.build());
    }

    private static MeshService only(ServiceRegistry r, String host) {
        List<MeshService> l = r.withHostname(host);
        assertThat(l).hasSize(1);
        return l.get(0);
    }

    @Test
    void kubernetesServiceHostnameUsesNamespaceAndDomainSuffix() {
        ServiceRegistry r = registry(mesh().kube("default", "reviews", 9080));
        MeshService s = only(r, "reviews.default.svc.cluster.local");
        assertThat(s.registry()).isEqualTo(Registry.KUBERNETES);
        assertThat(s.namespace()).isEqualTo("default");
        assertThat(s.orderName()).isEqualTo("reviews");
        assertThat(s.ports()).extracting(ServicePort::port).containsExactly(9080);
    }

    @Test
    void serviceEntryYieldsOneServicePerHostOrderedByHost() {
        ServiceRegistry r = registry(mesh().se("ns1", "ext", List.of("a.example.com", "b.example.com"), 443));
        MeshService a = only(r, "a.example.com");
        MeshService b = only(r, "b.example.com");
        assertThat(a.registry()).isEqualTo(Registry.EXTERNAL);
        assertThat(a.orderName()).isEqualTo("a.example.com");
        assertThat(b.orderName()).isEqualTo("b.example.com");
        assertThat(a.namespace()).isEqualTo("ns1");
    }

    @Test
    void exportToAnnotationIsCommaSeparatedAndTrimmed() {
        assertThat(ServiceRegistry.parseExportTo(" ns1 , ns2,,. ")).containsExactly("ns1", "ns2", ".");
        assertThat(ServiceRegistry.parseExportTo(null)).isEmpty();
        assertThat(ServiceRegistry.parseExportTo("")).isEmpty();
    }

    @Test
    void absentExportToUsesMeshDefault() {
        ServiceRegistry pub = registry(mesh().kube("ns1", "a", 80));
        assertThat(pub.isVisible(only(pub, fqdn("a", "ns1")), "other")).isTrue();

        ServiceRegistry priv = registry(mesh().defaultServiceExportTo(".").kube("ns1", "a", 80)
                .se("ns1", "e", List.of("e.example.com"), 443));
        MeshService a = only(priv, fqdn("a", "ns1"));
        assertThat(priv.isVisible(a, "ns1")).isTrue();
        assertThat(priv.isVisible(a, "other")).isFalse();
        assertThat(priv.isVisible(only(priv, "e.example.com"), "other")).isFalse();
        assertThat(priv.exportedTo("other")).isEmpty();
        assertThat(priv.exportedTo("ns1")).extracting(MeshService::hostname)
                .containsExactlyInAnyOrder(fqdn("a", "ns1"), "e.example.com");
    }

    @Test
    void exportToVisibilityTable() {
        ServiceRegistry r = registry(mesh()
                .kube("ns1", "pub", 0, "*", 80)
                .kube("ns1", "dot", 0, ".", 80)
                .kube("ns1", "own", 0, "ns1", 80)
                .kube("ns1", "tilde", 0, "~", 80)
                .kube("ns1", "to2", 0, "ns2", 80)
                .kube("ns1", "starwins", 0, "ns2,*", 80));
        assertThat(r.isVisible(only(r, fqdn("pub", "ns1")), "nsX")).isTrue();
        assertThat(r.isVisible(only(r, fqdn("dot", "ns1")), "ns1")).isTrue();
        assertThat(r.isVisible(only(r, fqdn("dot", "ns1")), "ns2")).isFalse();
        assertThat(r.isVisible(only(r, fqdn("own", "ns1")), "ns1")).isTrue();
        assertThat(r.isVisible(only(r, fqdn("own", "ns1")), "ns2")).isFalse();
        assertThat(r.isVisible(only(r, fqdn("tilde", "ns1")), "ns1")).isFalse();
        assertThat(r.isVisible(only(r, fqdn("tilde", "ns1")), "ns2")).isFalse();
        assertThat(r.isVisible(only(r, fqdn("to2", "ns1")), "ns2")).isTrue();
        assertThat(r.isVisible(only(r, fqdn("to2", "ns1")), "ns1")).isFalse();
        assertThat(r.isVisible(only(r, fqdn("starwins", "ns1")), "ns3")).isTrue();
    }

    @Test
    void exportedToListsPrivateAndExplicitBeforePublicEachInCreationOrder() {
        ServiceRegistry r = registry(mesh()
                .kube("ns9", "old-public", t("2020-01-01T00:00:00Z"), null, 80)
                .kube("ns2", "exported", t("2024-01-01T00:00:00Z"), "ns1", 80)
                .kube("ns1", "private", t("2025-01-01T00:00:00Z"), ".", 80)
                .kube("ns3", "hidden", t("2019-01-01T00:00:00Z"), "~", 80)
                .kube("ns4", "elsewhere", t("2019-01-01T00:00:00Z"), "ns5", 80));
        assertThat(r.exportedTo("ns1")).extracting(MeshService::hostname).containsExactly(
                fqdn("private", "ns1"), fqdn("exported", "ns2"), fqdn("old-public", "ns9"));
        assertThat(r.exportedTo("ns5")).extracting(MeshService::hostname).containsExactly(
                fqdn("elsewhere", "ns4"), fqdn("old-public", "ns9"));
        // hidden (~) is not visible even to its own namespace
        assertThat(r.exportedTo("ns3")).extracting(MeshService::hostname).containsExactly(fqdn("old-public", "ns9"));
    }

    @Test
    void servicesOrderedByCreationThenNameThenNamespace() {
        ServiceRegistry r = registry(mesh()
                .kube("b", "x", t("2024-01-01T00:00:00Z"), null, 80)
                .kube("a", "x", t("2024-01-01T00:00:00Z"), null, 80)
                .kube("z", "a", t("2024-01-01T00:00:00Z"), null, 80)
                .kube("z", "old", t("2023-01-01T00:00:00Z"), null, 80));
        assertThat(r.all()).extracting(MeshService::hostname).containsExactly(
                fqdn("old", "z"), fqdn("a", "z"), fqdn("x", "a"), fqdn("x", "b"));
    }

    @Test
    void hostnameAndNamespaceIndexPrefersKubernetesThenOldest() {
        String host = fqdn("reviews", "default");
        ServiceRegistry r = registry(mesh()
                .se("default", "squat", t("2020-01-01T00:00:00Z"), List.of(host), List.of(), "NONE", 9080)
                .kube("default", "reviews", t("2024-01-01T00:00:00Z"), null, 9080)
                .se("ns2", "newer", t("2024-06-01T00:00:00Z"), List.of("api.example.com"), List.of(), "NONE", 443)
                .se("ns2", "older", t("2024-01-01T00:00:00Z"), List.of("api.example.com"), List.of(), "NONE", 8443));
        assertThat(r.lookup(host, "default").registry()).isEqualTo(Registry.KUBERNETES);
        assertThat(r.lookup("api.example.com", "ns2").source().name()).isEqualTo("older");
        assertThat(r.lookup("api.example.com", "ns3")).isNull();
        assertThat(r.withHostname("api.example.com")).hasSize(2);
        assertThat(r.byNamespace(host)).containsOnlyKeys("default");
    }

    @Test
    void dotAndOwnNamespaceExportAddTheServiceToThePrivateListOnce() {
        ServiceRegistry r = registry(mesh().kube("ns1", "a", 0, ".,ns1,ns2", 80));
        assertThat(r.exportedTo("ns1")).hasSize(1);
        assertThat(r.exportedTo("ns2")).hasSize(1);
        assertThat(r.exportedTo("ns3")).isEmpty();
    }
}
