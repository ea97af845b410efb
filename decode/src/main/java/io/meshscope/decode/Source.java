package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.nio.file.Path;

/**
 * One input's name (as messages show it) and bytes; {@code bytes} is null when the input was too large to read.
 * {@code path} is the file it came from (null for standard input and in-memory text), {@code hints} what its place
 * in the tree says about it (a kustomize patch, a file in a kustomize tree), and {@code rendered} marks the output
 * of a renderer (say {@code kustomize build}), whose messages also name the document of the stream.
 *
 * <p>A file found in a directory is first an <em>unread</em> source ({@code unreadSize}: its size, else -1): its
 * bytes are read by the thread that decodes it ({@link #read}), so a large tree is never held in memory whole —
 * at 50,000 services that is 96 MB of text that would otherwise outlive young collections and fill the old
 * generation (docs/PERFORMANCE.md "Reading and indexing").
 */
record Source(String name, byte[] bytes, Path path, SourceHints hints, boolean rendered, long unreadSize) {

    Source(String name, byte[] bytes, Path path, SourceHints hints, boolean rendered) {
        this(name, bytes, path, hints, rendered, -1);
    }

    Source(String name, byte[] bytes) {
        this(name, bytes, null, SourceHints.NONE, false);
    }

    static Source tooLarge(String name) {
        return new Source(name, null);
    }

    /** A regular file of {@code size} bytes (within the limit) whose bytes are read when it is decoded. */
    static Source unread(String name, Path file, long size) {
        return new Source(name, null, file, SourceHints.NONE, false, size);
    }

    Source withHints(SourceHints newHints) {
        return new Source(name, bytes, path, newHints, rendered, unreadSize);
    }

    boolean isUnread() {
        return unreadSize >= 0;
    }

    /** The input's size in bytes, read or not (0 when too large to read). */
    long size() {
        return isUnread() ? unreadSize : bytes == null ? 0 : bytes.length;
    }

    /** This source with its bytes in memory: read from its file now if it was unread (hints kept). */
    Source read(ReadLimits limits) throws InputException {
        return isUnread() ? SourceFiles.read(path, name, limits).withHints(hints) : this;
    }

    /** As {@link #read}, for threads that cannot throw: a failure comes as {@link Unreadable}. */
    Source readOrThrowUnchecked(ReadLimits limits) {
        try {
            return read(limits);
        } catch (InputException e) {
            throw new Unreadable(e);
        }
    }

    /** An {@link InputException} carried out of a decoding thread; the reader rethrows its cause. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(InputException cause) {
            super(cause.getMessage(), cause);
        }

        InputException input() {
            return (InputException) getCause();
        }
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
