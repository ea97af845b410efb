package io.meshscope.decode;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Number parsing for the integer forms YAML 1.2's core schema resolves (and decimal strings, as protojson accepts). */
final class Scalars {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");

    private Scalars() {
    }

    /** The integer value of {@code text}, or null when it is not an integer. */
    static BigInteger integer(String text, boolean yamlForms) {
        String t = text.trim();
        if (shortDigits(t)) {
            return BigInteger.valueOf(Long.parseLong(t)); // ports and counts: no regular expression
        }
        if (DECIMAL.matcher(t).matches()) {
            return new BigInteger(t.startsWith("+") ? t.substring(1) : t);
        }
        if (yamlForms && OCTAL.matcher(t).matches()) {
            return new BigInteger(t.substring(2), 8);
        }
        if (yamlForms && HEX.matcher(t).matches()) {
            return new BigInteger(t.substring(2), 16);
        }
        return null;
    }

    /** One to 18 ASCII digits, which a long holds. */
    private static boolean shortDigits(String t) {
        int n = t.length();
        if (n == 0 || n > 18) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
