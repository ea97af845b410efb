package io.meshscope.core.scope;

import static io.meshscope.core.scope.Fixtures.fqdn;
import static io.meshscope.core.scope.Fixtures.meta;
import static io.meshscope.core.scope.Fixtures.mesh;
import static io.meshscope.core.scope.Fixtures.proxy;
import static io.meshscope.core.scope.Fixtures.router;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.model.WorkloadSelector;
import io.meshscope.core.registry.MeshService;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which new inputs are endpoint-only updates, and what such an update carries over from the previous index. */
class EndpointUpdateTest {

    /** shop/cart and shop/web (port 80), shop/db headless (5432); a namespace-wide Sidecar in ns "other". */
    private static Fixtures base() {
        return mesh().kube("shop", "cart", 80).kube("shop", "web", 80)
                .kube(new KubeService(meta("Service", "shop", "db"),
                        List.of(new KubeService.KubePort("tcp-5432", 5432, "TCP", null, null)), null, "None", null,
                        Map.of("app", "db")))
                .sidecarHosts("other", "default", "shop/cart.shop.svc.cluster.local");
    }

    private static EndpointGroup slice(String service, int port, String... ips) {
        List<EndpointGroup.Address> addresses = Stream.of(ips)
                .map(ip -> new EndpointGroup.Address(ip, true, "zone-a", "")).toList();
        String portName = port == 5432 ? "tcp-5432" : "http-80";
        return new EndpointGroup(meta("EndpointSlice", "shop", service + "-abcde"), service, addresses,
                List.of(new EndpointGroup.Port(portName, port, "TCP")));
    }

    /** The fixtures' input with these endpoint groups. */
    private static MeshInput input(Fixtures f, EndpointGroup... groups) {
        MeshInput in = f.build();
        return new MeshInput(in.meshConfig(), in.namespaces(), in.services(), in.serviceEntries(), List.of(groups),
                in.workloads(), in.sidecars(), in.virtualServices(), in.destinationRules(), in.problems(),
                in.skippedKinds(), in.documents());
    }

    private static MeshInput before() {
        return input(base(), slice("cart", 8080, "10.1.0.1"), slice("web", 8080, "10.2.0.1"),
                slice("db", 5432, "10.3.0.1"));
    }

    @Test
    void addressChangeOfOneServiceIsAnUpdateOfThatServiceSharingEveryScope() {
        MeshIndex before = MeshIndex.build(before());
        SidecarScope shopScope = before.scope(proxy("shop"));
        SidecarScope otherScope = before.scope(proxy("other"));
        SidecarScope gatewayScope = before.scope(router("shop"));
        MeshInput after = input(base(), slice("cart", 8080, "10.1.0.1", "10.1.0.2"), slice("web", 8080, "10.2.0.1"),
                slice("db", 5432, "10.3.0.1"));

        EndpointUpdate update = EndpointUpdate.between(before, after).orElseThrow();

        assertThat(update.changes().keys()).extracting(ConfigKey::toString)
                .containsExactly("Endpoints/shop/" + fqdn("cart", "shop"));
        assertThat(update.changes().meshConfigChanged()).isFalse();
        assertThat(update.changes().changedWorkloads()).isEmpty();
        assertThat(before.registry().all()).filteredOn(update::changed).extracting(MeshService::hostname)
                .containsExactly(fqdn("cart", "shop"));
        // The fast path reports what the full path would have found.
        assertThat(update.changes().keys())
                .isEqualTo(ConfigChanges.between(before, MeshIndex.build(after)).keys());

        MeshIndex next = update.index();
        assertThat(next.input()).isSameAs(after);
        assertThat(next.registry()).isSameAs(before.registry());
        assertThat(next.scope(proxy("shop"))).isSameAs(shopScope);
        assertThat(next.scope(proxy("other"))).isSameAs(otherScope);
        assertThat(next.scope(router("shop"))).isSameAs(gatewayScope);
    }

