package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes one input on its own: refuses a kustomize patch, skips a file that holds no Kubernetes object (one INFO
 * note instead of an error per document), and decodes the objects of every other file. A file defining an object
 * twice keeps the later one, with a warning; objects defined in two files are reconciled when files are merged.
 */
final class SourceDecoder {
    private final ReadLimits limits;
    private final ReadOptions options;

    SourceDecoder(ReadLimits limits, ReadOptions options) {
        this.limits = limits;
        this.options = options;
    }

    DecodeCache.Decoded decode(Source source) {
        Diagnostics diags = new Diagnostics();
        String text = source.text(limits, diags);
        if (text == null) {
            return new DecodeCache.Decoded(List.of(), Map.of(), diags.all(), 0);
        }
        Diagnostics parsed = new Diagnostics();
        Positions positions = source.rendered() ? Positions.ofRenderedStream(source.name(), text)
                : Positions.ofFile(source.name());
        YamlDocuments.Parsed read = YamlDocuments.parseForObjects(text, positions, limits, parsed);
        List<YNode> docs = read.documents();
        Optional<Diagnostic> patch = PatchFiles.detect(source, read.mayHoldDirective(), docs, options.command());
        if (patch.isPresent()) {
            return new DecodeCache.Decoded(List.of(), Map.of(), List.of(patch.get()), docs.size());
        }
        if (holdsNoObject(docs, parsed, text)) {
            Diagnostic note = new Diagnostic(Severity.INFO, null, new SourceLocation(source.name(), 0, 0), "",
                    Diagnostics.NOT_AN_OBJECT, "no document in this file is a Kubernetes object (a mapping with "
                    + "apiVersion and kind); skipped");
            return new DecodeCache.Decoded(List.of(), Map.of(), List.of(note), docs.size());
        }
        diags.addAll(parsed);
        ObjectStore store = new ObjectStore(diags);
        ObjectDecoder decoder = new ObjectDecoder(text, limits, options.strict(), diags, store);
        docs.forEach(decoder::document);
        return new DecodeCache.Decoded(store.objects(), store.skipped(), diags.all(), docs.size());
    }

    /**
     * No document is (or tries to be) an object, and the file is not an empty one. Text that failed to parse counts
     * as a broken manifest only when it writes {@code apiVersion} or {@code kind} as a key; otherwise it is some
     * other kind of file (a tsconfig.json with comments) and its syntax is none of meshscope's business.
     */
    private static boolean holdsNoObject(List<YNode> docs, Diagnostics parsed, String text) {
        boolean parseErrors = parsed.all().stream().anyMatch(d -> d.severity() == Severity.ERROR);
        if (docs.isEmpty() && !parseErrors) {
            return false;
        }
        if (parseErrors && DocumentShape.mentionsObjectKeys(text)) {
            return false;
        }
        return docs.stream().allMatch(d -> DocumentShape.of(d) == DocumentShape.NOT_OBJECT);
    }
}
