package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code xds/src/test/resources/golden}. To regenerate them after an intended change run
 * (from the repository root):
 * <pre>
 * ./mvnw -B -o -pl xds install -Dmeshscope.golden.update=true
 * </pre>
 * then review the diff: every change to a golden file is a change to what proxies are sent.
 */
final class GoldenFiles {
    static final String UPDATE_PROPERTY = "meshscope.golden.update";
    /** Relative to the module directory, where Maven runs the tests. */
    static final Path DIR = Path.of("src", "test", "resources", "golden");

    private GoldenFiles() {
    }

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /** Compares {@code actual} with the golden file {@code name}, or rewrites the file when updating. */
    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        String text = actual.endsWith("\n") ? actual : actual + "\n";
        try {
            if (updating()) {
                Files.createDirectories(DIR);
                Files.writeString(file, text, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("golden file %s is missing; run with -D%s=true to create it", file, UPDATE_PROPERTY)
                    .exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as("%s differs; if the change is intended, run with -D%s=true and review the diff",
                    file, UPDATE_PROPERTY).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
