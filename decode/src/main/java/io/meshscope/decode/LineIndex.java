package io.meshscope.decode;

import java.util.Arrays;

/**
 * Line starts of a text, counted as SnakeYAML counts them ({@code \n}, {@code \r\n}, lone {@code \r}), so
 * that parsing can restart at a {@code ---} line after a syntax error and a code point offset can be located.
 */
final class LineIndex {
    private final String text;
    private final int[] starts;

    LineIndex(String text) {
        this.text = text;
        int[] s = new int[16];
        int n = 0;
        s[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        this.starts = Arrays.copyOf(s, n);
    }

    /** The char offset at which 0-based {@code line} starts. */
    int offsetOf(int line) {
        return starts[line];
    }

    /** The 0-based line containing char offset {@code offset}. */
    int lineOf(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** The first 0-based line at or after {@code fromLine} that starts a YAML document ({@code ---}), or -1. */
    int nextDocumentStart(int fromLine) {
        for (int line = Math.max(0, fromLine); line < starts.length; line++) {
            int at = starts[line];
            if (text.startsWith("---", at)) {
                int after = at + 3;
                if (after >= text.length() || Character.isWhitespace(text.charAt(after))) {
                    return line;
                }
            }
        }
        return -1;
    }

    /** The number of leading spaces of the first non-blank line at or after 0-based {@code fromLine}, or 0. */
    int indentOfFirstContentLine(int fromLine) {
        for (int line = Math.max(0, fromLine); line < starts.length; line++) {
            int end = line + 1 < starts.length ? starts[line + 1] : text.length();
            int i = starts[line];
            while (i < end && text.charAt(i) == ' ') {
                i++;
            }
            if (i < end && !Character.isWhitespace(text.charAt(i))) {
                return i - starts[line];
            }
        }
        return 0;
    }
}
