package io.meshscope.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Generated YAML stays valid YAML whatever a name holds (issue 13 item 9). */
class SidecarYamlQuoteTest {
    @Test
    void controlCharactersYamlForbidsRawAreEscapedInDoubleQuotes() {
        // YAML 1.2 allows neither C0 (but tab and line ends), DEL nor C1 (but NEL) raw in a scalar
        assertThat(SidecarYaml.scalar("a\u001b[2J\nb\u007f\u0085\u009f"))
                .isEqualTo("\"a\\u001b[2J\\nb\\u007f\\u0085\\u009f\"");
    }
}
