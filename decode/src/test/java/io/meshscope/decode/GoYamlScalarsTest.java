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
        cases.forEach(GoYamlScalarsTest::assertIntegerAgreesWithResolve);
    }

    @Test
    void anIntegerIsOneOnlyWhenItFitsSixtyFourBitsAsGoParsesIt() {
        // strconv.ParseInt(s, 0, 64), then ParseUint (no sign); past both a decimal is a float, a prefixed one a string
        Map<String, GoYamlScalars.Type> cases = Map.ofEntries(
                Map.entry("9223372036854775807", GoYamlScalars.Type.INT),
                Map.entry("-9223372036854775808", GoYamlScalars.Type.INT),
                Map.entry("9223372036854775808", GoYamlScalars.Type.INT), // uint64
                Map.entry("18446744073709551615", GoYamlScalars.Type.INT),
                Map.entry("18446744073709551616", GoYamlScalars.Type.FLOAT),
                Map.entry("99999999999999999999", GoYamlScalars.Type.FLOAT),
                Map.entry("+9223372036854775808", GoYamlScalars.Type.FLOAT), // ParseUint takes no sign
                Map.entry("-9223372036854775809", GoYamlScalars.Type.FLOAT),
                Map.entry("0xFFFFFFFFFFFFFFFF", GoYamlScalars.Type.INT),
                Map.entry("0x10000000000000000", GoYamlScalars.Type.STRING),
                Map.entry("-0x8000000000000000", GoYamlScalars.Type.INT),
                Map.entry("-0x8000000000000001", GoYamlScalars.Type.STRING),
                Map.entry("0b" + "1".repeat(64), GoYamlScalars.Type.INT),
                Map.entry("0b1" + "0".repeat(64), GoYamlScalars.Type.STRING),
                Map.entry("0o1777777777777777777777", GoYamlScalars.Type.INT),
                Map.entry("0o2000000000000000000000", GoYamlScalars.Type.STRING),
                Map.entry("02000000000000000000000", GoYamlScalars.Type.FLOAT), // leading-0 octal: digits, so float
                Map.entry("0X1f", GoYamlScalars.Type.INT), Map.entry("0B101", GoYamlScalars.Type.INT),
                Map.entry("-0b101", GoYamlScalars.Type.INT), Map.entry("+0x10", GoYamlScalars.Type.INT),
                Map.entry("0000000000000000000000000000001", GoYamlScalars.Type.INT), // zeros are not range
                Map.entry("1_000_000_000_000_000_000_000", GoYamlScalars.Type.FLOAT),
                Map.entry("9".repeat(5000), GoYamlScalars.Type.FLOAT));
        cases.forEach((in, type) -> assertEquals(type, GoYamlScalars.resolve(in), in));
        cases.forEach(GoYamlScalarsTest::assertIntegerAgreesWithResolve);
    }

    @Test
    void anIntegerFieldReadsTheValueKubernetesYamlDecoderGivesIt() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("8080", "8080"), Map.entry("0x1F90", "8080"), Map.entry("0X1f90", "8080"),
                Map.entry("0o17620", "8080"), Map.entry("0b1010", "10"), Map.entry("010", "8"),
                Map.entry("8_080", "8080"), Map.entry("+80", "80"), Map.entry("-1", "-1"), Map.entry("0", "0"),
                Map.entry("8080.0", "8080"), Map.entry("1e3", "1000"), Map.entry("0080", "80"), // 0080: no octal, a float
                Map.entry("99999999999999999999", "100000000000000000000"), // 1e+20, as go-yaml's float64 holds it
                Map.entry("18446744073709551615", "18446744073709551615"));
        cases.forEach((in, value) -> assertEquals(value, String.valueOf(GoYamlScalars.integer(in)), in));
        for (String none : new String[] {"80.5", ".inf", ".nan", "http", "0x10000000000000000", "true", "~", "1.2.3"}) {
            assertEquals(null, GoYamlScalars.integer(none), none);
        }
    }

    /** An integer field reads a value exactly from what resolve calls an int (or a float with no fraction). */
    private static void assertIntegerAgreesWithResolve(String in, GoYamlScalars.Type type) {
        java.math.BigInteger value = GoYamlScalars.integer(in);
        if (type == GoYamlScalars.Type.INT) {
            org.junit.jupiter.api.Assertions.assertNotNull(value, in);
        } else if (type != GoYamlScalars.Type.FLOAT) {
            assertEquals(null, value, in);
        }
    }
}
