package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Shared plumbing of the evidence readers: reading a file as text, and turning located errors into one failure. */
final class EvidenceInput {
    private EvidenceInput() {
    }

    /** The file's text, or an {@link InputException} naming why it cannot be read as UTF-8 text. */
    static String read(Path file, String name) throws InputException {
        ReadLimits limits = ReadLimits.defaults();
        Diagnostics diags = new Diagnostics();
        String text = SourceFiles.read(file, name, limits).text(limits, diags);
        failOnErrors(diags);
        return text;
    }

    /** Throws every error collected, one located message per line. */
    static void failOnErrors(Diagnostics diags) throws InputException {
        List<Diagnostic> errors = diags.all().stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new InputException(errors.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
        }
    }

    /** The first YAML/JSON document of {@code text}, or an {@link InputException} with its syntax errors. */
    static YNode document(String name, String text, String what) throws InputException {
        Diagnostics diags = new Diagnostics();
        List<YNode> docs = YamlDocuments.parse(text, Positions.ofFile(name), ReadLimits.defaults(), diags);
        failOnErrors(diags);
        if (docs.isEmpty()) {
            throw new InputException(name + ": empty; expected " + what);
        }
        return docs.get(0);
    }
}
