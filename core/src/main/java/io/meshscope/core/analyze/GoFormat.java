package io.meshscope.core.analyze;

import java.util.List;

/** Go's {@code fmt} renderings that Istio's message templates use ({@code %q}, {@code %v} of a []string). */
final class GoFormat {
    private GoFormat() {
    }

    /** {@code %q} of a string: double-quoted with Go escapes, so texts match istioctl byte for byte. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /** {@code %v} of a []string: {@code [a b c]}. */
    static String list(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }
}