    @Test
    void endpointPortChangeTakesTheFullPath() {
        MeshIndex before = MeshIndex.build(before());
        MeshInput after = input(base(), slice("cart", 9090, "10.1.0.1"), slice("web", 8080, "10.2.0.1"),
                slice("db", 5432, "10.3.0.1"));

        assertThat(EndpointUpdate.between(before, after)).isEmpty();
    }

    @Test
    void headlessServiceAddressChangeTakesTheFullPath() {
        MeshIndex before = MeshIndex.build(before());
        MeshInput after = input(base(), slice("cart", 8080, "10.1.0.1"), slice("web", 8080, "10.2.0.1"),
                slice("db", 5432, "10.3.0.2"));

        assertThat(EndpointUpdate.between(before, after)).isEmpty();
    }

    static Stream<Arguments> changesOutsideEndpoints() {
        return Stream.of(
                change("a new Service", f -> f.kube("shop", "extra", 80)),
                change("a new ServiceEntry", f -> f.se("shop", "ext", List.of("api.example.com"), 443)),
                change("a new Sidecar", f -> f.sidecarHosts("shop", "default", "./*")),
                change("a new workload controller",
                        f -> f.workload(WorkloadKind.DEPLOYMENT, "shop", "cart", Map.of("app", "cart"))),
                change("a new Pod of a headless service", f -> f.pod("shop", "db-1", Map.of("app", "db"))),
                change("a new VirtualService", f -> f.vs("shop", "cart", fqdn("cart", "shop"))
                        .http(fqdn("web", "shop"), 80).add()),
                change("a new DestinationRule", f -> f.dr("shop", "cart", fqdn("cart", "shop"))),
                change("a mesh config change", f -> f.outboundMode(OutboundMode.REGISTRY_ONLY)));
    }

