package io.meshscope.decode;

import java.util.Arrays;

/**
 * Messages about a rendered stream ({@code kustomize build} output) name the line in the stream, which the user
 * never saw as a file, and the index of the document in the stream, which says which object of the kustomization
 * it is: {@code kustomize:DIR#3:21:13} ({@code kubectl kustomize DIR} prints the same stream to look at).
 */
final class RenderedStream {
    /** 0-based lines of the "---" separators after the first line, ascending. */
    private final int[] separators;

    RenderedStream(String text) {
        LineIndex lines = new LineIndex(text);
        int[] found = new int[16];
        int n = 0;
        // A "---" on the first line opens the first document rather than separating two.
        for (int at = lines.nextDocumentStart(1); at >= 0; at = lines.nextDocumentStart(at + 1)) {
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = at;
        }
        this.separators = Arrays.copyOf(found, n);
    }

    /** The 1-based index of the document holding 0-based {@code line}: one more than the separators above it. */
    int documentIndex(int line) {
        int i = Arrays.binarySearch(separators, line);
        return 1 + (i >= 0 ? i + 1 : -i - 1);
    }
}
