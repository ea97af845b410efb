package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.util.List;

/**
 * A YAML node as the decoders see it: aliases expanded (within limits), mapping keys unique, and every node
 * carrying the file:line:column it was written at. Built from SnakeYAML's composed nodes by {@link NodeConverter}.
 */
sealed interface YNode permits YNode.Scalar, YNode.Seq, YNode.Mapping {

    SourceLocation at();

    /** A short description for messages: {@code a mapping}, {@code a sequence}, {@code null} or the quoted text. */
    String describe();

    /** What a plain scalar resolved to under the YAML 1.2 core schema (quoted scalars are always STRING). */
    enum ScalarType { NULL, BOOL, INT, FLOAT, STRING }

    /** How a scalar was written; block literals keep line structure, which embedded YAML positions rely on. */
    enum Style { PLAIN, QUOTED, LITERAL, FOLDED }

    /**
     * A scalar with its text as written (after YAML unescaping) and its resolved type; {@code tagged} when an explicit
     * tag ({@code !!int}) fixed the type rather than the text.
     */
    record Scalar(String text, ScalarType type, Style style, SourceLocation at, boolean tagged) implements YNode {
        Scalar(String text, ScalarType type, Style style, SourceLocation at) {
            this(text, type, style, at, false);
        }

        boolean isNull() {
            return type == ScalarType.NULL;
        }

        @Override
        public String describe() {
            return isNull() ? "null" : "\"" + abbreviate(text) + "\"";
        }

        private static String abbreviate(String s) {
            return s.length() <= 80 ? s : s.substring(0, 77) + "...";
        }
    }

    /** A sequence; items keep their order and may be null scalars. */
    record Seq(List<YNode> items, SourceLocation at) implements YNode {
        @Override
        public String describe() {
            return "a sequence";
        }
    }

    /** A mapping with string keys in written order. */
    record Mapping(YFields entries, SourceLocation at) implements YNode {
        YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One mapping entry: where its key was written, and its value. */
    record Entry(SourceLocation keyAt, YNode value) {
    }
}
