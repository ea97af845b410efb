package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.nio.file.Path;

/**
 * One input's name (as messages show it) and bytes; {@code bytes} is null when the input was too large to read.
 * {@code path} is the file it came from (null for standard input and in-memory text), {@code hints} what its place
 * in the tree says about it (a kustomize patch, a file in a kustomize tree), and {@code rendered} marks the output
 * of a renderer (say {@code kustomize build}), whose messages also name the document of the stream.
 */
record Source(String name, byte[] bytes, Path path, SourceHints hints, boolean rendered) {

    Source(String name, byte[] bytes) {
        this(name, bytes, null, SourceHints.NONE, false);
    }

    static Source tooLarge(String name) {
        return new Source(name, null);
    }

    Source withHints(SourceHints newHints) {
        return new Source(name, bytes, path, newHints, rendered);
    }

    /** The input as text, or null after reporting why it cannot be read as text. */
    String text(ReadLimits limits, Diagnostics diags) {
        if (bytes == null) {
            // At the file's first line: the file was not read, but JSON, SARIF and editors need a real place.
            diags.error(null, new SourceLocation(name, 1, 1), "", Diagnostics.LIMIT,
                    "file is larger than the limit of " + limits.maxFileBytes() + " bytes; not read ("
                    + howToRaise(limits.maxFileBytes()) + ")");
            return null;
        }
        return SourceText.decode(name, bytes, limits, diags);
    }

    /** How to raise the file size limit, suggesting twice the current one (docs/inputs.md "Input limits"). */
    static String howToRaise(int maxFileBytes) {
        long suggested = Math.min(2L * maxFileBytes, Integer.MAX_VALUE - 8L);
        return "raise the limit with the JVM system property meshscope.maxFileBytes, e.g. MESHSCOPE_JAVA_OPTS=\""
                + "-Dmeshscope.maxFileBytes=" + suggested + "\"";
    }
}
