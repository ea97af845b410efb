package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.deps.Evidence;
import io.meshscope.core.generate.GenerateOptions;
import io.meshscope.core.generate.GenerationResult;
import io.meshscope.core.generate.SidecarDraft;
import io.meshscope.core.generate.SidecarGenerator;
import io.meshscope.core.generate.SidecarYaml;
import io.meshscope.core.generate.Strategy;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SynthOptions;
import io.meshscope.core.synth.SyntheticMesh;
import io.meshscope.core.whatif.SizeModel;
import io.meshscope.core.whatif.WhatIf;
import io.meshscope.core.whatif.WhatIfReport;
import io.meshscope.decode.DependencyMapReader;
import io.meshscope.decode.ManifestReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over synthetic meshes (real manifests and dependency maps written by {@link SyntheticMesh}, read back
 * by the decoder): under generated Sidecars, whatif reports no broken call — also after the YAML round trip and
 * under REGISTRY_ONLY — and the generated config is never larger than with no Sidecars; merge never removes a host.
 */
class GeneratePropertyTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> meshes() {
        return Stream.of(
                Arguments.of(SynthOptions.defaults(40).withSeed(1)),
                Arguments.of(SynthOptions.defaults(60).withNamespaces(4).withFanout(3).withSeed(7)),
                Arguments.of(SynthOptions.defaults(90).withNamespaces(6).withFanout(8).withReplicas(2).withSeed(11)),
                Arguments.of(SynthOptions.defaults(25).withNamespaces(1).withFanout(2).withSeed(3)),
                Arguments.of(SynthOptions.defaults(120).withNamespaces(5).withFanout(0).withSeed(5)));
    }

    MeshInput read(SyntheticMesh mesh, boolean registryOnly) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "mesh");
        for (Map.Entry<String, String> f : mesh.files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        MeshInput in = new ManifestReader().read(List.of(dir.toString()), InputStream.nullInputStream(), Optional.empty());
        assertThat(in.problems()).noneMatch(d -> d.severity() == Severity.ERROR);
        if (!registryOnly) {
            return in;
        }
        return new MeshInput(in.meshConfig().withOutboundMode(OutboundMode.REGISTRY_ONLY), in.namespaces(),
                in.services(), in.serviceEntries(), in.endpoints(), in.workloads(), in.sidecars(),
                in.virtualServices(), in.destinationRules(), in.problems(), in.skippedKinds(), in.documents());
    }

    static Evidence deps(SyntheticMesh mesh) throws Exception {
        return new DependencyMapReader().read("synth.dependencies.yaml", mesh.dependencies());
    }

    @ParameterizedTest
    @MethodSource("meshes")
    void generatedSidecarsBreakNoObservedCallAndNeverGrowTheConfig(SynthOptions o) throws Exception {
        SyntheticMesh mesh = SyntheticMesh.generate(o);
        Evidence ev = deps(mesh);
        for (boolean registryOnly : new boolean[] {false, true}) {
            MeshInput in = read(mesh, registryOnly);
            for (Strategy s : Strategy.values()) {
                GenerationResult r = new SidecarGenerator(SizeModel.CLUSTERS)
                        .generate(in, ev, new GenerateOptions(s, List.of("istio-system/*"), false));
                String what = o.describe() + " " + s + (registryOnly ? " REGISTRY_ONLY" : "");
                assertThat(r.resolution().unresolved()).as(what).isEmpty();
                assertThat(r.verification().broken()).as(what).isEmpty();
                assertThat(r.verification().totalScoped()).as(what)
                        .isLessThanOrEqualTo(r.verification().totalUnscoped());
                // The YAML as written, read back by the decoder, gives the same answer.
                String yaml = SidecarYaml.render(r.sidecars(), List.of("round trip"));
                MeshInput written = new ManifestReader().readString("generated.yaml", yaml, Optional.empty());
                assertThat(written.problems()).as(what).noneMatch(d -> d.severity() == Severity.ERROR);
                assertThat(written.sidecars()).hasSameSizeAs(r.sidecars());
                WhatIfReport check = new WhatIf(SizeModel.CLUSTERS).evaluate(in, written.sidecars(), ev);
                assertThat(check.broken()).as(what).isEmpty();
                assertThat(check.totalScoped()).as(what).isEqualTo(r.verification().totalScoped());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("meshes")
    void autoIsNeverLargerThanNamespaceOrWorkload(SynthOptions o) throws Exception {
        SyntheticMesh mesh = SyntheticMesh.generate(o);
        MeshInput in = read(mesh, false);
        Evidence ev = deps(mesh);
        long[] totals = new long[3];
        for (Strategy s : Strategy.values()) {
            totals[s.ordinal()] = new SidecarGenerator(SizeModel.CLUSTERS)
                    .generate(in, ev, new GenerateOptions(s, List.of(), false)).verification().totalScoped();
        }
        assertThat(totals[Strategy.AUTO.ordinal()]).isLessThanOrEqualTo(totals[Strategy.NAMESPACE.ordinal()]);
        assertThat(totals[Strategy.AUTO.ordinal()]).isLessThanOrEqualTo(totals[Strategy.WORKLOAD.ordinal()]);
    }

    @ParameterizedTest
    @MethodSource("meshes")
    void mergeIntoSynthSidecarsKeepsEveryHostAndBreaksNothing(SynthOptions o) throws Exception {
        for (SidecarStrategy existing : new SidecarStrategy[] {SidecarStrategy.NAMESPACE, SidecarStrategy.WORKLOAD}) {
            SyntheticMesh mesh = SyntheticMesh.generate(o.withSidecars(existing));
            MeshInput full = read(mesh, true);
            // Drop the last two hosts (a call, istio-system/*) of about half the Sidecars; merge must re-add them.
            List<Sidecar> thinned = full.sidecars().stream().map(GeneratePropertyTest::thin).toList();
            MeshInput in = full.withSidecars(thinned);
            GenerationResult r = new SidecarGenerator(SizeModel.CLUSTERS)
                    .generate(in, deps(mesh), new GenerateOptions(Strategy.AUTO, List.of("istio-system/*"), true));
            assertThat(r.verification().broken()).as(o.describe()).isEmpty();
            for (Sidecar s : thinned) {
                SidecarDraft d = r.sidecars().stream().filter(x -> x.id().equals(s.meta().id().nsName()))
                        .findFirst().orElseThrow();
                List<String> after = d.egress().stream().flatMap(l -> l.hosts().stream())
                        .map(SidecarDraft.Host::line).toList();
                assertThat(after).as(d.id()).containsAll(s.egress().get(0).hosts());
            }
        }
    }

    private static Sidecar thin(Sidecar s) {
        var l = s.egress().get(0);
        if (l.hosts().size() < 3 || s.meta().name().hashCode() % 2 == 0) {
            return s;
        }
        var hosts = l.hosts().subList(0, l.hosts().size() - 2);
        return new Sidecar(s.meta(), s.workloadSelector(), s.ingress(),
                List.of(new io.meshscope.core.model.EgressListener(l.port(), l.bind(), l.captureMode(),
                        List.of(hosts.toArray(String[]::new)))), s.outboundTrafficPolicy(), s.inboundConnectionPool());
    }
}
