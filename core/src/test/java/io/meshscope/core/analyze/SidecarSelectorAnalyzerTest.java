package io.meshscope.core.analyze;

import static io.meshscope.core.analyze.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.model.WorkloadSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarSelectorAnalyzerTest {
    private static final Map<String, String> AMBIENT_POD = Map.of("ambient.istio.io/redirection", "enabled");
    private static final Map<String, String> AMBIENT_NS = Map.of("istio.io/dataplane-mode", "ambient");
    private static final String POD_AMBIENT_TEXT =
            "The policy has no impact: selected workload is in ambient mode, the policy has no impact.";
    private static final String NS_AMBIENT_TEXT =
            "The policy has no impact: namespace is in ambient mode, the policy has no impact.";

    private static List<Expect> analyze(MeshInput input) {
        return Expect.of(Analysis.run(input, List.of(new SidecarSelectorAnalyzer())));
    }

    private static String conflict(String names, String ns, String pod) {
        return "The Sidecars [" + names + "] in namespace \"" + ns + "\" select the same workload pod \"" + pod
                + "\", which can lead to undefined behavior.";
    }

    private static String noSelector(String names, String ns) {
        return "The Sidecars [" + names + "] in namespace \"" + ns
                + "\" have no workload selector, which can lead to undefined behavior.";
    }

    @Test
    void reproducesIstioSidecarSelectorTestdata() {
        MeshInput input = mesh()
                .pod("default", "productpage", Map.of("app", "productpage"))
                .pod("other", "productpage-other", Map.of("app", "productpage"))
                .pod("default", "reviews", Map.of("app", "reviews"))
                .pod("default", "ratings", Map.of("app", "ratings-app", "myapp", "ratings-myapp"))
                .sidecar("default", "maps-correctly-no-conflicts", Map.of("app", "productpage"))
                .sidecar("default", "maps-to-nonexistent", Map.of("app", "bogus"))
                .sidecar("other", "maps-to-different-ns", Map.of("app", "reviews"))
                .sidecar("default", "dupe-1", Map.of("app", "reviews"))
                .sidecar("default", "dupe-2", Map.of("app", "reviews"))
                .sidecar("default", "overlap-1", Map.of("app", "ratings-app"))
                .sidecar("default", "overlap-2", Map.of("myapp", "ratings-myapp"))
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0110", "default/dupe-1", conflict("dupe-1 dupe-2", "default", "reviews")),
                new Expect("IST0110", "default/dupe-2", conflict("dupe-1 dupe-2", "default", "reviews")),
                new Expect("IST0101", "default/maps-to-nonexistent", "Referenced selector not found: \"app=bogus\""),
                new Expect("IST0110", "default/overlap-1", conflict("overlap-1 overlap-2", "default", "ratings")),
                new Expect("IST0110", "default/overlap-2", conflict("overlap-1 overlap-2", "default", "ratings")),
                new Expect("IST0101", "other/maps-to-different-ns", "Referenced selector not found: \"app=reviews\""));
    }

    @Test
    void twoSidecarsSelectingTheSamePodBothGetIst0110() {
        MeshInput input = mesh()
                .pod("default", "reviews", Map.of("app", "reviews"))
                .sidecar("default", "dupe-2", Map.of("app", "reviews"))
                .sidecar("default", "dupe-1", Map.of("app", "reviews"))
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0110", "default/dupe-1", conflict("dupe-1 dupe-2", "default", "reviews")),
                new Expect("IST0110", "default/dupe-2", conflict("dupe-1 dupe-2", "default", "reviews")));
    }

    @Test
    void twoNamespaceWideSidecarsBothGetIst0111() {
        MeshInput input = mesh()
                .namespace("ns1", Map.of())
                .sidecar("ns1", "other")
                .sidecar("ns1", "default")
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0111", "ns1/default", noSelector("default other", "ns1")),
                new Expect("IST0111", "ns1/other", noSelector("default other", "ns1")));
    }

    @Test
    void emptyWorkloadSelectorCountsAsNamespaceWide() {
        MeshInput input = mesh()
                .sidecar("ns1", "empty-selector", Map.of())
                .sidecar("ns1", "no-selector")
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0111", "ns1/empty-selector", noSelector("empty-selector no-selector", "ns1")),
                new Expect("IST0111", "ns1/no-selector", noSelector("empty-selector no-selector", "ns1")));
    }

    @Test
    void emptyWorkloadSelectorNeverReportsAMissingSelectorOrConflict() {
        MeshInput input = mesh()
                .pod("ns1", "a", Map.of("app", "a"))
                .sidecar("ns1", "empty-selector", Map.of())
                .sidecar("ns1", "selects-a", Map.of("app", "a"))
                .sidecar("ns2", "empty-in-empty-ns", Map.of())
                .build();

        assertThat(analyze(input)).isEmpty();
    }

    @Test
    void oneNamespaceWideSidecarPerNamespaceIsFine() {
        MeshInput input = mesh().sidecar("ns1", "default").sidecar("ns2", "default").build();

        assertThat(analyze(input)).isEmpty();
    }

    @Test
    void rootNamespaceIsCheckedLikeAnyOther() {
        MeshInput input = mesh().sidecar("istio-system", "global").sidecar("istio-system", "second").build();

        assertThat(analyze(input)).extracting(Expect::code).containsExactly("IST0111", "IST0111");
    }

    @Test
    void selectorMatchingEachControllersPodTemplateIsFoundWithoutAnyPod() {
        // A Git repository holds controllers, never Pods: istioctl's IST0101 here is istio/istio#40861, #51273.
        MeshInput input = mesh()
                .workload(WorkloadKind.DEPLOYMENT, "ns1", "reviews", Map.of("app", "reviews"), Map.of())
                .workload(WorkloadKind.STATEFUL_SET, "ns1", "db", Map.of("app", "db"), Map.of())
                .workload(WorkloadKind.DAEMON_SET, "ns1", "agent", Map.of("app", "agent"), Map.of())
                .workload(WorkloadKind.REPLICA_SET, "ns1", "rs", Map.of("app", "rs"), Map.of())
                .workload(WorkloadKind.JOB, "ns1", "migrate", Map.of("app", "migrate"), Map.of())
                .workload(WorkloadKind.CRON_JOB, "ns1", "report", Map.of("app", "report"), Map.of())
                .workload(WorkloadKind.WORKLOAD_ENTRY, "ns1", "vm", Map.of("app", "vm"), Map.of())
                .sidecar("ns1", "reviews", Map.of("app", "reviews"))
                .sidecar("ns1", "db", Map.of("app", "db"))
                .sidecar("ns1", "agent", Map.of("app", "agent"))
                .sidecar("ns1", "rs", Map.of("app", "rs"))
                .sidecar("ns1", "migrate", Map.of("app", "migrate"))
                .sidecar("ns1", "report", Map.of("app", "report"))
                .sidecar("ns1", "vm", Map.of("app", "vm"))
                .build();

        assertThat(analyze(input)).isEmpty();
    }

    @Test
    void selectorMatchingNoControllerTemplateIsStillIst0101() {
        MeshInput input = mesh()
                .workload(WorkloadKind.DEPLOYMENT, "ns1", "reviews", Map.of("app", "reviews"), Map.of())
                .sidecar("ns1", "bogus", Map.of("app", "bogus"))
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0101", "ns1/bogus", "Referenced selector not found: \"app=bogus\""));
    }

    @Test
    void namespaceWithoutAnyWorkloadInTheInputIsNotJudged() {
        // generate's output analyzed on its own, or a folder of Istio config: the workloads are unknown, not absent.
        MeshInput input = mesh()
                .workload(WorkloadKind.DEPLOYMENT, "ns2", "reviews", Map.of("app", "reviews"), Map.of())
                .sidecar("ns1", "reviews", Map.of("app", "reviews"))
                .build();

        assertThat(analyze(input)).isEmpty();
    }

    @Test
    void twoSidecarsSelectingOneDeploymentGetIst0110OnceEvenWithItsPodsListed() {
        MeshInput input = mesh()
                .workload(WorkloadKind.DEPLOYMENT, "ns1", "reviews", Map.of("app", "reviews"), Map.of())
                .pod("ns1", "reviews-7d9f-abcde", Map.of("app", "reviews", "pod-template-hash", "7d9f"))
                .sidecar("ns1", "dupe-1", Map.of("app", "reviews"))
                .sidecar("ns1", "dupe-2", Map.of("app", "reviews"))
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0110", "ns1/dupe-1", conflict("dupe-1 dupe-2", "ns1", "reviews")),
                new Expect("IST0110", "ns1/dupe-2", conflict("dupe-1 dupe-2", "ns1", "reviews")));
    }

    @Test
    void selectorNeedsEveryLabelAndPrintsThemSorted() {
        MeshInput input = mesh()
                .pod("ns1", "p", Map.of("app", "x"))
                .sidecar("ns1", "s", Map.of("version", "v1", "app", "x"))
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0101", "ns1/s", "Referenced selector not found: \"app=x,version=v1\""));
    }

    @Test
    void sidecarConflictingOnSeveralPodsGetsOneMessagePerPod() {
        MeshInput input = mesh()
                .pod("ns1", "p1", Map.of("app", "x"))
                .pod("ns1", "p2", Map.of("app", "x"))
                .sidecar("ns1", "a", Map.of("app", "x"))
                .sidecar("ns1", "b", Map.of("app", "x"))
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0110", "ns1/a", conflict("a b", "ns1", "p1")),
                new Expect("IST0110", "ns1/a", conflict("a b", "ns1", "p2")),
                new Expect("IST0110", "ns1/b", conflict("a b", "ns1", "p1")),
                new Expect("IST0110", "ns1/b", conflict("a b", "ns1", "p2")));
    }

    @Test
    void sidecarSelectingAnAmbientPodIsIneffective() {
        MeshInput input = mesh()
                .pod("ns1", "p", Map.of("app", "x"), AMBIENT_POD)
                .sidecar("ns1", "only", Map.of("app", "x"))
                .build();

        assertThat(analyze(input)).containsExactly(new Expect("IST0167", "ns1/only", POD_AMBIENT_TEXT));
    }

    @Test
    void ambientPodSelectedTwiceGivesIneffectiveInsteadOfConflict() {
        MeshInput input = mesh()
                .pod("ns1", "p1", Map.of("app", "x"), AMBIENT_POD)
                .pod("ns1", "p2", Map.of("app", "x"), AMBIENT_POD)
                .sidecar("ns1", "a", Map.of("app", "x"))
                .sidecar("ns1", "b", Map.of("app", "x"))
                .build();

        // Two ambient pods, yet each Sidecar is reported once.
        assertThat(analyze(input)).containsExactly(
                new Expect("IST0167", "ns1/a", POD_AMBIENT_TEXT),
                new Expect("IST0167", "ns1/b", POD_AMBIENT_TEXT));
    }

    @Test
    void ambientAnnotationMustBeEnabled() {
        MeshInput input = mesh()
                .pod("ns1", "p", Map.of("app", "x"), Map.of("ambient.istio.io/redirection", "disabled"))
                .sidecar("ns1", "only", Map.of("app", "x"))
                .build();

        assertThat(analyze(input)).isEmpty();
    }

    @Test
    void conflictOnASidecarPodStillReportedNextToAnAmbientPod() {
        MeshInput input = mesh()
                .pod("ns1", "ambient", Map.of("app", "x", "tier", "a"), AMBIENT_POD)
                .pod("ns1", "sidecar", Map.of("app", "x"))
                .sidecar("ns1", "a", Map.of("app", "x"))
                .sidecar("ns1", "b", Map.of("app", "x"))
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0110", "ns1/a", conflict("a b", "ns1", "sidecar")),
                new Expect("IST0167", "ns1/a", POD_AMBIENT_TEXT),
                new Expect("IST0110", "ns1/b", conflict("a b", "ns1", "sidecar")),
                new Expect("IST0167", "ns1/b", POD_AMBIENT_TEXT));
    }

    @Test
    void singleNamespaceWideSidecarInAmbientNamespaceIsIneffective() {
        MeshInput input = mesh().namespace("ns1", AMBIENT_NS).sidecar("ns1", "default").build();

        assertThat(analyze(input)).containsExactly(new Expect("IST0167", "ns1/default", NS_AMBIENT_TEXT));
    }

    @Test
    void severalNamespaceWideSidecarsInAmbientNamespaceAreIneffectiveNotConflicting() {
        MeshInput input = mesh()
                .namespace("ns1", AMBIENT_NS)
                .sidecar("ns1", "a")
                .sidecar("ns1", "b", Map.of())
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0167", "ns1/a", NS_AMBIENT_TEXT),
                new Expect("IST0167", "ns1/b", NS_AMBIENT_TEXT));
    }

    @Test
    void injectionLabelOrRevisionTakesNamespaceOutOfAmbient() {
        MeshInput input = mesh()
                .namespace("injected", Map.of("istio.io/dataplane-mode", "ambient", "istio-injection", "enabled"))
                .namespace("revised", Map.of("istio.io/dataplane-mode", "ambient", "istio.io/rev", "canary"))
                .namespace("empty-rev", Map.of("istio.io/dataplane-mode", "ambient", "istio.io/rev", ""))
                .namespace("disabled", Map.of("istio.io/dataplane-mode", "ambient", "istio-injection", "disabled"))
                .sidecar("injected", "a").sidecar("injected", "b")
                .sidecar("revised", "a").sidecar("revised", "b")
                .sidecar("empty-rev", "only")
                .sidecar("disabled", "only")
                .build();

        assertThat(analyze(input)).containsExactly(
                new Expect("IST0167", "disabled/only", NS_AMBIENT_TEXT),
                new Expect("IST0167", "empty-rev/only", NS_AMBIENT_TEXT),
                new Expect("IST0111", "injected/a", noSelector("a b", "injected")),
                new Expect("IST0111", "injected/b", noSelector("a b", "injected")),
                new Expect("IST0111", "revised/a", noSelector("a b", "revised")),
                new Expect("IST0111", "revised/b", noSelector("a b", "revised")));
    }

    @Test
    void ambientNamespaceDoesNotSilenceSelectorSidecars() {
        // Istio only checks the namespace for namespace-wide Sidecars; selector ones go by their pods.
        MeshInput input = mesh()
                .namespace("ns1", AMBIENT_NS)
                .sidecar("ns1", "selects-nothing", Map.of("app", "none"))
                .build();

        assertThat(analyze(input)).extracting(Expect::code).containsExactly("IST0101");
    }

    @Test
    void messagesCarryIstioLevelsAndPointAtTheRelevantField() {
        SourceLocation nameLine = new SourceLocation("s.yaml", 4, 9);
        SourceLocation labelLine = new SourceLocation("s.yaml", 9, 9);
        Sidecar conflicting = Mesh.sidecarOf(new ObjectMeta(new ResourceId("Sidecar", "ns1", "a"), Map.of(), Map.of(),
                0, new SourceLocation("s.yaml", 1, 1), Map.of("metadata.name", nameLine)),
                new WorkloadSelector(Map.of("app", "x")), null, List.of("./*"));
        Sidecar missing = Mesh.sidecarOf(new ObjectMeta(new ResourceId("Sidecar", "ns1", "c"), Map.of(), Map.of(),
                0, new SourceLocation("s.yaml", 20, 1), Map.of("spec.workloadSelector.labels.app", labelLine)),
                new WorkloadSelector(Map.of("zone", "z", "app", "none")), null, List.of("./*"));
        MeshInput input = mesh()
                .pod("ns1", "p", Map.of("app", "x"))
                .sidecar(conflicting)
                .sidecar("ns1", "b", Map.of("app", "x"))
                .sidecar(missing)
                .build();

        List<AnalysisMessage> messages = Analysis.run(input, List.of(new SidecarSelectorAnalyzer()));

        assertThat(messages).extracting(AnalysisMessage::code).containsExactly("IST0110", "IST0110", "IST0101");
        assertThat(messages.get(0).location()).isEqualTo(nameLine);
        assertThat(messages.get(0).field()).isEqualTo("metadata.name");
        assertThat(messages.get(0).level()).isEqualTo(Severity.ERROR);
        assertThat(messages.get(2).location()).isEqualTo(labelLine);
        assertThat(messages.get(2).field()).isEqualTo("spec.workloadSelector.labels");
        assertThat(messages.get(2).level()).isEqualTo(Severity.ERROR);
    }

    @Test
    void ineffectiveIsAWarningAtTheSidecar() {
        MeshInput input = mesh().namespace("ns1", AMBIENT_NS).sidecar("ns1", "default").build();

        AnalysisMessage m = Analysis.run(input, List.of(new SidecarSelectorAnalyzer())).get(0);

        assertThat(m.level()).isEqualTo(Severity.WARNING);
        assertThat(m.resource()).isEqualTo(new ResourceId("Sidecar", "ns1", "default"));
        assertThat(m.location()).isEqualTo(new SourceLocation("ns1-default.yaml", 1, 1));
    }
}
