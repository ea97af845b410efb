package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

/**
 * Maps a 0-based (line, column) in the text SnakeYAML parsed to a 1-based location in the file the text came
 * from. Parsing restarts after a syntax error (shifted lines) and YAML embedded in a ConfigMap value (shifted
 * lines and indentation, or one fixed place when the value's layout cannot be traced back) both need this.
 * A rendered stream ({@code documents} set) names each place {@code NAME#N}, N the index of the document holding
 * it, with the line counted in the whole stream.
 */
record Positions(String file, int firstLine, int columnShift, SourceLocation fixed, RenderedStream documents) {

    static Positions ofFile(String file) {
        return new Positions(file, 1, 0, null, null);
    }

    /** A rendered stream (kustomize output) named {@code name}, whose documents are numbered from 1. */
    static Positions ofRenderedStream(String name, String text) {
        return new Positions(name, 1, 0, null, new RenderedStream(text));
    }

    /** Text embedded in a block literal whose first content line is {@code firstLine}, indented by {@code indent}. */
    static Positions embedded(String file, int firstLine, int indent) {
        return new Positions(file, firstLine, indent, null, null);
    }

    /** Every position maps to one place (e.g. the location of a quoted string holding YAML). */
    static Positions fixedAt(SourceLocation at) {
        return new Positions(at.file(), at.line(), 0, at, null);
    }

    SourceLocation at(int line0, int column0) {
        if (fixed != null) {
            return fixed;
        }
        int line = firstLine + line0;
        String name = documents == null ? file : file + "#" + documents.documentIndex(line - 1);
        return new SourceLocation(name, line, column0 + 1 + columnShift);
    }

    /** The same mapping for a text that starts {@code lines} lines further down. */
    Positions shiftLines(int lines) {
        return fixed != null ? this : new Positions(file, firstLine + lines, columnShift, null, documents);
    }
}
