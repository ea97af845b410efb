package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.hosts;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shape (not speed) of scoping in a large mesh: no timing assertions. */
class PerformanceShapeTest {
    private static final int SERVICES = 2_000;
    private static final int NAMESPACES = 40;

    private static Fixtures bigMesh() {
        Fixtures f = mesh();
        for (int i = 0; i < SERVICES; i++) {
            f.kube("ns" + (i % NAMESPACES), "svc" + i, 8080, 9090);
        }
        return f;
    }

    @Test
    void allExactHostSidecarImportsExactlyTheListedServicesOutOfTwoThousand() {
        List<String> wanted = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < SERVICES; i += 97) {
            String ns = "ns" + (i % NAMESPACES);
            wanted.add(fqdn("svc" + i, ns));
            hosts.add(ns + "/" + fqdn("svc" + i, ns));
        }
        // an exact host in the wrong namespace and an unknown host import nothing
        hosts.add("ns0/" + fqdn("svc1", "ns1"));
        hosts.add("ns0/missing.ns0.svc.cluster.local");
        MeshIndex idx = bigMesh().sidecarHosts("client", "default", hosts.toArray(String[]::new)).index();
        SidecarScope scope = idx.scope(proxy("client"));
        assertThat(idx.registry().all()).hasSize(SERVICES);
        assertThat(hosts(scope.egress().get(0).services())).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(hosts(scope.services())).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(scope.services()).hasSize(wanted.size());
    }

    @Test
    void defaultScopeInLargeMeshImportsEveryServiceOnce() {
        MeshIndex idx = bigMesh().index();
        SidecarScope scope = idx.scope(proxy("client"));
        assertThat(scope.services()).hasSize(SERVICES);
        // 2 deps (ServiceEntry + Endpoints) per service, no Sidecar
        assertThat(scope.dependencies()).hasSize(2 * SERVICES);
    }

    @Test
    void manyProxiesShareOneScopePerNamespace() {
        MeshIndex idx = bigMesh().sidecarHosts("istio-system", "global", "./*").index();
        SidecarScope first = idx.scope(proxy("ns3", Map.of("app", "w0")));
        for (int i = 1; i < 500; i++) {
            assertThat(idx.scope(proxy("ns3", Map.of("app", "w" + i)))).isSameAs(first);
        }
        assertThat(first.services()).hasSize(SERVICES / NAMESPACES);
    }
}
