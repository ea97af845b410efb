package io.meshscope.cli;

import io.meshscope.core.render.TextSafe;
import java.io.PrintWriter;

/**
 * A command's output stream that escapes control and bidi characters ({@link TextSafe}) in everything written
 * through it, keeping only the line feeds that end lines: the net under the renderers, so that user text no
 * renderer escaped still cannot clear a screen, forge colour or reorder a CI log. Newlines inside one value are
 * the renderers' job ({@link TextSafe#escape}), since here they cannot be told from line ends. JSON passes
 * unchanged in meaning: its writer already escapes C0, and the other escapes are JSON's own {@code \}{@code u}.
 */
final class SafeTextWriter extends PrintWriter {
    SafeTextWriter(PrintWriter delegate) {
        super(delegate, true);
    }

    /** {@code w} wrapped, unless it already is. */
    static PrintWriter wrap(PrintWriter w) {
        return w instanceof SafeTextWriter ? w : new SafeTextWriter(w);
    }

    @Override
    public void write(int c) {
        if (TextSafe.unsafe((char) c) && c != '\n') {
            super.write(TextSafe.escape(String.valueOf((char) c)));
        } else {
            super.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        write(new String(buf, off, len), 0, len);
    }

    @Override
    public void write(String s, int off, int len) {
        String part = s.substring(off, off + len);
        if (part.equals(System.lineSeparator())) {
            super.write(part, 0, part.length());
            return;
        }
        String safe = TextSafe.escapeKeepingLines(part);
        super.write(safe, 0, safe.length());
    }
}
