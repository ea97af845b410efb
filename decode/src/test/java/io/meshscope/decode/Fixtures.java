package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Test helpers: write real files, read them with the public API, pick diagnostics. */
final class Fixtures {
    private Fixtures() {
    }

    static String write(Path dir, String name, String content) throws IOException {
        return writeBytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static String writeBytes(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file.toString();
    }

    static MeshInput read(String... paths) throws InputException {
        return new ManifestReader().read(List.of(paths), InputStream.nullInputStream(), Optional.empty());
    }

    static List<Diagnostic> withSeverity(MeshInput input, Severity severity) {
        return input.problems().stream().filter(d -> d.severity() == severity).toList();
    }

    static List<Diagnostic> errors(MeshInput input) {
        return withSeverity(input, Severity.ERROR);
    }

    static List<Diagnostic> warnings(MeshInput input) {
        return withSeverity(input, Severity.WARNING);
    }

    static List<String> namespaceNames(MeshInput input) {
        return input.namespaces().stream().map(n -> n.meta().name()).toList();
    }
}
