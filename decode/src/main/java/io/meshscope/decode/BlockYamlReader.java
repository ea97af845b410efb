package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the block-style YAML that manifests are written in straight into {@link YNode}s, in one pass over the
 * text: several times cheaper than SnakeYAML's scan, parse and compose steps followed by {@link NodeConverter}
 * (which was half of reading a 50,000-service mesh). It knows a subset: block mappings and sequences (indented or
 * not), plain single-line scalars, quoted single-line scalars without escapes, {@code |}/{@code |-} literals,
 * one-line flow sequences of scalars, {@code []}, {@code {}}, comments and {@code ---} markers. Anything else
 * (anchors, tags, folded or multi-line scalars, escapes, tabs in indentation, CR line ends, duplicate keys, a
 * limit reached, a syntax error) makes it give up on the whole text, and the caller reads that text with SnakeYAML,
 * which also reports every problem. So this reader never reports anything: it returns either exactly the nodes
 * SnakeYAML and NodeConverter would build, positions included, or null. {@code BlockYamlReaderTest} holds it to that
 * on every YAML file of the repository and on generated texts.
 */
final class BlockYamlReader extends BlockYamlLines {
    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();
    /** First characters of the plain scalars SnakeYAML's core schema may resolve to something other than a string. */
    static final String RESOLVED_FIRST_CHARACTERS = "tfTF-+0123456789.n$~N";
    private static final boolean[] RESOLVED_FIRST = characters(RESOLVED_FIRST_CHARACTERS);
    /** What this reader leaves to SnakeYAML inside a flow sequence's plain scalar (the indicators that matter). */
    private static final boolean[] NOT_IN_FLOW_PLAIN = characters("[]{}#:?&*!|>'\"%@`\t");
    private static final boolean[] FLOW_INDICATORS = characters(",[]{}");
    /** SnakeYAML refuses longer implicit keys. */
    private static final int MAX_KEY_LENGTH = 1000;

    private final Positions positions;
    private final ReadLimits limits;
    private int nodes;
    /** Whether a mapping key starts with '$', as every kustomize strategic-merge directive does. */
    private boolean dollarKey;

    /** What {@link #readKeys} read: the documents, and whether a mapping key starts with '$'. */
    record Read(List<YNode> documents, boolean dollarKey) {
    }

    private BlockYamlReader(String text, Positions positions, ReadLimits limits) {
        super(text);
        this.positions = positions;
        this.limits = limits;
    }

    /** The non-empty documents of {@code text} as SnakeYAML would read them, or null when it must read them. */
    static List<YNode> read(String text, Positions positions, ReadLimits limits) {
        Read r = readKeys(text, positions, limits);
        return r == null ? null : r.documents();
    }

    /**
     * As {@link #read}, also telling whether any mapping key starts with '$'. The reader takes no escapes, so a key
     * that starts with '$' once read starts with it in the text: a file without one holds no kustomize directive,
     * which spares its decoder a scan of the whole text ({@link PatchFiles}).
     */
    static Read readKeys(String text, Positions positions, ReadLimits limits) {
        if (text.length() > limits.maxFileBytes()) {
            return null;
        }
        try {
            // each line's characters are checked to be plain as the line is found (BlockYamlLines.nextLine)
            BlockYamlReader reader = new BlockYamlReader(text, positions, limits);
            List<YNode> documents = reader.documents();
            return new Read(documents, reader.dollarKey);
        } catch (BlockYamlLines.Unsupported | IndexOutOfBoundsException e) {
            // past the end: a shape the scanner did not expect, which SnakeYAML decides on
            return null;
        }
    }

    private List<YNode> documents() {
        List<YNode> documents = new ArrayList<>();
        nextLine();
        seekContent();
        while (indent != END) {
            if (indent == MARKER) {
                nextLine();
                seekContent();
                continue;
            }
            nodes = 0;
            YNode document = blockNode(-1, 1);
            if (indent >= 0 || document instanceof YNode.Scalar) {
                throw UNSUPPORTED; // content less indented than the document's, or a bare scalar document
            }
            documents.add(document);
        }
        return documents;
    }

    /** A node starting at {@link #pos}: a mapping, a sequence or a value. */
    private YNode blockNode(int parentIndent, int depth) {
        int column = pos - lineStart;
        char c = chars[pos];
        if (c == '-' && blankOrEnd(pos + 1)) {
            return sequence(column, depth);
        }
        boolean keyed = c == '"' || c == '\'' ? colonAfter(quotedEnd(pos)) : plainStart(pos) && keyColon(pos) >= 0;
        if (keyed) {
            return mapping(column, depth);
        }
        if (c == '|' && pos == lineStart + indent) {
            throw UNSUPPORTED; // a literal starting its own line: rare, and its indentation rules differ
        }
        return value(parentIndent, depth);
    }

