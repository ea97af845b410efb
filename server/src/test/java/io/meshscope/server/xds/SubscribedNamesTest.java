package io.meshscope.server.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.meshscope.xds.NamedResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream's named subscription: exact set comparison of ACKs, and the resources' own name strings kept. */
class SubscribedNamesTest {
    private static final List<NamedResource> RESOURCES = List.of(assignment("a"), assignment("b"), assignment("c"));

    private static NamedResource assignment(String name) {
        return NamedResource.of(name, ClusterLoadAssignment.newBuilder().setClusterName(name).build());
    }

    private static SubscribedNames of(String... names) {
        SubscribedNames s = new SubscribedNames();
        s.set(List.of(names), RESOURCES);
        return s;
    }

    @Test
    void theSameRequestAgainIsTheSameSetInAnyOrder() {
        SubscribedNames s = of("b", "a");

        assertThat(s.sameAs(List.of("b", "a"))).isTrue();
        assertThat(s.sameAs(List.of("a", "b"))).isTrue();
        assertThat(s.sameAs(List.of("a", "b", "*"))).isTrue();
    }

    @Test
    void aChangedAddedOrMissingNameIsADifferentSet() {
        SubscribedNames s = of("a", "b");

        assertThat(s.sameAs(List.of("a", "c"))).isFalse();
        assertThat(s.sameAs(List.of("a", "b", "c"))).isFalse();
        assertThat(s.sameAs(List.of("a"))).isFalse();
        assertThat(s.sameAs(List.of("b", "a"))).as("still the same after the differing requests").isTrue();
    }

    @Test
    void setReportsWhetherTheSetChangedAndIgnoresDuplicatesAndWildcard() {
        SubscribedNames s = of("a", "b");

        assertThat(s.set(List.of("b", "a", "a", "*"), RESOURCES)).isFalse();
        assertThat(s.set(List.of("b", "missing"), RESOURCES)).isTrue();
        assertThat(s.toList()).containsExactly("b", "missing");
        assertThat(s.contains("missing")).isTrue();
        assertThat(s.contains("a")).isFalse();
    }

    @Test
    void keepsTheResourcesOwnNameStringsNotTheRequestsCopies() {
        String requested = new String("c");

        SubscribedNames s = of(requested);

        assertThat(s.toList().get(0)).isSameAs(RESOURCES.get(2).name()).isNotSameAs(requested);
    }

    @Test
    void addAndRemoveKeepTheSetSortedAndForgetTheLastRequest() {
        SubscribedNames s = of("a", "c");
        assertThat(s.sameAs(List.of("a", "c"))).isTrue();

        assertThat(s.add("b", RESOURCES)).isTrue();
        assertThat(s.add("b", RESOURCES)).isFalse();
        assertThat(s.toList()).containsExactly("a", "b", "c");
        assertThat(s.sameAs(List.of("a", "c"))).isFalse();

        assertThat(s.remove("b")).isTrue();
        assertThat(s.remove("b")).isFalse();
        assertThat(s.sameAs(List.of("a", "c"))).isTrue();
    }
}
