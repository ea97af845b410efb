package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.EndpointUpdate;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pods coming, going, moving and being relabelled in the e-commerce example: every such change is an endpoint
 * update, and the carried-over snapshot gives every proxy exactly what a full rebuild gives.
 */
class XdsSnapshotPodUpdateTest {
    private static final MeshInput WITH_SLICES = XdsFixtures.ecommerce();
    /** Without EndpointSlices, services take their endpoints from the Pods they select. */
    private static final MeshInput WITHOUT_SLICES = new MeshInput(WITH_SLICES.meshConfig(), WITH_SLICES.namespaces(),
            WITH_SLICES.services(), WITH_SLICES.serviceEntries(), List.of(), WITH_SLICES.workloads(),
            WITH_SLICES.sidecars(), WITH_SLICES.virtualServices(), WITH_SLICES.destinationRules(),
            WITH_SLICES.problems(), WITH_SLICES.skippedKinds(), WITH_SLICES.documents());

    static Stream<Arguments> podChanges() {
        List<Arguments> out = new ArrayList<>();
        for (MeshInput base : List.of(WITH_SLICES, WITHOUT_SLICES)) {
            podChanges(base, base == WITH_SLICES ? "slices" : "no slices", out);
        }
        return out.stream();
    }

    private static void podChanges(MeshInput base, String flavour, List<Arguments> out) {
        for (Workload pod : base.workloads().stream().filter(w -> w.kind() == WorkloadKind.POD).toList()) {
            String id = flavour + ": " + pod.namespace() + "/" + pod.name();
            out.add(Arguments.of(id + " deleted", base, (UnaryOperator<List<Workload>>) ws -> without(ws, pod)));
            out.add(Arguments.of(id + " moved to a new IP", base, (UnaryOperator<List<Workload>>) ws ->
                    replaced(ws, pod, new Workload(pod.meta(), pod.kind(), pod.labels(), pod.annotations(), 1,
                            List.of("10.250.9.9"), pod.containerPorts()))));
            out.add(Arguments.of(id + " relabelled", base, (UnaryOperator<List<Workload>>) ws ->
                    replaced(ws, pod, new Workload(pod.meta(), pod.kind(), relabelled(pod.labels()),
                            pod.annotations(), 1, pod.addresses(), pod.containerPorts()))));
            out.add(Arguments.of(id + " scaled out", base, (UnaryOperator<List<Workload>>) ws -> with(ws,
                    new Workload(renamed(pod.meta(), pod.name() + "-extra"), pod.kind(), pod.labels(),
                            pod.annotations(), 1, List.of("10.250.9.10"), pod.containerPorts()))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podChanges")
    void carriedSnapshotMatchesAFullRebuildForEveryProxy(String change, MeshInput base,
                                                         UnaryOperator<List<Workload>> edit) {
        MeshIndex index = MeshIndex.build(base);
        XdsSnapshot before = XdsSnapshot.build(index);
        requests(base).forEach(r -> r.of(before)); // warm the caches the update carries over
        MeshInput after = withWorkloads(base, edit.apply(base.workloads()));

        Optional<EndpointUpdate> update = EndpointUpdate.between(index, after);

        assertThat(update).as("a pod change is an endpoint update").isPresent();
        XdsSnapshot carried = before.withEndpoints(update.get());
        XdsSnapshot rebuilt = XdsSnapshot.build(MeshIndex.build(after));
        for (Request r : requests(after)) {
            for (XdsType t : XdsType.values()) {
                assertThat(versions(r.of(carried).resources(t))).as("%s: %s %s", change, r.label(), t)
                        .isEqualTo(versions(r.of(rebuilt).resources(t)));
            }
        }
    }

    /** One proxy's request: its identity, workload and flavour. */
    private record Request(String label, Proxy proxy, Workload workload, boolean proxyless) {
        ProxyResources of(XdsSnapshot snapshot) {
            return snapshot.resourcesFor(proxy, workload, proxyless);
        }
    }

    private static List<Request> requests(MeshInput input) {
        List<Request> out = new ArrayList<>();
        for (Workload w : input.workloads()) {
            Proxy p = Proxy.sidecar(w.namespace(), w.labels());
            out.add(new Request(w.namespace() + "/" + w.name(), p, w, false));
            out.add(new Request(w.namespace() + "/" + w.name() + " proxyless", p, null, true));
        }
        out.add(new Request("gateway", new Proxy(ProxyType.ROUTER, "istio-system", Map.of("istio", "ingressgateway")),
                null, false));
        return out;
    }

    private static List<String> versions(List<NamedResource> resources) {
        return resources.stream().map(r -> r.name() + "=" + r.version()).toList();
    }

    private static Map<String, String> relabelled(Map<String, String> labels) {
        Map<String, String> out = new HashMap<>(labels);
        out.put("app", labels.getOrDefault("app", "x") + "-canary");
        return out;
    }

    private static ObjectMeta renamed(ObjectMeta m, String name) {
        return new ObjectMeta(new io.meshscope.core.model.ResourceId(m.id().kind(), m.id().namespace(), name),
                m.labels(), m.annotations(), m.creationEpochSeconds(), m.location(), m.fieldLocations());
    }

    private static List<Workload> without(List<Workload> ws, Workload w) {
        return ws.stream().filter(x -> x != w).toList();
    }

    private static List<Workload> replaced(List<Workload> ws, Workload w, Workload by) {
        return ws.stream().map(x -> x == w ? by : x).toList();
    }

    private static List<Workload> with(List<Workload> ws, Workload extra) {
        List<Workload> out = new ArrayList<>(ws);
        out.add(extra);
        return out;
    }

    private static MeshInput withWorkloads(MeshInput in, List<Workload> workloads) {
        return new MeshInput(in.meshConfig(), in.namespaces(), in.services(), in.serviceEntries(), in.endpoints(),
                workloads, in.sidecars(), in.virtualServices(), in.destinationRules(), in.problems(),
                in.skippedKinds(), in.documents());
    }
}