    private YNode.Mapping mapping(int column, int depth) {
        enter(depth);
        SourceLocation at = positions.at(line, column);
        YFields.Builder entries = new YFields.Builder();
        while (true) {
            SourceLocation keyAt = positions.at(line, pos - lineStart);
            String key;
            int colon;
            if (chars[pos] == '"' || chars[pos] == '\'') {
                int close = quotedEnd(pos);
                if (!colonAfter(close)) {
                    throw UNSUPPORTED;
                }
                key = quotedText(pos, close);
                colon = skipSpaces(close + 1);
            } else {
                colon = plainStart(pos) ? keyColon(pos) : -1;
                if (colon < 0) {
                    throw UNSUPPORTED;
                }
                key = string(pos, trimEnd(pos, colon));
                if (key.equals("<<")) {
                    throw UNSUPPORTED; // a merge key
                }
            }
            if (colon - pos > MAX_KEY_LENGTH) {
                throw UNSUPPORTED;
            }
            if (!key.isEmpty() && key.charAt(0) == '$') {
                dollarKey = true;
            }
            count();
            int keyLine = line;
            int emptyColumn = colon + 1 - lineStart;
            pos = skipSpaces(colon + 1);
            YNode value;
            if (pos == lineEnd || chars[pos] == '#') {
                nextLine();
                seekContent();
                if (indent > column) {
                    value = blockNode(column, depth + 1);
                } else if (indent == column && sequenceEntry(pos)) {
                    value = sequence(column, depth + 1);
                } else {
                    value = emptyScalar(keyLine, emptyColumn, depth + 1);
                }
            } else {
                value = value(column, depth + 1);
            }
            if (entries.put(key, new YNode.Entry(keyAt, value)) != null) {
                throw UNSUPPORTED; // a duplicate key: SnakeYAML's path reports it
            }
            if (indent < column) {
                return new YNode.Mapping(entries.build(), at);
            }
            if (indent > column || sequenceEntry(pos)) {
                throw UNSUPPORTED;
            }
        }
    }

    private YNode.Seq sequence(int column, int depth) {
        enter(depth);
        SourceLocation at = positions.at(line, column);
        List<YNode> items = new ArrayList<>();
        while (true) {
            int dashLine = line;
            pos = skipSpaces(pos + 1);
            YNode item;
            if (pos == lineEnd || chars[pos] == '#') {
                nextLine();
                seekContent();
                item = indent > column ? blockNode(column, depth + 1) : emptyScalar(dashLine, column + 1, depth + 1);
            } else {
                item = blockNode(column, depth + 1);
            }
            items.add(item);
            if (indent < column || (indent == column && !sequenceEntry(pos))) {
                return new YNode.Seq(Collections.unmodifiableList(items), at);
            }
            if (indent > column) {
                throw UNSUPPORTED;
            }
        }
    }

    /** A scalar or flow collection at {@link #pos}, the rest of its line blank or a comment. */
    private YNode value(int parentIndent, int depth) {
        enter(depth);
        int start = pos;
        SourceLocation at = positions.at(line, start - lineStart);
        YNode value;
        switch (chars[start]) {
            case '"', '\'' -> {
                int close = quotedEnd(start);
                value = new YNode.Scalar(quotedText(start, close), YNode.ScalarType.STRING, YNode.Style.QUOTED, at);
                pos = close + 1;
            }
            case '[' -> value = flowSequence(at, depth);
            case '{' -> {
                pos = skipSpaces(start + 1);
                if (pos == lineEnd || chars[pos] != '}') {
                    throw UNSUPPORTED;
                }
                pos++;
                value = new YNode.Mapping(YFields.EMPTY, at);
            }
            case '|' -> {
                return literal(parentIndent, at);
            }
            default -> {
                if (!plainStart(start)) {
                    throw UNSUPPORTED;
                }
                int end = plainEnd(start);
                value = plain(string(start, end), at);
                pos = end;
            }
        }
        finishLine();
        return value;
    }

    /** A one-line flow sequence of scalars: {@code [80, 443]}, {@code ["a", 'b']}, {@code []}. */
    private YNode.Seq flowSequence(SourceLocation at, int depth) {
        if (depth + 1 > limits.maxDepth()) {
            throw UNSUPPORTED;
        }
        List<YNode> items = new ArrayList<>();
        pos = skipSpaces(pos + 1);
        if (pos < lineEnd && chars[pos] == ']') {
            pos++;
            return new YNode.Seq(List.of(), at);
        }
        while (true) {
            if (pos == lineEnd) {
                throw UNSUPPORTED;
            }
            count();
            int start = pos;
            SourceLocation itemAt = positions.at(line, start - lineStart);
            char c = chars[start];
            if (c == '"' || c == '\'') {
                int close = quotedEnd(start);
                items.add(new YNode.Scalar(quotedText(start, close), YNode.ScalarType.STRING, YNode.Style.QUOTED,
                        itemAt));
                pos = close + 1;
            } else {
                int end = start;
                while (end < lineEnd && chars[end] != ',' && chars[end] != ']') {
                    if (in(NOT_IN_FLOW_PLAIN, chars[end])) {
                        throw UNSUPPORTED;
                    }
                    end++;
                }
                end = trimEnd(start, end);
                // in a flow, a dash starts a plain scalar only before a character that could continue one
                boolean lonelyDash = chars[start] == '-' && (blankOrEnd(start + 1) || in(FLOW_INDICATORS, chars[start + 1]));
                if (end == start || lonelyDash) {
                    throw UNSUPPORTED;
                }
                items.add(plain(string(start, end), itemAt));
                pos = end;
            }
            pos = skipSpaces(pos);
            if (pos == lineEnd) {
                throw UNSUPPORTED;
            }
            if (chars[pos] == ']') {
                pos++;
                return new YNode.Seq(Collections.unmodifiableList(items), at);
            }
            if (chars[pos] != ',') {
                throw UNSUPPORTED;
            }
            pos = skipSpaces(pos + 1);
            if (pos < lineEnd && chars[pos] == ']') {
                throw UNSUPPORTED; // a trailing comma
            }
        }
    }

