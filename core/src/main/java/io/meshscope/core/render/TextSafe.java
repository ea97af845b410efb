package io.meshscope.core.render;

/**
 * The one escaping function for user text (names, hosts, labels, file names, quoted values) in text output: a
 * manifest must not be able to forge lines, clear the screen or visually reorder a CI log. Control characters
 * (C0, DEL, C1) and the Unicode bidirectional controls used by "Trojan Source" (CVE-2021-42574) become visible
 * escapes such as {@code \e}, {@code \n} or {@code \u202e}; everything else, including non-ASCII letters, is
 * kept. Escapes other than the C0 short forms are JSON's {@code \}{@code uXXXX}, so escaping text that holds a JSON
 * string leaves its value unchanged.
 */
public final class TextSafe {
    private TextSafe() {
    }

    /** {@code value} with every unsafe character escaped, newlines included: one line, always. */
    public static String escape(String value) {
        return value == null ? null : escape(value, false);
    }

    /**
     * {@code text} (a whole rendered output, made of lines) with every unsafe character escaped except the line
     * feeds that end its lines: the last line of defence on an output stream, for text no renderer escaped.
     */
    public static String escapeKeepingLines(String text) {
        return text == null ? null : escape(text, true);
    }

    /** Whether {@code ch} is a character this class escapes. */
    public static boolean unsafe(char ch) {
        return ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)
                || (ch >= '\u202a' && ch <= '\u202e') || (ch >= '\u2066' && ch <= '\u2069')
                || ch == '\u200e' || ch == '\u200f' || ch == '\u061c' // marks that also reorder text
                || ch == '\u2028' || ch == '\u2029'; // line and paragraph separators: line breaks in some viewers
    }

    /**
     * Whether {@code ch} is written as itself; printable ASCII is answered first, before the full test, since a whole
     * output (a large report's JSON is megabytes) passes through here character by character.
     */
    private static boolean kept(char ch, boolean keepLineFeeds) {
        return (ch >= 0x20 && ch < 0x7f) || !unsafe(ch) || (keepLineFeeds && ch == '\n');
    }

    private static String escape(String s, boolean keepLineFeeds) {
        int first = 0;
        while (first < s.length() && kept(s.charAt(first), keepLineFeeds)) {
            first++;
        }
        if (first == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (kept(ch, keepLineFeeds)) {
                sb.append(ch);
                continue;
            }
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x1b -> sb.append("\\e");
                default -> sb.append(String.format("\\u%04x", (int) ch));
            }
        }
        return sb.toString();
    }
}
