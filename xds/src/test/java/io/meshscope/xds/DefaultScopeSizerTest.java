package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SynthOptions;
import io.meshscope.core.synth.SyntheticMesh;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default-scope sizes summed from one generated reference are exactly the totals of the config the
 * generator builds for each namespace's default scope (every workload of synthetic meshes of several shapes),
 * and meshes where that cannot be guaranteed are recognised, so callers generate instead.
 */
class DefaultScopeSizerTest {

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (SidecarStrategy s : List.of(SidecarStrategy.NONE, SidecarStrategy.WORKLOAD)) {
            out.add(Arguments.of(SynthOptions.defaults(150).withSidecars(s)));
            out.add(Arguments.of(SynthOptions.defaults(60).withNamespaces(3).withFanout(8).withReplicas(3)
                    .withEndpoints(4).withSidecars(s)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void summedDefaultScopeSizeEqualsTheGeneratedConfigOfEveryWorkload(SynthOptions options) {
        assertSummedEqualsGenerated(XdsFixtures.synthetic(SyntheticMesh.generate(options).files()));
    }

    @Test
    void summedDefaultScopeSizeEqualsTheGeneratedConfigOnTheExample() {
        assertSummedEqualsGenerated(XdsFixtures.ecommerce()); // ServiceEntries, several ports, Sidecars
    }

    private static void assertSummedEqualsGenerated(MeshInput input) {
        for (XdsSnapshot snapshot : List.of(XdsSnapshot.forSizing(MeshIndex.build(input)),
                XdsSnapshot.build(MeshIndex.build(input)).withoutSidecars())) {
            DefaultScopeSizer sizer = snapshot.defaultScopes();
            assertThat(sizer.applies()).isTrue();
            int compared = 0;
            for (Workload w : input.workloads()) {
                Proxy p = Describer.proxyOf(w, GatewayRecognizer.typeOf(w));
                if (p.type() != ProxyType.SIDECAR) {
                    continue;
                }
                ProxyResources generated = snapshot.resourcesFor(snapshot.index().scopeFor(null, p.namespace()), p, w);
                assertThat(sizer.sizeOf(p, w)).as("%s", w.id()).isEqualTo(totals(generated));
                compared++;
            }
            assertThat(compared).isGreaterThan(5);
        }
    }

    @Test
    void meshesWithDestinationRulesAreNotSummed() {
        MeshInput input = XdsFixtures.yaml("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: r, namespace: a}
                spec:
                  host: reviews.a.svc.cluster.local
                  trafficPolicy: {loadBalancer: {simple: RANDOM}}
                """);
        assertThat(XdsSnapshot.forSizing(MeshIndex.build(input)).defaultScopes().applies()).isFalse();
    }

    @Test
    void aShortServiceEntryHostCouldCollideWithShortDomainsSoItIsNotSummed() {
        MeshInput input = XdsFixtures.yaml("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: short, namespace: a}
                spec:
                  hosts: [reviews]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: DNS
                """);
        assertThat(XdsSnapshot.forSizing(MeshIndex.build(input)).defaultScopes().applies()).isFalse();
    }

    private static DefaultScopeSizer.Size totals(ProxyResources r) {
        int endpoints = 0;
        for (NamedResource e : r.resources(XdsType.ENDPOINT)) {
            endpoints += e.entries();
        }
        int vhosts = 0;
        for (NamedResource e : r.resources(XdsType.ROUTE)) {
            vhosts += e.entries();
        }
        return new DefaultScopeSizer.Size(r.count(XdsType.CLUSTER), endpoints, r.count(XdsType.LISTENER), vhosts,
                r.totalWireBytes());
    }
}
