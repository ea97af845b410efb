package io.meshscope.decode;

/**
 * The API server's name grammars as character loops: the same answers as the regular expressions the messages quote
 * ({@code NameSyntaxTest} holds them equal on generated strings), without a {@code Matcher} per check. Every object
 * name, namespace, label key and value of a 50,000-service mesh goes through these; as regular expressions they
 * allocated a tenth of what reading it allocates.
 */
final class NameSyntax {
    private NameSyntax() {
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}. */
    static boolean isDns1123Label(String s) {
        return isDns1123Label(s, 0, s.length());
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*}. */
    static boolean isDns1123Subdomain(String s) {
        int start = 0;
        while (true) {
            int dot = s.indexOf('.', start);
            int end = dot < 0 ? s.length() : dot;
            if (!isDns1123Label(s, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    /** {@code [a-z]([-a-z0-9]*[a-z0-9])?}. */
    static boolean isDns1035Label(String s) {
        return !s.isEmpty() && isLower(s.charAt(0)) && isDns1123Label(s);
    }

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}: a qualified name's name part. */
    static boolean isQualifiedNamePart(String s) {
        int n = s.length();
        if (n == 0 || !isAlphanumeric(s.charAt(0)) || !isAlphanumeric(s.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (!isAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code (([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?}. */
    static boolean isLabelValue(String s) {
        return s.isEmpty() || isQualifiedNamePart(s);
    }

    /** {@code [-a-z0-9]+}. */
    static boolean isPortNameCharset(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isLower(c) && !isDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code .*[a-z].*}. */
    static boolean hasLowercaseLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isLower(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code [-._a-zA-Z0-9]+}: a ConfigMap key. */
    static boolean isConfigKey(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** The length in UTF-8 bytes, which the API server's limits count; no copy for ASCII text. */
    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    private static boolean isDns1123Label(String s, int start, int end) {
        if (start >= end || !isLowerAlphanumeric(s.charAt(start)) || !isLowerAlphanumeric(s.charAt(end - 1))) {
            return false;
        }
        for (int i = start + 1; i < end - 1; i++) {
            char c = s.charAt(i);
            if (!isLowerAlphanumeric(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return isLower(c) || isDigit(c);
    }

    private static boolean isAlphanumeric(char c) {
        return isLower(c) || isDigit(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