    /**
     * A {@code |} or {@code |-} literal: its lines, less their indentation (the first line's), to the first
     * less-indented line. Clip keeps one final line feed, strip none. Leading blank lines, whitespace-only lines
     * deeper than the indentation and a last line without a line feed are left to SnakeYAML.
     */
    private YNode.Scalar literal(int parentIndent, SourceLocation at) {
        pos++;
        boolean strip = pos < lineEnd && chars[pos] == '-';
        if (strip) {
            pos++;
        }
        if (pos < lineEnd && chars[pos] != ' ') {
            throw UNSUPPORTED; // keep (+) or an explicit indentation
        }
        endLine();
        int blockIndent = leadingSpaces();
        if (lineStart >= length || blockIndent == lineEnd - lineStart || blockIndent <= Math.max(parentIndent, 0)) {
            throw UNSUPPORTED; // empty, or starting with a blank line
        }
        StringBuilder value = new StringBuilder();
        int blankLines = 0;
        boolean first = true;
        boolean lastHadLineFeed = true;
        while (lineStart < length) {
            int spaces = leadingSpaces();
            if (spaces == lineEnd - lineStart) {
                if (spaces > blockIndent) {
                    throw UNSUPPORTED;
                }
                blankLines++;
            } else if (spaces >= blockIndent) {
                if (!first) {
                    value.append('\n');
                }
                for (int i = 0; i < blankLines; i++) {
                    value.append('\n');
                }
                value.append(text, lineStart + blockIndent, lineEnd);
                first = false;
                blankLines = 0;
                lastHadLineFeed = lineEnd < length;
            } else if (chars[lineStart + spaces] == '\t') {
                throw UNSUPPORTED;
            } else {
                break;
            }
            nextLine();
        }
        if (!lastHadLineFeed) {
            throw UNSUPPORTED;
        }
        if (!strip) {
            value.append('\n');
        }
        seekContent();
        return new YNode.Scalar(value.toString(), YNode.ScalarType.STRING, YNode.Style.LITERAL, at);
    }

    private YNode.Scalar plain(String value, SourceLocation at) {
        return new YNode.Scalar(value, plainType(value), YNode.Style.PLAIN, at);
    }

    /**
     * What SnakeYAML's core schema resolves a non-empty plain scalar to. Its resolvers are chosen by the first
     * character ({@code tfTF} booleans, {@code -+0-9.} numbers, {@code n} null, {@code $} environment references)
     * plus a null pattern tried on every scalar ({@code ~}, {@code Null}, {@code NULL}), so a scalar starting with
     * any other character (names, labels, hosts: most of them) is a string without a regular expression, and digits
     * alone are an integer. {@code BlockYamlReaderTest} checks the characters against the library's resolvers.
     */
    static YNode.ScalarType plainType(String value) {
        char first = value.charAt(0);
        if (!in(RESOLVED_FIRST, first)) {
            return YNode.ScalarType.STRING;
        }
        if (first >= '0' && first <= '9' && allDigits(value)) {
            return YNode.ScalarType.INT;
        }
        if (value.indexOf('.') != value.lastIndexOf('.')) {
            return YNode.ScalarType.STRING; // two dots (an address, a version): no number or word of the schema has them
        }
        if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) {
            // only the boolean and null words start with a letter (numbers start with -+.0-9, references with $):
            // names starting with t, f or n need no regular expression
            return switch (value) {
                case "true", "True", "TRUE", "false", "False", "FALSE" -> YNode.ScalarType.BOOL;
                case "null", "Null", "NULL" -> YNode.ScalarType.NULL;
                default -> YNode.ScalarType.STRING;
            };
        }
        return NodeConverter.type(RESOLVER.resolve(value, true));
    }

    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The empty value of {@code key:} or {@code -} with nothing after it, placed just after the indicator. */
    private YNode.Scalar emptyScalar(int atLine, int atColumn, int depth) {
        enter(depth);
        return new YNode.Scalar("", YNode.ScalarType.NULL, YNode.Style.PLAIN, positions.at(atLine, atColumn));
    }

    /** A collection or scalar at {@code depth}: NodeConverter's depth limit, and the node limit. */
    private void enter(int depth) {
        if (depth > limits.maxDepth()) {
            throw UNSUPPORTED;
        }
        count();
    }

    /** SnakeYAML's node limit, counted at least as often as its composer counts. */
    private void count() {
        if (++nodes > limits.maxNodes()) {
            throw UNSUPPORTED;
        }
    }
}
