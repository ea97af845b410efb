package io.meshscope.kube;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamespaceScopeTest {
    private static final Map<String, Map<String, String>> EXISTING = Map.of(
            "a", Map.of("env", "prod"), "b", Map.of("env", "dev"), "c", Map.of(), "istio-system", Map.of());

    private static NamespaceScope scope(List<String> namespaces, String selector) {
        return new NamespaceScope(new KubeOptions(Optional.empty(), Optional.empty(), namespaces,
                Optional.ofNullable(selector)));
    }

    @Test
    void unfilteredReadsEveryExistingNamespace() {
        NamespaceScope all = scope(List.of(), null);
        assertThat(all.filtered()).isFalse();
        assertThat(all.resolve(EXISTING, Set.of())).containsExactly("a", "b", "c", "istio-system");
    }

    @Test
    void aListReadsThoseNamespacesEvenBeforeTheyExistPlusTheRootNamespaces() {
        assertThat(scope(List.of("a", "later"), null).resolve(EXISTING, Set.of("mesh-root")))
                .containsExactly("a", "istio-system", "later", "mesh-root");
    }

    @Test
    void aSelectorReadsMatchingExistingNamespaces() {
        assertThat(scope(List.of(), "env").resolve(EXISTING, Set.of())).containsExactly("a", "b", "istio-system");
    }

    @Test
    void aListAndASelectorTogetherReadNamespacesThatAreListedAndMatch() {
        assertThat(scope(List.of("a", "b", "later"), "env=prod").resolve(EXISTING, Set.of()))
                .containsExactly("a", "istio-system");
    }

    @Test
    void optionsSplitCommaSeparatedNamespacesAndRejectBadNames() {
        KubeOptions o = new KubeOptions(Optional.empty(), Optional.of(" "), List.of("a,b", " c ", "a"), Optional.of(" "));
        assertThat(o.namespaces()).containsExactly("a", "b", "c");
        assertThat(o.context()).isEmpty();
        assertThat(o.namespaceSelector()).isEmpty();
        assertThat(o.filtersNamespaces()).isTrue();
        assertThat(KubeOptions.defaults().filtersNamespaces()).isFalse();
        assertThatThrownBy(() -> new KubeOptions(Optional.empty(), Optional.empty(), List.of("Bad_NS"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid namespace name \"Bad_NS\"");
        assertThatThrownBy(() -> new KubeOptions(Optional.empty(), Optional.empty(), List.of(), Optional.of("a=(")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid label selector");
    }
}
