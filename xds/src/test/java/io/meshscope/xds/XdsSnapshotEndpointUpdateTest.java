package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.EndpointUpdate;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SynthOptions;
import io.meshscope.core.synth.SyntheticMesh;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An endpoint update ({@link XdsSnapshot#withEndpoints}) gives every proxy exactly what a full rebuild of the new
 * input gives it, while keeping every unchanged resource list and assignment instance of the previous snapshot.
 */
class XdsSnapshotEndpointUpdateTest {
    private static final String NEW_IP = "10.250.0.1";

    /** One resourcesFor call. */
    record Request(String label, Proxy proxy, Workload workload, boolean proxyless) {
        ProxyResources of(XdsSnapshot snapshot) {
            return snapshot.resourcesFor(proxy, workload, proxyless);
        }
    }

    /**
     * A synthetic mesh whose most-called service (with a DestinationRule subset, so it has two assignments) gets a
     * new endpoint address. {@code warm} proxies were asked for before the update, so their results are carried
     * over; {@code cold} ones only after it. Every cold proxy imports the changed service: one caller's sidecar
     * and proxyless client, and a gateway in istio-system.
     */
    record Scenario(String changedHost, XdsSnapshot old, XdsSnapshot next, XdsSnapshot rebuilt, List<Request> warm,
                    List<Request> cold) {

        static Scenario of(SidecarStrategy sidecars) {
            SyntheticMesh synth = SyntheticMesh.generate(SynthOptions.defaults(80).withSidecars(sidecars));
            String target = mostCalled(synth.callGraph());
            String namespace = target.split("/")[0];
            String name = target.split("/")[1];
            Map<String, String> files = new TreeMap<>(synth.files());
            files.put("zz-subset.yaml", subsetRule(namespace, name));
            MeshInput input = XdsFixtures.synthetic(files);
            List<String> callers = synth.callGraph().entrySet().stream()
                    .filter(e -> e.getValue().contains(target)).map(Map.Entry::getKey).toList();
            Workload cold = workload(input, callers.get(0));
            Workload proxyless = workload(input, callers.get(1));

            List<Request> warm = new ArrayList<>();
            for (Workload w : input.workloads()) {
                if (w != cold) {
                    warm.add(new Request("sidecar " + w.id(), Describer.proxyOf(w, GatewayRecognizer.typeOf(w)), w,
                            false));
                }
            }
            warm.add(new Request("proxyless " + proxyless.id(), XdsFixtures.proxy(proxyless), proxyless, true));
            warm.add(new Request("gateway in " + namespace, gateway(namespace), null, false));

            XdsSnapshot old = XdsSnapshot.build(MeshIndex.build(input));
            warm.forEach(r -> r.of(old));
            MeshInput changed = withNewAddress(input, namespace, name);
            EndpointUpdate update = EndpointUpdate.between(old.index(), changed).orElseThrow();
            assertThat(update.changes().keys()).extracting(Object::toString)
                    .containsExactly("Endpoints/" + namespace + "/" + name + "." + namespace + ".svc.cluster.local");
            return new Scenario(name + "." + namespace + ".svc.cluster.local", old, old.withEndpoints(update),
                    XdsSnapshot.build(MeshIndex.build(changed)), warm, List.of(
                            new Request("cold sidecar " + cold.id(), XdsFixtures.proxy(cold), cold, false),
                            new Request("cold proxyless " + cold.id(), XdsFixtures.proxy(cold), cold, true),
                            new Request("cold gateway in istio-system", gateway("istio-system"), null, false)));
        }

        boolean imports(Request r) {
            return old.index().scope(r.proxy()).services().stream()
                    .map(MeshService::hostname).anyMatch(changedHost::equals);
        }

        boolean changed(NamedResource assignment) {
            return assignment.name().endsWith("|" + changedHost);
        }
    }

    @ParameterizedTest
    @EnumSource(SidecarStrategy.class)
    void everyProxyGetsWhatAFullRebuildGives(SidecarStrategy sidecars) {
        Scenario s = Scenario.of(sidecars);
        List<Request> all = new ArrayList<>(s.warm());
        all.addAll(s.cold());

        for (Request r : all) {
            for (XdsType t : XdsType.values()) {
                assertThat(versions(r.of(s.next()).resources(t))).as("%s %s", r.label(), t)
                        .isEqualTo(versions(r.of(s.rebuilt()).resources(t)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SidecarStrategy.class)
    void unchangedListsAndAssignmentsKeepTheirInstances(SidecarStrategy sidecars) {
        Scenario s = Scenario.of(sidecars);
        int importing = 0;
        int notImporting = 0;

        for (Request r : s.warm()) {
            ProxyResources before = r.of(s.old());
            ProxyResources after = r.of(s.next());
            for (XdsType t : List.of(XdsType.CLUSTER, XdsType.LISTENER, XdsType.ROUTE)) {
                assertThat(after.resources(t)).as("%s %s", r.label(), t).isSameAs(before.resources(t));
            }
            if (!s.imports(r)) {
                notImporting++;
                assertThat(after.endpoints()).as("%s EDS", r.label()).isSameAs(before.endpoints());
                continue;
            }
            importing++;
            List<NamedResource> was = before.endpoints();
            List<NamedResource> now = after.endpoints();
            assertThat(names(now)).as("%s EDS names", r.label()).isEqualTo(names(was));
            assertThat(now).as("%s EDS", r.label()).anyMatch(s::changed);
            if (!r.proxyless()) {
                assertThat(names(now)).as("%s EDS", r.label()).contains("outbound|80|all|" + s.changedHost());
            }
            for (int i = 0; i < now.size(); i++) {
                if (s.changed(now.get(i))) {
                    assertThat(now.get(i).version()).as("%s %s", r.label(), now.get(i).name())
                            .isNotEqualTo(was.get(i).version());
                    assertThat(addresses(now.get(i))).as("%s %s", r.label(), now.get(i).name()).contains(NEW_IP);
                } else {
                    assertThat(now.get(i)).as("%s %s", r.label(), now.get(i).name()).isSameAs(was.get(i));
                }
            }
        }

        assertThat(importing).as("proxies importing %s", s.changedHost()).isPositive();
        if (sidecars == SidecarStrategy.WORKLOAD) {
            assertThat(notImporting).as("proxies not importing %s", s.changedHost()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(SidecarStrategy.class)
    void proxyFirstAskedForAfterTheUpdateGetsTheNewAddress(SidecarStrategy sidecars) {
        Scenario s = Scenario.of(sidecars);

        for (Request r : s.cold()) {
            ProxyResources after = r.of(s.next());
            for (XdsType t : XdsType.values()) {
                assertThat(versions(after.resources(t))).as("%s %s", r.label(), t)
                        .isEqualTo(versions(r.of(s.rebuilt()).resources(t)));
            }
            assertThat(after.endpoints()).as("%s EDS", r.label()).filteredOn(s::changed).isNotEmpty()
                    .allSatisfy(a -> assertThat(addresses(a)).contains(NEW_IP));
        }
    }

    private static Proxy gateway(String namespace) {
        return new Proxy(ProxyType.ROUTER, namespace, Map.of("istio", "ingressgateway"));
    }

    /** A DestinationRule giving the service a subset its endpoints all belong to (a second assignment). */
    private static String subsetRule(String namespace, String name) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata:
                  name: %2$s
                  namespace: %1$s
                spec:
                  host: %2$s.%1$s.svc.cluster.local
                  subsets:
                    - name: all
                      labels:
                        app: %2$s
                """.formatted(namespace, name);
    }

    /** The service most others call ({@code namespace/name}; ties broken by name). */
    private static String mostCalled(Map<String, List<String>> callGraph) {
        Map<String, Integer> calls = new TreeMap<>();
        callGraph.values().forEach(callees -> callees.forEach(c -> calls.merge(c, 1, Integer::sum)));
        return calls.entrySet().stream().max(Comparator.comparingInt(Map.Entry<String, Integer>::getValue))
                .orElseThrow().getKey();
    }

    private static Workload workload(MeshInput input, String namespaceName) {
        return input.workloads().stream()
                .filter(w -> w.kind() == WorkloadKind.DEPLOYMENT && namespaceName.equals(w.namespace() + "/" + w.name()))
                .findFirst().orElseThrow();
    }

    /** The input with the first address of the service's endpoint group replaced by {@link #NEW_IP}. */
    private static MeshInput withNewAddress(MeshInput in, String namespace, String service) {
        List<EndpointGroup> groups = new ArrayList<>();
        for (EndpointGroup g : in.endpoints()) {
            if (g.meta().namespace().equals(namespace) && g.serviceName().equals(service)) {
                List<EndpointGroup.Address> addresses = new ArrayList<>(g.addresses());
                EndpointGroup.Address a = addresses.get(0);
                addresses.set(0, new EndpointGroup.Address(NEW_IP, true, a.zone(), a.podName()));
                g = new EndpointGroup(g.meta(), g.serviceName(), addresses, g.ports());
            }
            groups.add(g);
        }
        return new MeshInput(in.meshConfig(), in.namespaces(), in.services(), in.serviceEntries(), groups,
                in.workloads(), in.sidecars(), in.virtualServices(), in.destinationRules(), in.problems(),
                in.skippedKinds(), in.documents());
    }

    private static List<String> versions(List<NamedResource> resources) {
        return resources.stream().map(r -> r.name() + "@" + r.version()).toList();
    }

    private static List<String> names(List<NamedResource> resources) {
        return resources.stream().map(NamedResource::name).toList();
    }

    private static List<String> addresses(NamedResource assignment) {
        return ((ClusterLoadAssignment) assignment.resource()).getEndpointsList().stream()
                .flatMap(l -> l.getLbEndpointsList().stream())
                .map(e -> e.getEndpoint().getAddress().getSocketAddress().getAddress()).toList();
    }
}
