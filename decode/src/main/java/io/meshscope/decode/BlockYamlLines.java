package io.meshscope.decode;

import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The lines and tokens under {@link BlockYamlReader}: where the current line starts and ends, its indentation, the
 * reading position in it, and the scanning of keys, plain and quoted scalars, comments and {@code ---} markers.
 * Anything outside the block subset throws {@link #UNSUPPORTED}; the reader then leaves the text to SnakeYAML.
 */
abstract class BlockYamlLines {
    /** Thrown to give up; preallocated, without a stack trace, since giving up is routine. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super("outside the block subset", null, false, false);
        }
    }

    static final Unsupported UNSUPPORTED = new Unsupported();
    /** Characters that cannot start a plain scalar (YAML's indicators, and tabs, which are left to SnakeYAML). */
    static final boolean[] NOT_PLAIN_START = characters(",[]{}#&*!|>'\"%@`\t");
    /** {@link #indent} at the end of the text. */
    static final int END = -1;
    /** {@link #indent} on a {@code ---} line. */
    static final int MARKER = -2;
    /** Slots of the string cache for a large text, and the longest string it holds. */
    private static final int MAX_SHARED_STRINGS = 4096;
    private static final int MAX_SHARED_LENGTH = 64;

    final String text;
    /** The text's chars: indexing an array is several times cheaper than {@code charAt} under the CLI's C1-only JIT. */
    final char[] chars;
    final int length;
    /** Recently read strings by content hash ({@link #string}); a power of two in size. */
    private final String[] strings;
    /** The current line: its 0-based number, where it starts, and where its line feed (or the text) ends it. */
    int line;
    int lineStart;
    int lineEnd;
    /** Leading spaces of the current content line, or {@link #END} / {@link #MARKER}. */
    int indent;
    /** The reading position within the current line. */
    int pos;

    BlockYamlLines(String text) {
        this.text = text;
        this.chars = text.toCharArray();
        this.length = chars.length;
        this.strings = new String[Integer.highestOneBit(Math.max(64, Math.min(MAX_SHARED_STRINGS, length / 8)))];
        this.lineEnd = -1;
        this.line = -1;
    }

    // --- lines

    void nextLine() {
        line++;
        lineStart = lineEnd + 1;
        if (lineStart >= length) {
            lineEnd = length;
            return;
        }
        int feed = lineStart;
        // every char of a text the reader accepts passes here once, so this is where it is checked to be plain
        // (a separate pass over the text cost more, run interpreted while the JIT is busy at start)
        while (feed < length) {
            char c = chars[feed];
            if (c == '\n') {
                break;
            }
            if ((c < 0x20 || c >= 0x7F) && !plainCharacter(c)) {
                throw UNSUPPORTED;
            }
            feed++;
        }
        lineEnd = feed;
    }

    /**
     * Whether SnakeYAML reads {@code c} as this reader does: a printable character, and not one that makes it read
     * differently from a line-feed-separated text counted in chars (CR and the other line breaks of YAML 1.1, a byte
     * order mark, halves of characters outside the BMP, which SnakeYAML counts as one column and Java as two). A
     * text with any other character goes to SnakeYAML's path, which reports it.
     */
    private static boolean plainCharacter(char c) {
        if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t') {
            return true;
        }
        return c >= 0xA0 && c != 0x2028 && c != 0x2029 && c != 0xFEFF && !Character.isSurrogate(c)
                && StreamReader.isPrintable(c);
    }

    /** From the current line on, stops at the first line with content, a {@code ---} line or the end. */
    void seekContent() {
        while (lineStart < length) {
            int first = lineStart + leadingSpaces();
            if (first == lineEnd || chars[first] == '#') {
                nextLine();
                continue;
            }
            char c = chars[first];
            if (c == '\t') {
                throw UNSUPPORTED;
            }
            if (first == lineStart && (c == '%' || text.startsWith("...", first))) {
                throw UNSUPPORTED; // a directive or a document end marker
            }
            if (first == lineStart && text.startsWith("---", first) && blankOrEnd(first + 3)) {
                if (!blankOrComment(first + 3)) {
                    throw UNSUPPORTED; // content after the marker
                }
                indent = MARKER; // the caller moves past this line
                return;
            }
            indent = first - lineStart;
            pos = first;
            return;
        }
        indent = END;
    }

    /** The rest of the line must be blank or a comment; moves to the next content line. */
    void finishLine() {
        endLine();
        seekContent();
    }

    /** The rest of the line must be blank or a comment; moves to the next line. */
    void endLine() {
        if (!blankOrComment(pos)) {
            throw UNSUPPORTED;
        }
        nextLine();
    }

    /** From {@code p} the line holds only spaces, then possibly a comment (a {@code #} after a space). */
    boolean blankOrComment(int p) {
        int q = skipSpaces(p);
        return q == lineEnd || (chars[q] == '#' && q > p);
    }

    int leadingSpaces() {
        int i = lineStart;
        while (i < lineEnd && chars[i] == ' ') {
            i++;
        }
        return i - lineStart;
    }

    // --- tokens

    boolean sequenceEntry(int p) {
        return chars[p] == '-' && blankOrEnd(p + 1);
    }

    boolean blankOrEnd(int p) {
        return p >= lineEnd || chars[p] == ' ';
    }

    /** A plain scalar may start here: not an indicator, or {@code -?:} followed by a non-space. */
    boolean plainStart(int p) {
        char c = chars[p];
        if (c == '-' || c == '?' || c == ':') {
            return !blankOrEnd(p + 1) && chars[p + 1] != '\t';
        }
        return !in(NOT_PLAIN_START, c);
    }

    /** The {@code :} that ends a plain key starting at {@code p}, or -1 when the line holds no key there. */
    int keyColon(int p) {
        for (int i = p; i < lineEnd; i++) {
            char c = chars[i];
            if (c == ':' && blankOrEnd(i + 1)) {
                return i;
            } else if (c == '#' && chars[i - 1] == ' ') {
                return -1;
            } else if (c == '\t') {
                throw UNSUPPORTED;
            }
        }
        return -1;
    }

    /** Where a plain value starting at {@code p} ends (trailing spaces and a comment excluded). */
    int plainEnd(int p) {
        int end = lineEnd;
        for (int i = p; i < lineEnd; i++) {
            char c = chars[i];
            if (c == ':' && blankOrEnd(i + 1) || c == '\t') {
                throw UNSUPPORTED; // a mapping inside a value: a syntax error
            } else if (c == '#' && chars[i - 1] == ' ') {
                end = i;
                break;
            }
        }
        return trimEnd(p, end);
    }

    /** The closing quote of the one-line quoted scalar opening at {@code p}. */
    int quotedEnd(int p) {
        char quote = chars[p];
        for (int i = p + 1; i < lineEnd; i++) {
            char c = chars[i];
            if (c == quote) {
                if (quote == '\'' && i + 1 < lineEnd && chars[i + 1] == '\'') {
                    i++; // '' stands for one quote
                    continue;
                }
                return i;
            }
            if (c == '\\' && quote == '"') {
                throw UNSUPPORTED;
            }
        }
        throw UNSUPPORTED; // spans lines
    }

    String quotedText(int open, int close) {
        String inside = string(open + 1, close);
        return chars[open] == '\'' ? inside.replace("''", "'") : inside;
    }

    /**
     * The text between {@code start} and {@code end}, in one copy per repeat where the cache finds one. A manifest
     * repeats its keys in every document and its namespace, label keys and values, port names and protocols in
     * every object; the model keeps many of those, and each copy it keeps is an object the collector copies (the
     * collector was a third of reading 50,000 services). A direct-mapped cache (one slot per hash; a collision
     * replaces) finds most repeats with no allocation and bounded memory.
     */
    String string(int start, int end) {
        int n = end - start;
        if (n > MAX_SHARED_LENGTH) {
            return text.substring(start, end);
        }
        int hash = n;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (strings.length - 1);
        String known = strings[slot];
        if (known != null && known.length() == n && text.regionMatches(start, known, 0, n)) {
            return known;
        }
        String copy = text.substring(start, end);
        strings[slot] = copy;
        return copy;
    }

    /** A quoted scalar closing at {@code close} is a key: a {@code :} and then a blank follow it. */
    boolean colonAfter(int close) {
        int p = skipSpaces(close + 1);
        return p < lineEnd && chars[p] == ':' && blankOrEnd(p + 1);
    }

    int skipSpaces(int p) {
        while (p < lineEnd && chars[p] == ' ') {
            p++;
        }
        return p;
    }

    int trimEnd(int start, int end) {
        while (end > start && chars[end - 1] == ' ') {
            end--;
        }
        return end;
    }

    /**
     * A table of ASCII characters: under the CLI's C1-only JIT, {@code String.indexOf} is a call and a loop where
     * a table lookup is one load.
     */
    static boolean[] characters(String members) {
        boolean[] table = new boolean[128];
        for (int i = 0; i < members.length(); i++) {
            table[members.charAt(i)] = true;
        }
        return table;
    }

    static boolean in(boolean[] table, char c) {
        return c < 128 && table[c];
    }
}
