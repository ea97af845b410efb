package io.meshscope.core.describe;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workload ids {@code [KIND/]NAMESPACE/NAME} (cli.md). */
class WorkloadLookupTest {

    private static Workload w(WorkloadKind kind, String ns, String name) {
        return new Workload(Fixtures.meta(kind.kindName(), ns, name), kind, Map.of("app", name), Map.of(), 1,
                List.of(), List.of());
    }

    private static WorkloadLookup.WorkloadId id(String text) {
        return WorkloadLookup.WorkloadId.parse(text).orElseThrow();
    }

    @Test
    void parsesTwoAndThreePartIds() {
        assertThat(id("ns1/p")).isEqualTo(new WorkloadLookup.WorkloadId(null, "ns1", "p"));
        assertThat(id("Deployment/ns1/p")).isEqualTo(new WorkloadLookup.WorkloadId(WorkloadKind.DEPLOYMENT, "ns1", "p"));
        assertThat(id("statefulset/ns1/p").kind()).isEqualTo(WorkloadKind.STATEFUL_SET);
        assertThat(id("WorkloadEntry/ns1/p").kind()).isEqualTo(WorkloadKind.WORKLOAD_ENTRY);
    }

    @Test
    void rejectsMalformedIdsAndUnknownKinds() {
        for (String bad : List.of("p", "/p", "ns1/", "Service/ns1/p", "Pod//p", "Pod/ns1/", "a/b/c/d", "")) {
            assertThat(WorkloadLookup.WorkloadId.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void kindlessIdResolvesInDocumentedKindOrder() {
        List<WorkloadKind> order = List.of(WorkloadKind.POD, WorkloadKind.DEPLOYMENT, WorkloadKind.STATEFUL_SET,
                WorkloadKind.DAEMON_SET, WorkloadKind.REPLICA_SET, WorkloadKind.JOB, WorkloadKind.CRON_JOB,
                WorkloadKind.WORKLOAD_ENTRY);
        for (int i = 0; i < order.size(); i++) {
            List<Workload> ws = new java.util.ArrayList<>();
            // add the lower-priority kinds first so input order cannot explain the answer
            for (int j = order.size() - 1; j >= i; j--) {
                ws.add(w(order.get(j), "ns1", "app"));
            }
            assertThat(new WorkloadLookup(ws).find(id("ns1/app")).orElseThrow().kind()).isEqualTo(order.get(i));
        }
    }

    @Test
    void explicitKindFindsOnlyThatKind() {
        WorkloadLookup l = new WorkloadLookup(List.of(w(WorkloadKind.POD, "ns1", "app"),
                w(WorkloadKind.DEPLOYMENT, "ns1", "app")));
        assertThat(l.find(id("Deployment/ns1/app")).orElseThrow().kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(l.find(id("Job/ns1/app"))).isEmpty();
    }

    @Test
    void unknownIdFindsNothing() {
        WorkloadLookup l = new WorkloadLookup(List.of(w(WorkloadKind.POD, "ns1", "app")));
        assertThat(l.find(id("ns2/app"))).isEmpty();
        assertThat(l.find(id("ns1/ap"))).isEmpty();
    }

    @Test
    void closestSuggestionsAreOrderedByEditDistanceThenName() {
        WorkloadLookup l = new WorkloadLookup(List.of(
                w(WorkloadKind.POD, "ns1", "reviews"),
                w(WorkloadKind.DEPLOYMENT, "ns1", "reviews"),
                w(WorkloadKind.POD, "ns1", "ratings"),
                w(WorkloadKind.POD, "ns2", "reviews"),
                w(WorkloadKind.POD, "other", "zzz")));
        assertThat(l.closest("ns1/reveiws", 2)).containsExactly("ns1/reviews", "ns2/reviews");
        assertThat(l.closest("ns1/reviews", 10)).hasSize(4).doesNotHaveDuplicates();
        assertThat(l.closest("ns1/reviews", 10).get(0)).isEqualTo("ns1/reviews");
    }

    @Test
    void closestIgnoresTheKindPrefixOfTheTypedId() {
        WorkloadLookup l = new WorkloadLookup(List.of(w(WorkloadKind.POD, "ns1", "reviews"),
                w(WorkloadKind.POD, "ns1", "aaaaaaa")));
        assertThat(l.closest("Deployment/ns1/reviewz", 1)).containsExactly("ns1/reviews");
    }

    @Test
    void editDistance() {
        assertThat(WorkloadLookup.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(WorkloadLookup.distance("", "abc")).isEqualTo(3);
        assertThat(WorkloadLookup.distance("same", "same")).isZero();
    }
}
