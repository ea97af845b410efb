package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.hosts;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.ports;
import static io.meshscope.core.scope.Fixtures.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.KubeService;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Port-specific egress listeners (spec §4.5) and the scope-level port merge (§4.7). */
class PortListenerTest {
    private static final String BAR = fqdn("bar", "foo");

    private static Fixtures barAndPrime() {
        return mesh().kube("foo", "bar", 8000, 7000).kube("foo", "barprime", 9000);
    }

    @Test
    void portListenerDropsServicesWithoutThatPort() {
        SidecarScope s = barAndPrime().sidecar("client", "default").egressPort(8000, "HTTP", "foo/*").add()
                .index().scope(proxy("client"));
        assertThat(hosts(s.egress().get(0).services())).containsExactly(BAR);
        assertThat(hosts(s.services())).containsExactly(BAR);
    }

    @Test
    void portListenerTrimsMultiPortServiceToTheListenerPortKeepingServicePortNameAndProtocol() {
        SidecarScope s = barAndPrime().sidecar("client", "default").egressPort(7000, "TCP", "foo/*").add()
                .index().scope(proxy("client"));
        MeshService bar = s.egress().get(0).services().get(0);
        assertThat(bar.ports()).hasSize(1);
        ServicePort p = bar.ports().get(0);
        assertThat(p.port()).isEqualTo(7000);
        assertThat(p.name()).isEqualTo("http-7000");
        assertThat(p.protocol()).isEqualTo("HTTP");
    }

    @Test
    void portListenerMatchesServicePortNotTargetPort() {
        KubeService svc = new KubeService(Fixtures.meta("Service", "foo", "web"),
                List.of(new KubeService.KubePort("http", 80, "TCP", "8080", null)), null, "10.0.0.2", null, Map.of());
        SidecarScope byTarget = mesh().kube(svc).sidecar("client", "default").egressPort(8080, "HTTP", "foo/*").add()
                .index().scope(proxy("client"));
        assertThat(byTarget.egress().get(0).services()).isEmpty();
        SidecarScope byPort = mesh().kube(svc).sidecar("client", "default").egressPort(80, "HTTP", "foo/*").add()
                .index().scope(proxy("client"));
        assertThat(hosts(byPort.egress().get(0).services())).containsExactly(fqdn("web", "foo"));
    }

    @Test
    void httpProxyListenerDoesNotFilterPorts() {
        for (String protocol : List.of("HTTP_PROXY", "http_proxy")) {
            SidecarScope s = barAndPrime().sidecar("client", "default").egressPort(15080, protocol, "foo/*").add()
                    .index().scope(proxy("client"));
            assertThat(ports(s.egress().get(0).services()))
                    .containsEntry(BAR, List.of(7000, 8000))
                    .containsEntry(fqdn("barprime", "foo"), List.of(9000));
        }
    }

    @Test
    void udsPortZeroListenerDoesNotFilterPorts() {
        SidecarScope s = barAndPrime().sidecar("client", "default")
                .egressBound(0, "HTTP", "unix:///var/run/egress.sock", "foo/*").add()
                .index().scope(proxy("client"));
        assertThat(s.egress().get(0).listener().bind()).isEqualTo("unix:///var/run/egress.sock");
        assertThat(ports(s.egress().get(0).services()))
                .containsEntry(BAR, List.of(7000, 8000))
                .containsEntry(fqdn("barprime", "foo"), List.of(9000));
    }

    @Test
    void twoPortListenersMergePortsOfTheSameServiceInScope() {
        SidecarScope s = mesh().kube("foo", "bar", 8000, 7000).sidecar("client", "default")
                .egressPort(8000, "HTTP", "foo/*")
                .egressPort(7000, "HTTP", "foo/*").add()
                .index().scope(proxy("client"));
        assertThat(ports(s.egress().get(0).services())).containsEntry(BAR, List.of(8000));
        assertThat(ports(s.egress().get(1).services())).containsEntry(BAR, List.of(7000));
        assertThat(s.services()).hasSize(1);
        assertThat(s.service(BAR).ports()).extracting(ServicePort::port).containsExactly(8000, 7000);
    }

    @Test
    void portListenersThenCatchAllKeepEachListenerOwnServices() {
        SidecarScope s = mesh().kube("foo", "bar", 8000, 7000).kube("ns2", "b", 80).sidecar("client", "default")
                .egressPort(8000, "HTTP", "foo/*")
                .egress("ns2/*").add()
                .index().scope(proxy("client"));
        assertThat(s.egress()).hasSize(2);
        assertThat(s.egress().get(0).listener().port().number()).isEqualTo(8000L);
        assertThat(hosts(s.egress().get(0).services())).containsExactly(BAR);
        assertThat(s.egress().get(1).listener().isCatchAll()).isTrue();
        assertThat(hosts(s.egress().get(1).services())).containsExactly(fqdn("b", "ns2"));
        assertThat(hosts(s.services())).containsExactly(fqdn("b", "ns2"), BAR);
        assertThat(ports(s.services())).containsEntry(BAR, List.of(8000));
    }

    @Test
    void catchAllAfterPortListenerMergesRemainingPortsIntoScope() {
        SidecarScope s = mesh().kube("foo", "bar", 8000, 7000).sidecar("client", "default")
                .egressPort(8000, "HTTP", "foo/*")
                .egress("foo/*").add()
                .index().scope(proxy("client"));
        assertThat(ports(s.egress().get(1).services())).containsEntry(BAR, List.of(7000, 8000));
        assertThat(ports(s.services())).containsEntry(BAR, List.of(7000, 8000));
    }

    @Test
    void portListenerWithExactHostsAlsoFilters() {
        SidecarScope s = barAndPrime().sidecar("client", "default")
                .egressPort(9000, "HTTP", "foo/bar.foo.svc.cluster.local", "foo/barprime.foo.svc.cluster.local").add()
                .index().scope(proxy("client"));
        assertThat(hosts(s.egress().get(0).services())).containsExactly(fqdn("barprime", "foo"));
    }

    @Test
    void serviceEntryPortsAreFilteredByListenerPortToo() {
        SidecarScope s = mesh().se("ns1", "api", List.of("api.example.com"), 443, 8443)
                .sidecar("ns1", "default").egressPort(8443, "TLS", "./*").add()
                .index().scope(proxy("ns1"));
        assertThat(ports(s.egress().get(0).services())).containsEntry("api.example.com", List.of(8443));
    }
}
