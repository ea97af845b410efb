package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge walk over two name-sorted resource lists. */
class ResourceDiffTest {

    /** A resource named {@code name} whose content (and so version) is set by {@code weight}. */
    private static NamedResource r(String name, int weight) {
        return NamedResource.of(name, ClusterLoadAssignment.newBuilder().setClusterName(name)
                .addEndpoints(LocalityLbEndpoints.newBuilder().setLoadBalancingWeight(Protos.u32(weight))).build());
    }

    /** One line per visitor call: {@code +name}, {@code -name} or {@code ~name}; checks the instances passed. */
    private static List<String> diff(List<NamedResource> before, List<NamedResource> after) {
        List<String> calls = new ArrayList<>();
        ResourceDiff.walk(before, after, (name, b, a) -> {
            if (b == null) {
                assertThat(after).contains(a);
                calls.add("+" + name);
            } else if (a == null) {
                assertThat(before).contains(b);
                calls.add("-" + name);
            } else {
                assertThat(before).contains(b);
                assertThat(after).contains(a);
                assertThat(b.name()).isEqualTo(name);
                assertThat(a.name()).isEqualTo(name);
                calls.add("~" + name);
            }
        });
        return calls;
    }

    @Test
    void addedRemovedAndChangedAreReportedInNameOrder() {
        NamedResource b = r("b", 1);
        NamedResource d = r("d", 1);
        List<NamedResource> before = List.of(r("a", 1), b, r("c", 1), d, r("e", 1));
        List<NamedResource> after = List.of(b, r("c", 2), d, r("e", 2), r("f", 1), r("g", 1));

        assertThat(diff(before, after)).containsExactly("-a", "~c", "~e", "+f", "+g");
    }

    @Test
    void everythingIsAddedToAnEmptyListAndRemovedFromOne() {
        List<NamedResource> some = List.of(r("a", 1), r("b", 1));

        assertThat(diff(List.of(), some)).containsExactly("+a", "+b");
        assertThat(diff(some, List.of())).containsExactly("-a", "-b");
    }

    @Test
    void changedResourceIsPassedWithItsBeforeAndAfterInstances() {
        NamedResource old = r("a", 1);
        NamedResource now = r("a", 2);
        List<NamedResource[]> calls = new ArrayList<>();

        ResourceDiff.walk(List.of(old), List.of(now), (name, b, a) -> calls.add(new NamedResource[] {b, a}));

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)[0]).isSameAs(old);
        assertThat(calls.get(0)[1]).isSameAs(now);
    }

    @Test
    void sameInstanceIsNotAChange() {
        NamedResource a = r("a", 1);
        NamedResource b = r("b", 1);

        assertThat(diff(List.of(a, b), new ArrayList<>(List.of(a, b)))).isEmpty();
    }

    @Test
    void differentInstanceWithTheSameVersionIsNotAChange() {
        NamedResource a1 = r("a", 1);
        NamedResource a2 = r("a", 1);
        assertThat(a2).isNotSameAs(a1);
        assertThat(a2.version()).isEqualTo(a1.version());

        assertThat(diff(List.of(a1, r("b", 1)), List.of(a2, r("b", 1)))).isEmpty();
    }

    @Test
    void identicalListIsNotEvenWalked() {
        List<NamedResource> untouchable = new AbstractList<>() {
            @Override
            public NamedResource get(int index) {
                throw new AssertionError("the walk read element " + index + " of a list compared with itself");
            }

            @Override
            public int size() {
                return 3;
            }
        };

        assertThat(diff(untouchable, untouchable)).isEmpty();
    }
}
