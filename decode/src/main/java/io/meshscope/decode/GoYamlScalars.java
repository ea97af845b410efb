package io.meshscope.decode;

import java.math.BigDecimal;
import java.math.BigInteger;
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
        if ((c >= '1' && c <= '9' || in.length() == 1) && in.length() <= 18 && decimalDigits(in)) {
            // ports and counts: what the checks below would answer, without two regular expressions (18 digits
            // always fit int64; longer ones go through the range check below)
            return Type.INT;
        }
        if (TIMESTAMP.matcher(in).matches()) {
            return Type.TIMESTAMP;
        }
        String plain = in.replace("_", "");
        if (goInteger(plain) != null) {
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

    /** Whether {@code s} is ASCII decimal digits alone. */
    private static boolean decimalDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The integer a scalar is to Kubernetes' YAML decoder: a plain one as {@link #integer(String)} reads it, a
     * tagged {@code !!int} in YAML's forms; null for any other (a quoted scalar is a string to it).
     */
    static BigInteger integer(YNode.Scalar s) {
        if (s.style() == YNode.Style.PLAIN && !s.tagged()) {
            return integer(s.text());
        }
        return s.tagged() && s.type() == YNode.ScalarType.INT ? Scalars.integer(s.text(), true) : null;
    }

    /**
     * The integer a plain, untagged scalar is to Kubernetes' YAML decoder, or null when it is none: go-yaml's int
     * ({@code 0x1F90}, {@code 0o17620}, {@code 0b1010}, the leading-0 octal {@code 010} = 8, {@code 1_000}), or a float
     * with no fractional part, which is an integer once the decoder has made it JSON ({@code 8080.0}, {@code 1e3}).
     */
    static BigInteger integer(String in) {
        int n = in.length();
        if (n > 0 && n <= 18 && (in.charAt(0) != '0' || n == 1) && decimalDigits(in)) {
            return BigInteger.valueOf(Long.parseLong(in)); // ports and counts, as resolve's own fast path
        }
        String plain = in.replace("_", "");
        BigInteger value = goInteger(plain); // exactly what resolve calls an int: no word, date or float parses so
        if (value != null || resolve(in) != Type.FLOAT || SPECIAL_FLOATS.contains(in)) {
            return value;
        }
        try {
            // go-yaml holds a float64 (99999999999999999999 is 1e+20); Java's parse rounds as Go's ParseFloat does
            double number = Double.parseDouble(plain);
            return Double.isFinite(number) ? new BigDecimal(number).toBigIntegerExact() : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null; // a fraction (80.5), or a float form Java does not read
        }
    }

    /**
     * The value Go's {@code strconv.ParseInt(s, 0, 64)} or, unsigned, {@code ParseUint(s, 0, 64)} reads from {@code s}
     * (underscores already removed), or null when neither accepts it: a sign (ParseInt alone), then {@code 0x},
     * {@code 0o}, {@code 0b}, a leading-0 octal or decimal digits, and a value that fits 64 bits. A value that does
     * not fit is no integer to go-yaml: a decimal one is then a float ({@code 99999999999999999999} is 1e+20), a
     * prefixed one a string.
     */
    private static BigInteger goInteger(String s) {
        boolean signed = s.startsWith("+") || s.startsWith("-");
        String t = signed ? s.substring(1) : s;
        int radix;
        String digits;
        if (t.length() > 1 && t.charAt(0) == '0' && "xXoObB".indexOf(t.charAt(1)) >= 0) {
            char p = Character.toLowerCase(t.charAt(1));
            radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            digits = t.substring(2);
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            radix = 8;
            digits = t.substring(1);
        } else {
            radix = 10;
            digits = t;
        }
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c >= 0x80 || Character.digit(c, radix) < 0) {
                return null; // Character.digit also takes non-ASCII digits; Go does not
            }
        }
        return fits64(digits, radix, s.startsWith("-"), signed);
    }

    /** The digits' value when it fits int64 (with its sign), or uint64 when there is no sign at all; else null. */
    private static BigInteger fits64(String digits, int radix, boolean negative, boolean signed) {
        int zeros = 0;
        while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
            zeros++;
        }
        String significant = digits.substring(zeros);
        // 64 bits are at most 64 binary, 22 octal, 20 decimal or 16 hex digits: longer never fits, and is not parsed
        int max = radix == 2 ? 64 : radix == 8 ? 22 : radix == 10 ? 20 : 16;
        if (significant.length() > max) {
            return null;
        }
        BigInteger v = new BigInteger(significant, radix);
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() <= 63) {
            return v; // int64: [-2^63, 2^63) is exactly bitLength <= 63
        }
        return !signed && v.bitLength() <= 64 ? v : null; // uint64, which ParseUint reads only without a sign
    }
}
