package io.meshscope.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.deps.Call;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.EvidenceKind;
import io.meshscope.core.deps.EvidenceSource;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.Fixtures;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.whatif.SizeModel;
import io.meshscope.core.whatif.WhatIf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SidecarGeneratorTest {
    static final EvidenceSource PROM = new EvidenceSource(EvidenceKind.PROMETHEUS, "http://prom:9090", "7d");

    /** shop: web, api, worker; data: db, cache; ext: ServiceEntry api.stripe.com in shop. */
    static Fixtures mesh() {
        return Fixtures.mesh().outboundMode(OutboundMode.REGISTRY_ONLY)
                .kube("shop", "web", 80).kube("shop", "api", 80, 9090).kube("shop", "worker", 80)
                .kube("data", "db", 5432).kube("data", "cache", 6379)
                .kube("istio-system", "istiod", 15010, 15012)
                .se("shop", "stripe", List.of("api.stripe.com"), 443)
                .workload(WorkloadKind.DEPLOYMENT, "shop", "web", Map.of("app", "web"))
                .workload(WorkloadKind.DEPLOYMENT, "shop", "api", Map.of("app", "api"))
                .workload(WorkloadKind.DEPLOYMENT, "shop", "worker", Map.of("app", "worker"))
                .workload(WorkloadKind.DEPLOYMENT, "data", "db", Map.of("app", "db"))
                .workload(WorkloadKind.DEPLOYMENT, "data", "cache", Map.of("app", "cache"));
    }

    static Call call(String from, String host, long count) {
        String[] f = from.split("/");
        String[] h = host.split("/");
        return h.length == 2 ? new Call(f[0], f[1], h[1], h[0], null, count, PROM)
                : new Call(f[0], f[1], host, null, null, count, PROM);
    }

    /** Calls of every workload; data/db is known to call nothing (as a dependency map's {@code calls: []}). */
    static Evidence evidence() {
        return new Evidence(List.of(call("shop/web", "shop/api", 100), call("shop/api", "data/db", 50),
                call("shop/api", "data/cache", 40), call("shop/worker", "data/db", 7),
                call("shop/api", "api.stripe.com", 3), call("data/cache", "data/db", 1)), List.of(PROM), List.of())
                .covering(List.of("data/db"));
    }

    static GenerationResult generate(MeshInput in, Evidence ev, Strategy s, String... always) {
        return new SidecarGenerator(SizeModel.CLUSTERS).generate(in, ev, new GenerateOptions(s, List.of(always), false));
    }

    static List<String> hosts(SidecarDraft d) {
        return d.egress().stream().flatMap(l -> l.hosts().stream()).map(SidecarDraft.Host::line).toList();
    }

    static SidecarDraft draft(GenerationResult r, String id) {
        return r.sidecars().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void workloadStrategyImportsExactlyTheFqdnsEachWorkloadCalls() {
        var r = generate(mesh().build(), evidence(), Strategy.WORKLOAD);
        assertThat(r.sidecars()).extracting(SidecarDraft::id)
                .containsExactly("data/cache", "data/db", "shop/api", "shop/web", "shop/worker");
        assertThat(hosts(draft(r, "shop/api"))).containsExactly("data/cache.data.svc.cluster.local",
                "data/db.data.svc.cluster.local", "shop/api.stripe.com");
        assertThat(draft(r, "shop/web").selector()).isEqualTo(Map.of("app", "web"));
        assertThat(hosts(draft(r, "data/db"))).containsExactly("~/*");
        assertThat(r.verification().broken()).isEmpty();
    }

    @Test
    void namespaceStrategyWritesADefaultAndOverridesOnlyWorkloadsCallingExternalHosts() {
        var r = generate(mesh().build(), evidence(), Strategy.NAMESPACE);
        assertThat(r.sidecars()).extracting(SidecarDraft::id)
                .containsExactly("data/default", "shop/default", "shop/api");
        assertThat(hosts(draft(r, "shop/default")))
                .containsExactly("data/db.data.svc.cluster.local", "shop/api.shop.svc.cluster.local");
        assertThat(draft(r, "shop/default").selector()).isNull();
        assertThat(draft(r, "shop/api").kind()).isEqualTo(SidecarDraft.Kind.WORKLOAD);
        assertThat(r.verification().broken()).isEmpty();
    }

    @Test
    void serviceEntryHostsAreImportedFromTheServiceEntrysNamespace() {
        var r = generate(mesh().build(), evidence(), Strategy.WORKLOAD);
        assertThat(hosts(draft(r, "shop/api"))).contains("shop/api.stripe.com");
    }

    @Test
    void autoPrefersOneNamespaceDefaultWhenWorkloadsShareTheirDependencies() {
        var ev = new Evidence(List.of(call("shop/web", "data/db", 1), call("shop/api", "data/db", 1),
                call("shop/worker", "data/db", 1)), List.of(PROM), List.of());
        var r = generate(mesh().build(), ev, Strategy.AUTO);
        assertThat(r.in("shop")).extracting(SidecarDraft::id).containsExactly("shop/default");
        assertThat(r.layouts()).filteredOn(l -> l.namespace().equals("shop")).singleElement()
                .satisfies(l -> assertThat(l.label()).startsWith("auto: "));
    }

    @Test
    void autoIsNeverLargerThanEitherFixedStrategy() {
        MeshInput in = mesh().build();
        long auto = generate(in, evidence(), Strategy.AUTO).verification().totalScoped();
        assertThat(auto).isLessThanOrEqualTo(generate(in, evidence(), Strategy.WORKLOAD).verification().totalScoped());
        assertThat(auto).isLessThanOrEqualTo(generate(in, evidence(), Strategy.NAMESPACE).verification().totalScoped());
    }

    @Test
    void alwaysHostsGoIntoEverySidecarWithTheirOwnComment() {
        var r = generate(mesh().build(), evidence(), Strategy.NAMESPACE, "istio-system/*");
        assertThat(r.sidecars()).allSatisfy(d -> assertThat(hosts(d)).contains("istio-system/*"));
        assertThat(draft(r, "data/default").egress().get(0).hosts())
                .contains(new SidecarDraft.Host("istio-system/*", "--always"));
    }

    @Test
    void eachHostCarriesItsCallersCountAndEvidence() {
        var r = generate(mesh().build(), evidence(), Strategy.NAMESPACE);
        assertThat(draft(r, "shop/default").egress().get(0).hosts()).contains(new SidecarDraft.Host(
                "data/db.data.svc.cluster.local", "worker; 7 calls; prometheus http://prom:9090 (7d)"));
    }

    @Test
    void rootNamespaceNeverGetsADefault() {
        var in = mesh().workload(WorkloadKind.DEPLOYMENT, "istio-system", "tool", Map.of("app", "tool")).build();
        var ev = new Evidence(List.of(call("istio-system/tool", "data/db", 1)), List.of(PROM), List.of());
        var r = generate(in, ev, Strategy.NAMESPACE);
        assertThat(r.in("istio-system")).extracting(SidecarDraft::id).containsExactly("istio-system/tool");
    }

    @Test
    void mergeAddsOnlyWhatExistingSidecarsLackOnTheListenerForThePort() {
        var in = mesh().sidecar("shop", "default").egressPort(443, "TLS", "shop/other.example.com")
                .egress("./*", "istio-system/*").add().build();
        var r = new SidecarGenerator(SizeModel.CLUSTERS).generate(in, evidence(),
                new GenerateOptions(Strategy.AUTO, List.of("istio-system/*"), true));
        SidecarDraft shop = draft(r, "shop/default");
        assertThat(shop.kind()).isEqualTo(SidecarDraft.Kind.MERGED);
        assertThat(shop.egress().get(0).hosts()).extracting(SidecarDraft.Host::line)
                .containsExactly("shop/other.example.com", "shop/api.stripe.com");
        assertThat(shop.egress().get(1).hosts()).extracting(SidecarDraft.Host::line)
                .containsExactly("./*", "istio-system/*", "data/cache.data.svc.cluster.local",
                        "data/db.data.svc.cluster.local");
        assertThat(shop.egress().get(1).hosts().get(0).comment()).isNull();
        // data has no Sidecar in use: it gets generated ones.
        assertThat(r.in("data")).isNotEmpty().allSatisfy(d -> assertThat(d.base()).isNull());
        assertThat(r.verification().broken()).isEmpty();
    }

    @Test
    void outputIsTheSameWhateverTheEvidenceOrder() {
        List<Call> shuffled = new ArrayList<>(evidence().calls());
        Collections.shuffle(shuffled, new Random(42));
        String a = SidecarYaml.render(generate(mesh().build(), evidence(), Strategy.AUTO).sidecars(), List.of());
        String b = SidecarYaml.render(generate(mesh().build(), new Evidence(shuffled, List.of(PROM), List.of())
                .covering(List.of("data/db")), Strategy.AUTO).sidecars(), List.of());
        assertThat(b).isEqualTo(a);
    }

    @Test
    void generatedSidecarsPassWhatIfAndAreSmallerThanNoSidecars() {
        MeshInput in = mesh().build();
        for (Strategy s : Strategy.values()) {
            var r = generate(in, evidence(), s, "istio-system/*");
            var check = new WhatIf(SizeModel.CLUSTERS).evaluate(in,
                    r.sidecars().stream().map(SidecarDraft::toSidecar).toList(), evidence());
            assertThat(check.broken()).as(s.name()).isEmpty();
            assertThat(check.totalScoped()).as(s.name()).isLessThanOrEqualTo(check.totalUnscoped());
        }
    }

    @Test
    void rolloutPlanGoesFromFewestCallersAndLeastTrafficToMost() {
        var r = generate(mesh().build(), evidence(), Strategy.NAMESPACE);
        RolloutPlan plan = RolloutPlan.of(r);
        assertThat(plan.order()).containsExactly("data", "shop");
        assertThat(plan.steps().get(0).callers()).isEqualTo(1);
        assertThat(plan.steps().get(1).traffic()).isEqualTo(200);
        assertThat(plan.steps().get(1).cumulativeSaved()).isEqualTo(r.verification().saved());
    }

    /** One workload's evidence (say, its access log): nothing is known about the others. */
    static Evidence webOnly() {
        return new Evidence(List.of(call("shop/web", "shop/api", 10)), List.of(PROM), List.of());
    }

    @Test
    void workloadsWithoutEvidenceKeepTheirCurrentScopeByDefault() {
        MeshInput in = mesh().sidecar("data", "default").egress("./*", "istio-system/*").add().build();
        var r = generate(in, webOnly(), Strategy.AUTO);

        assertThat(r.sidecars()).extracting(SidecarDraft::id).containsExactly("data/default", "shop/web");
        assertThat(r.sidecars()).allSatisfy(d -> assertThat(hosts(d)).doesNotContain("~/*"));
        assertThat(draft(r, "data/default").kind()).isEqualTo(SidecarDraft.Kind.UNCHANGED);
        assertThat(hosts(draft(r, "shop/web"))).containsExactly("shop/api.shop.svc.cluster.local");
        assertThat(r.unevidenced()).extracting(u -> u.caller().id())
                .containsExactly("data/cache", "data/db", "shop/api", "shop/worker");
        assertThat(r.unevidenced()).allSatisfy(u -> assertThat(u.skipped()).isTrue());
        // Applied, every workload without evidence has exactly the scope it has today.
        MeshIndex before = MeshIndex.build(in);
        MeshIndex after = MeshIndex.build(in.withSidecars(
                r.sidecars().stream().map(SidecarDraft::toSidecar).toList()));
        for (var u : r.unevidenced()) {
            assertThat(after.scope(u.caller().proxy()).services()).as(u.caller().id())
                    .isEqualTo(before.scope(u.caller().proxy()).services());
        }
        assertThat(r.coverage().coveredWorkloads()).isEqualTo(1);
        assertThat(r.coverage().workloads()).isEqualTo(5);
        assertThat(r.coverage().namespaces()).isEqualTo(2);
        assertThat(r.coverage().coveredNamespaces()).isZero();
        assertThat(r.coverage().partlyCoveredNamespaces()).isEqualTo(1);
    }

    @Test
    void aNamespaceDefaultIsNotPutOverWorkloadsWithoutEvidence() {
        var r = generate(mesh().build(), webOnly(), Strategy.NAMESPACE);
        assertThat(r.in("shop")).extracting(SidecarDraft::id).containsExactly("shop/web");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("namespace shop gets no namespace default"));
    }

    @Test
    void isolateGivesWorkloadsWithoutEvidenceSidecarsImportingNothing() {
        var r = new SidecarGenerator(SizeModel.CLUSTERS).generate(mesh().build(), webOnly(),
                new GenerateOptions(Strategy.WORKLOAD, List.of(), false, NoEvidence.ISOLATE));
        assertThat(hosts(draft(r, "data/db"))).containsExactly("~/*");
        assertThat(r.unevidenced()).hasSize(4).allSatisfy(u -> assertThat(u.skipped()).isFalse());
    }

    @Test
    void aDependencyMapKeyWithoutCallsIsEvidenceOfCallingNothing() {
        var r = generate(mesh().build(), webOnly().covering(List.of("data/db")), Strategy.WORKLOAD);
        assertThat(hosts(draft(r, "data/db"))).containsExactly("~/*");
        assertThat(r.unevidenced()).extracting(u -> u.caller().id()).doesNotContain("data/db", "shop/web");
    }
}
