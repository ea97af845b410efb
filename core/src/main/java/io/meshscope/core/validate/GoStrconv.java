package io.meshscope.core.validate;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Go's {@code strconv.Atoi} on a 64-bit platform, with its exact error text
 * ({@code strconv.Atoi: parsing "abc": invalid syntax}, {@code ...: value out of range}). Istio uses it for the
 * defaultEndpoint port and, through {@code ValidateDNS1123Labels}, to decide whether a TLD is "all-numeric".
 */
final class GoStrconv {
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    private GoStrconv() {
    }

    /** The outcome of {@code strconv.Atoi}: {@code error} is null on success. */
    record Atoi(long value, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Parses like {@code strconv.Atoi}: optional sign, decimal digits only, no underscores, int64 range. */
    static Atoi atoi(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0 && b.length < 19) {
            return fastPath(s, b);
        }
        return slowPath(s, b);
    }

    /** Go's fast path for short strings: every non-digit after the sign is a syntax error. */
    private static Atoi fastPath(String s, byte[] b) {
        int i = 0;
        if (b[0] == '-' || b[0] == '+') {
            i = 1;
            if (b.length == 1) {
                return syntax(s);
            }
        }
        long n = 0;
        for (; i < b.length; i++) {
            int d = (b[i] & 0xFF) - '0';
            if (d < 0 || d > 9) {
                return syntax(s);
            }
            n = n * 10 + d;
        }
        return new Atoi(b[0] == '-' ? -n : n, null);
    }

    /** {@code ParseInt(s, 10, 0)}: overflow is reported as soon as it happens, before later bad characters. */
    private static Atoi slowPath(String s, byte[] b) {
        if (b.length == 0) {
            return syntax(s);
        }
        int i = 0;
        boolean neg = false;
        if (b[0] == '+' || b[0] == '-') {
            neg = b[0] == '-';
            i = 1;
        }
        if (i == b.length) {
            return syntax(s);
        }
        BigInteger n = BigInteger.ZERO;
        for (; i < b.length; i++) {
            int d = (b[i] & 0xFF) - '0';
            if (d < 0 || d > 9) {
                return syntax(s);
            }
            n = n.multiply(BigInteger.TEN).add(BigInteger.valueOf(d));
            if (n.compareTo(MAX_UINT64) > 0) {
                return range(s);
            }
        }
        if ((!neg && n.compareTo(TWO_63) >= 0) || (neg && n.compareTo(TWO_63) > 0)) {
            return range(s);
        }
        return new Atoi(neg ? n.negate().longValue() : n.longValue(), null);
    }

    private static Atoi syntax(String s) {
        return new Atoi(0, "strconv.Atoi: parsing " + GoText.quote(s) + ": invalid syntax");
    }

    private static Atoi range(String s) {
        return new Atoi(0, "strconv.Atoi: parsing " + GoText.quote(s) + ": value out of range");
    }
}
