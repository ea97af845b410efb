package io.meshscope.core.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which Istio's YAML/JSON decoding (golang/protobuf {@code jsonpb}) applies to
 * {@code google.protobuf.Duration} fields such as {@code connectTimeout: 30ms}, plus {@code agent.ValidateDuration}.
 */
final class GoDuration {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(63); // 1<<63, Go's overflow bound
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** Parses a Go duration string into nanoseconds; throws with Go's message when it is not one. */
    static long parseNanos(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        BigInteger total = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char c = s.charAt(0);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                throw invalid(orig);
            }
            int i = digits(s, 0);
            BigInteger v = i == 0 ? BigInteger.ZERO : new BigInteger(s.substring(0, i));
            if (v.compareTo(MAX) > 0) {
                throw invalid(orig);
            }
            boolean pre = i > 0;
            String fraction = "";
            if (i < s.length() && s.charAt(i) == '.') {
                int end = digits(s, i + 1);
                fraction = s.substring(i + 1, end);
                i = end;
            }
            if (!pre && fraction.isEmpty()) {
                throw invalid(orig); // no digits, e.g. ".s"
            }
            int u = i;
            while (u < s.length() && s.charAt(u) != '.' && (s.charAt(u) < '0' || s.charAt(u) > '9')) {
                u++;
            }
            if (u == i) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoText.quote(orig));
            }
            String unitName = s.substring(i, u);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + GoText.quote(unitName) + " in duration " + GoText.quote(orig));
            }
            BigInteger part = v.multiply(BigInteger.valueOf(unit));
            if (!fraction.isEmpty()) {
                // Go computes f*unit/scale in float64 and truncates; BigDecimal keeps it exact enough for ns.
                part = part.add(new BigDecimal("0." + fraction).multiply(BigDecimal.valueOf(unit)).toBigInteger());
            }
            total = total.add(part);
            if (part.compareTo(MAX) > 0 || total.compareTo(MAX) > 0) {
                throw invalid(orig);
            }
            s = s.substring(u);
        }
        if (!neg && total.compareTo(MAX) >= 0) {
            throw invalid(orig);
        }
        return neg ? total.negate().longValue() : total.longValue();
    }

    /** {@code agent.ValidateDuration}: at least 1ms and a whole number of milliseconds. Null when valid. */
    static String validateDuration(long nanos) {
        if (nanos < 1_000_000L) {
            return "duration must be greater than 1ms";
        }
        if (nanos % 1_000_000L != 0) {
            return "only durations to ms precision are supported";
        }
        return null;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + GoText.quote(orig));
    }
}
