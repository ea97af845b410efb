package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

/** One input's name (as messages show it) and bytes; {@code bytes} is null when the input was too large to read. */
record Source(String name, byte[] bytes) {

    static Source tooLarge(String name) {
        return new Source(name, null);
    }

    /** The input as text, or null after reporting why it cannot be read as text. */
    String text(ReadLimits limits, Diagnostics diags) {
        if (bytes == null) {
            diags.error(null, new SourceLocation(name, 0, 0), "", Diagnostics.LIMIT,
                    "file is larger than the limit of " + limits.maxFileBytes() + " bytes; not read");
            return null;
        }
        return SourceText.decode(name, bytes, limits, diags);
    }
}
