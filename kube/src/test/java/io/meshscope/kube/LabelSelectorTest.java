package io.meshscope.kube;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {
    private static final Map<String, String> PROD = Map.of("env", "prod", "istio-injection", "enabled");

    @Test
    void equalityRequirementsMatchLikeKubectl() {
        assertThat(LabelSelector.parse("env=prod").matches(PROD)).isTrue();
        assertThat(LabelSelector.parse("env==prod").matches(PROD)).isTrue();
        assertThat(LabelSelector.parse("env!=prod").matches(PROD)).isFalse();
        assertThat(LabelSelector.parse("team!=a").matches(PROD)).as("absent label satisfies !=").isTrue();
    }

    @Test
    void setRequirementsMatchLikeKubectl() {
        assertThat(LabelSelector.parse("env in (dev, prod)").matches(PROD)).isTrue();
        assertThat(LabelSelector.parse("env notin (prod)").matches(PROD)).isFalse();
        assertThat(LabelSelector.parse("team notin (a,b)").matches(PROD)).isTrue();
        assertThat(LabelSelector.parse("team in (a)").matches(PROD)).isFalse();
    }

    @Test
    void existenceRequirementsMatchLikeKubectl() {
        assertThat(LabelSelector.parse("istio-injection").matches(PROD)).isTrue();
        assertThat(LabelSelector.parse("!istio-injection").matches(PROD)).isFalse();
        assertThat(LabelSelector.parse("!team").matches(PROD)).isTrue();
    }

    @Test
    void commasAreAndsOutsideParentheses() {
        assertThat(LabelSelector.parse("env in (prod,dev),istio-injection=enabled").matches(PROD)).isTrue();
        assertThat(LabelSelector.parse("env=prod,team=a").matches(PROD)).isFalse();
        assertThat(LabelSelector.parse("example.com/tier=web").matches(Map.of("example.com/tier", "web"))).isTrue();
    }

    @Test
    void anEmptySelectorMatchesEverything() {
        assertThat(LabelSelector.parse("").matches(Map.of())).isTrue();
        assertThat(LabelSelector.parse("  ").matches(PROD)).isTrue();
    }

    @Test
    void malformedSelectorsAreRejectedNamingThePart() {
        assertThatThrownBy(() -> LabelSelector.parse("env=prod,,x=y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty requirement");
        assertThatThrownBy(() -> LabelSelector.parse("env>3")).hasMessageContaining("\"env>3\" is not key=value");
        assertThatThrownBy(() -> LabelSelector.parse("env=a b")).hasMessageContaining("invalid label selector");
        assertThatThrownBy(() -> LabelSelector.parse("env in (a!)")).hasMessageContaining("invalid label value \"a!\"");
    }
}