    private static Arguments change(String name, UnaryOperator<Fixtures> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changesOutsideEndpoints")
    void changeOutsideEndpointsTakesTheFullPathEvenWithAnAddressChange(String name, UnaryOperator<Fixtures> change) {
        MeshIndex before = MeshIndex.build(before());
        MeshInput after = input(change.apply(base()), slice("cart", 8080, "10.1.0.2"), slice("web", 8080, "10.2.0.1"),
                slice("db", 5432, "10.3.0.1"));

        assertThat(EndpointUpdate.between(before, after)).isEmpty();
    }

    @Test
    void newPodIsAnUpdateOfTheServicesSelectingIt() {
        MeshIndex before = MeshIndex.build(before());
        SidecarScope shopScope = before.scope(proxy("shop"));
        MeshInput after = input(base().pod("shop", "cart-1", Map.of("app", "cart")), slice("cart", 8080, "10.1.0.1"),
                slice("web", 8080, "10.2.0.1"), slice("db", 5432, "10.3.0.1"));

        EndpointUpdate update = EndpointUpdate.between(before, after).orElseThrow();

        assertThat(update.changes().keys()).extracting(ConfigKey::toString)
                .containsExactly("Endpoints/shop/" + fqdn("cart", "shop"));
        assertThat(update.changes().changedWorkloads()).as("a new pod moves no existing proxy").isEmpty();
        assertThat(update.index().scope(proxy("shop"))).isSameAs(shopScope);
    }

    @Test
    void podRelabelledFromOneServiceToAnotherUpdatesBothAndMovesItsProxy() {
        MeshIndex before = MeshIndex.build(input(base().pod("shop", "p-1", Map.of("app", "cart")),
                slice("cart", 8080, "10.1.0.1"), slice("web", 8080, "10.2.0.1"), slice("db", 5432, "10.3.0.1")));
        MeshInput after = input(base().pod("shop", "p-1", Map.of("app", "web")), slice("cart", 8080, "10.1.0.1"),
                slice("web", 8080, "10.2.0.1"), slice("db", 5432, "10.3.0.1"));

        EndpointUpdate update = EndpointUpdate.between(before, after).orElseThrow();

        assertThat(update.changes().keys()).extracting(ConfigKey::toString).containsExactlyInAnyOrder(
                "Endpoints/shop/" + fqdn("cart", "shop"), "Endpoints/shop/" + fqdn("web", "shop"));
        assertThat(update.changes().changedWorkloads()).extracting(ResourceId::name).containsExactly("p-1");
    }

    @Test
    void newPodOfADnsServiceEntryTakesTheFullPath() {
        UnaryOperator<Fixtures> withDnsEntry = f -> f.se(new ServiceEntry(meta("ServiceEntry", "shop", "dns"),
                List.of("dns.example.com"), List.of(), List.of(new ServiceEntry.SePort(80, "HTTP", "http", 0)),
                "MESH_INTERNAL", "DNS", List.of(), new WorkloadSelector(Map.of("app", "dns")), List.of()));
        MeshIndex before = MeshIndex.build(input(withDnsEntry.apply(base()), slice("cart", 8080, "10.1.0.1")));
        MeshInput after = input(withDnsEntry.apply(base()).pod("shop", "dns-1", Map.of("app", "dns")),
                slice("cart", 8080, "10.1.0.1"));

        assertThat(EndpointUpdate.between(before, after)).as("DNS endpoints live inside the cluster").isEmpty();
    }

    @Test
    void identicalInputIsAnUpdateWithNoChanges() {
        MeshIndex before = MeshIndex.build(before());

        EndpointUpdate update = EndpointUpdate.between(before, before()).orElseThrow();

        assertThat(update.changes().keys()).isEmpty();
        assertThat(update.changes().isEmpty()).isTrue();
    }

    @Test
    void theSameGroupsInAnotherOrderAreNoChange() {
        MeshIndex before = MeshIndex.build(before());
        MeshInput after = input(base(), slice("db", 5432, "10.3.0.1"), slice("web", 8080, "10.2.0.1"),
                slice("cart", 8080, "10.1.0.1"));

        EndpointUpdate update = EndpointUpdate.between(before, after).orElseThrow();

        assertThat(update.changes().keys()).isEmpty();
        assertThat(update.changedGroups()).isEmpty();
    }

    @Test
    void aChangedGroupAmongReorderedOnesIsTheOnlyChange() {
        MeshIndex before = MeshIndex.build(before());
        MeshInput after = input(base(), slice("web", 8080, "10.2.0.9"), slice("cart", 8080, "10.1.0.1"),
                slice("db", 5432, "10.3.0.1"));

        EndpointUpdate update = EndpointUpdate.between(before, after).orElseThrow();

        assertThat(update.changedGroups().keySet()).containsExactly("shop/web");
        assertThat(update.changedGroups().get("shop/web")).containsExactly(after.endpoints().get(0));
        assertThat(update.changes().keys()).isEqualTo(ConfigChanges.between(before, MeshIndex.build(after)).keys());
    }

    @Test
    void aGroupThatCameOrWentChangesItsServicesEndpointPortsSoTakesTheFullPath() {
        MeshIndex before = MeshIndex.build(before());
        EndpointGroup second = new EndpointGroup(meta("EndpointSlice", "shop", "cart-fghij"), "cart",
                List.of(new EndpointGroup.Address("10.1.0.7", true, "zone-a", "")),
                List.of(new EndpointGroup.Port("http-80", 8080, "TCP")));
        MeshInput grown = input(base(), slice("cart", 8080, "10.1.0.1"), second, slice("web", 8080, "10.2.0.1"),
                slice("db", 5432, "10.3.0.1"));

        assertThat(EndpointUpdate.between(before, grown)).isEmpty();
        assertThat(EndpointUpdate.between(MeshIndex.build(grown), before())).isEmpty();
    }

    @Test
    void theSameInstancesAreNoChange() {
        MeshInput in = before();
        MeshIndex before = MeshIndex.build(in);
        MeshInput again = new MeshInput(in.meshConfig(), in.namespaces(), in.services(), in.serviceEntries(),
                List.copyOf(in.endpoints()), in.workloads(), in.sidecars(), in.virtualServices(),
                in.destinationRules(), in.problems(), in.skippedKinds(), in.documents());

        EndpointUpdate update = EndpointUpdate.between(before, again).orElseThrow();

        assertThat(update.changedGroups()).isEmpty();
        assertThat(update.changes().isEmpty()).isTrue();
    }
}
