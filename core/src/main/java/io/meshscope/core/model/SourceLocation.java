package io.meshscope.core.model;

/** A place in an input file: 1-based line and column; {@code file} is a path as given, or {@code <stdin>}. */
public record SourceLocation(String file, int line, int column) {
    /** A location for objects that did not come from a file (synthesised or from an API server). */
    public static final SourceLocation UNKNOWN = new SourceLocation("", 0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isKnown() ? file + ":" + line + ":" + column : file;
    }
}
