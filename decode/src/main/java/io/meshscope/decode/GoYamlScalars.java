package io.meshscope.decode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How Kubernetes' YAML decoder (sigs.k8s.io/yaml over go-yaml v2, which kubectl uses to turn a manifest into the
 * JSON the API server reads) resolves a scalar. It follows YAML 1.1, not the YAML 1.2 core schema meshscope parses
 * with: plain {@code yes}, {@code on}, {@code y} are booleans, {@code 0755} is octal, {@code 1_000} an integer. A
 * string field holding such a scalar is rejected by the API server, and an explicit tag the value does not fit
 * ({@code !!int abc}) is rejected by kubectl before anything is sent.
 */
final class GoYamlScalars {
    /** What go-yaml resolves a scalar to. */
    enum Type { NULL, BOOL, INT, FLOAT, TIMESTAMP, STRING }

    private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On",
            "ON");
    private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off",
            "OFF");
    private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> SPECIAL_FLOATS = Set.of(".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf",
            "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
    /** go-yaml's {@code yamlStyleFloat}. */
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    /** go-yaml's {@code allowedTimestampFormats}: a date, optionally with a time and zone. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?(Z|[-+][0-9]{1,2}:[0-9]{2})?)?");
    private static final String TAG_PREFIX = "tag:yaml.org,2002:";
    /** First letters of the words in NULL, TRUE and FALSE. */
    private static final boolean[] BOOL_OR_NULL_START = BlockYamlLines.characters("yYnNtTfFoO");

    private GoYamlScalars() {
    }

    /** How a scalar the decoders hold resolves: quoted and block scalars are strings, tagged ones their tag. */
    static Type of(YNode.Scalar s) {
        if (s.tagged()) {
            return switch (s.type()) {
                case NULL -> Type.NULL;
                case BOOL -> Type.BOOL;
                case INT -> Type.INT;
                case FLOAT -> Type.FLOAT;
                case STRING -> Type.STRING;
            };
        }
        return s.style() == YNode.Style.PLAIN ? resolve(s.text()) : Type.STRING;
    }

    /** go-yaml v2's {@code resolve} of an untagged plain scalar. */
    static Type resolve(String in) {
        char first = in.isEmpty() ? '~' : in.charAt(0);
        if ((first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z') && !BOOL_OR_NULL_START[first]) {
            return Type.STRING; // most scalars (names, hosts); no word below starts so, and no number
        }
        if (NULL.contains(in)) {
            return Type.NULL;
        }
        if (TRUE.contains(in) || FALSE.contains(in)) {
            return Type.BOOL;
        }
        if (SPECIAL_FLOATS.contains(in)) {
            return Type.FLOAT;
        }
        char c = in.charAt(0);
        if (c == '.') {
            return FLOAT.matcher(in).matches() ? Type.FLOAT : Type.STRING;
        }
        if (c != '+' && c != '-' && (c < '0' || c > '9')) {
            return Type.STRING;
        }
        if ((c >= '1' && c <= '9' || in.length() == 1) && decimalDigits(in)) {
            return Type.INT; // ports and counts: what the checks below would answer, without two regular expressions
        }
        if (TIMESTAMP.matcher(in).matches()) {
            return Type.TIMESTAMP;
        }
        String plain = in.replace("_", "");
        if (isGoInteger(plain)) {
            return Type.INT;
        }
        if (FLOAT.matcher(plain).matches()) {
            return Type.FLOAT;
        }
        return Type.STRING;
    }

    /** The boolean a plain scalar is to go-yaml, or null when it is not one. */
    static Boolean bool(String in) {
        return TRUE.contains(in) ? Boolean.TRUE : FALSE.contains(in) ? Boolean.FALSE : null;
    }

    /**
     * Why an explicitly tagged scalar is rejected by Kubernetes' YAML decoder (go-yaml's wording), or null when the
     * value fits its tag. Only the standard scalar tags are checked; go-yaml reads any other tag as a string.
     */
    static String tagProblem(String tag, String value) {
        if (!tag.startsWith(TAG_PREFIX)) {
            return null;
        }
        String name = tag.substring(TAG_PREFIX.length());
        if (name.equals("binary")) {
            return base64(value) == null ? "!!binary value contains invalid base64 data" : null;
        }
        Type wanted = switch (name) {
            case "int" -> Type.INT;
            case "float" -> Type.FLOAT;
            case "bool" -> Type.BOOL;
            case "null" -> Type.NULL;
            case "timestamp" -> Type.TIMESTAMP;
            default -> null;
        };
        if (wanted == null) {
            return null;
        }
        Type got = value.isEmpty() ? Type.NULL : resolve(value);
        if (got == Type.TIMESTAMP && wanted != Type.TIMESTAMP) {
            got = Type.STRING; // go-yaml tries a timestamp only for an untagged or !!timestamp scalar
        }
        if (got == wanted || (wanted == Type.FLOAT && got == Type.INT)) {
            return null;
        }
        return "cannot decode " + shortTag(got) + " `" + value + "` as a !!" + name;
    }

    /** The text a valid {@code !!binary} scalar stands for (its bytes as UTF-8), or null when it is not base64. */
    static String base64(String value) {
        // Go's StdEncoding skips line breaks and requires padding; Java's basic decoder does not require it.
        String compact = value.replace("\r", "").replace("\n", "");
        if (compact.length() % 4 != 0) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shortTag(Type type) {
        return switch (type) {
            case NULL -> "!!null";
            case BOOL -> "!!bool";
            case INT -> "!!int";
            case FLOAT -> "!!float";
            case TIMESTAMP -> "!!timestamp";
            case STRING -> "!!str";
        };
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)} syntax (range aside): sign, then 0x, 0o, 0b, leading-0 octal or decimal. */
    private static boolean decimalDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isGoInteger(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (t.isEmpty()) {
            return false;
        }
        String digits;
        String allowed;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            digits = t.substring(2);
            allowed = "0123456789abcdefABCDEF";
        } else if (lower.startsWith("0o")) {
            digits = t.substring(2);
            allowed = "01234567";
        } else if (lower.startsWith("0b")) {
            digits = t.substring(2);
            allowed = "01";
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            digits = t.substring(1);
            allowed = "01234567";
        } else {
            digits = t;
            allowed = "0123456789";
        }
        if (digits.isEmpty()) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (allowed.indexOf(digits.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
