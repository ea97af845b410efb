package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages about a rendered stream ({@code kustomize build} output) name the line in the stream, which the user
 * never saw as a file; the index of the document in the stream says which object of the kustomization it is
 * ({@code kubectl kustomize DIR} prints the same stream to look at).
 */
final class RenderedStream {
    private RenderedStream() {
    }

    /** {@code diags} with {@code (document N of the rendered output)} added to each located message. */
    static List<Diagnostic> annotate(List<Diagnostic> diags, String text) {
        LineIndex lines = new LineIndex(text);
        List<Diagnostic> out = new ArrayList<>(diags.size());
        for (Diagnostic d : diags) {
            if (!d.location().isKnown()) {
                out.add(d);
                continue;
            }
            int index = documentIndex(lines, d.location().line() - 1);
            out.add(new Diagnostic(d.severity(), d.resource(), d.location(), d.field(), d.rule(),
                    d.message() + " (document " + index + " of the rendered output)"));
        }
        return out;
    }

    /** The 1-based index of the document holding 0-based {@code line}: one more than the separators above it. */
    static int documentIndex(LineIndex lines, int line) {
        int index = 1;
        // A "---" on the first line opens the first document rather than separating two.
        for (int at = lines.nextDocumentStart(1); at >= 0 && at <= line; at = lines.nextDocumentStart(at + 1)) {
            index++;
        }
        return index;
    }
}
