package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SynthOptions;
import io.meshscope.core.synth.SyntheticMesh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The structural invariants hold for every proxy of synthetic meshes of several shapes and Sidecar strategies. */
class SynthMeshInvariantsTest {

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (SidecarStrategy s : SidecarStrategy.values()) {
            out.add(Arguments.of(SynthOptions.defaults(60).withSidecars(s)));
            out.add(Arguments.of(SynthOptions.defaults(40).withNamespaces(1).withFanout(10).withReplicas(3).withSidecars(s)));
            out.add(Arguments.of(SynthOptions.defaults(120).withNamespaces(12).withFanout(2).withEndpoints(4).withSidecars(s)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyProxyOfASyntheticMeshGetsAStructurallyValidScopedSubsetOfItsUnscopedConfig(SynthOptions options) {
        MeshInput input = XdsFixtures.synthetic(SyntheticMesh.generate(options).files());
        XdsSnapshot scoped = XdsSnapshot.build(MeshIndex.build(input));
        XdsSnapshot unscoped = scoped.withoutSidecars();
        for (Workload w : input.workloads()) {
            Proxy p = Describer.proxyOf(w, GatewayRecognizer.typeOf(w));
            ProxyResources s = scoped.resourcesFor(p, w, false);
            ProxyResources u = unscoped.resourcesFor(p, w, false);
            assertThat(Invariants.check(s)).as("scoped %s", w.id()).isEmpty();
            assertThat(Invariants.check(u)).as("unscoped %s", w.id()).isEmpty();
            assertThat(Invariants.check(scoped.resourcesFor(p, w, true))).as("proxyless %s", w.id()).isEmpty();
            for (XdsType t : List.of(XdsType.CLUSTER, XdsType.ENDPOINT)) {
                assertThat(names(u.resources(t))).as("%s %s scoped ⊆ unscoped", w.id(), t)
                        .containsAll(names(s.resources(t)));
            }
            assertThat(s.totalWireBytes()).as("scoped bytes of %s", w.id()).isLessThanOrEqualTo(u.totalWireBytes());
        }
    }

    private static List<String> names(List<NamedResource> rs) {
        return rs.stream().map(NamedResource::name).toList();
    }
}
