package io.meshscope.decode;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** go-yaml v2's resolution of plain scalars, the YAML 1.1 words included, whatever letter they start with. */
class GoYamlScalarsTest {
    @Test
    void resolvesPlainScalarsAsKubernetesYamlDecoderDoes() {
        Map<String, GoYamlScalars.Type> cases = Map.ofEntries(
                Map.entry("yes", GoYamlScalars.Type.BOOL), Map.entry("Y", GoYamlScalars.Type.BOOL),
                Map.entry("on", GoYamlScalars.Type.BOOL), Map.entry("OFF", GoYamlScalars.Type.BOOL),
                Map.entry("n", GoYamlScalars.Type.BOOL), Map.entry("False", GoYamlScalars.Type.BOOL),
                Map.entry("TRUE", GoYamlScalars.Type.BOOL), Map.entry("null", GoYamlScalars.Type.NULL),
                Map.entry("Null", GoYamlScalars.Type.NULL), Map.entry("~", GoYamlScalars.Type.NULL),
                Map.entry("", GoYamlScalars.Type.NULL), Map.entry("web", GoYamlScalars.Type.STRING),
                Map.entry("okay", GoYamlScalars.Type.STRING), Map.entry("nope", GoYamlScalars.Type.STRING),
                Map.entry("Ynot", GoYamlScalars.Type.STRING), Map.entry("TCP", GoYamlScalars.Type.STRING),
                Map.entry("1", GoYamlScalars.Type.INT), Map.entry("0x1F", GoYamlScalars.Type.INT),
                Map.entry("0755", GoYamlScalars.Type.INT), Map.entry("1_000", GoYamlScalars.Type.INT),
                Map.entry("1.5", GoYamlScalars.Type.FLOAT), Map.entry(".inf", GoYamlScalars.Type.FLOAT),
                Map.entry("-.Inf", GoYamlScalars.Type.FLOAT), Map.entry("2024-01-01", GoYamlScalars.Type.TIMESTAMP),
                Map.entry("1.2.3", GoYamlScalars.Type.STRING), Map.entry("ünï", GoYamlScalars.Type.STRING),
                Map.entry("0", GoYamlScalars.Type.INT), Map.entry("8080", GoYamlScalars.Type.INT),
                Map.entry("089", GoYamlScalars.Type.FLOAT), Map.entry("00", GoYamlScalars.Type.INT),
                Map.entry("2024", GoYamlScalars.Type.INT));
        cases.forEach((in, type) -> assertEquals(type, GoYamlScalars.resolve(in), in));
    }
}
