package io.meshscope.cli.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the conformance corpus: {@code -Dmeshscope.conformance.dir} or {@code MESHSCOPE_CONFORMANCE_DIR} (to run
 * further cases in the same format), else the shared specification folder beside the repository, else the
 * copy bundled in test resources so a lone clone still runs the published cases.
 */
final class ConformanceCorpus {
    private ConformanceCorpus() {
    }

    static Path directory() {
        String configured = System.getProperty("meshscope.conformance.dir", System.getenv("MESHSCOPE_CONFORMANCE_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        Path shared = Paths.get("..", "..", "shared", "conformance").toAbsolutePath().normalize();
        if (Files.isDirectory(shared)) {
            return shared;
        }
        return Paths.get("src", "test", "resources", "conformance");
    }

    static List<ConformanceCase> cases() {
        Path dir = directory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .map(p -> {
                        try {
                            return ConformanceCase.load(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conformance corpus " + dir, e);
        }
    }
}
