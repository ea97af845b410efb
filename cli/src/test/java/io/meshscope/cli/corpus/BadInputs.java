package io.meshscope.cli.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad-input corpus of issue 13 ({@code testdata/bad-input}, written by {@code scripts/gen-bad-input-corpus.sh}):
 * its inputs with their expectations, and the rejections still pending on other work.
 */
public final class BadInputs {
    /** What validate must do with an input. */
    public enum Expect { VALID, REJECT, ANY }

    /** One input: its path under {@code inputs/}, expectation, issue 13 finding ("-" for none) and description. */
    public record Input(String path, Expect expect, String finding, String what) {
        @Override
        public String toString() {
            return path;
        }
    }

    private BadInputs() {
    }

    /** The corpus folder: {@code -Dmeshscope.badInputCorpus}, else {@code testdata/bad-input} of the repository. */
    public static Path root() {
        String configured = System.getProperty("meshscope.badInputCorpus");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata").resolve("bad-input");
            if (Files.isRegularFile(candidate.resolve("index.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no testdata/bad-input/index.tsv above " + Path.of("").toAbsolutePath());
    }

    public static Path inputs() {
        return root().resolve("inputs");
    }

    /** Every input of {@code index.tsv}, in its (sorted) order. */
    public static List<Input> all() {
        List<Input> out = new ArrayList<>();
        for (String line : lines(root().resolve("index.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 4);
            out.add(new Input(f[0], Expect.valueOf(f[1].toUpperCase()), f[2], f[3]));
        }
        return out;
    }

    /**
     * {@code pending-rejects.txt}: inputs Istio or the API server rejects that meshscope does not reject yet,
     * because the fix is another change's (strict decoding, more of Istio's validation); each must still not crash.
     * Keyed by path, the value is the rest of the line (the finding and the reason).
     */
    public static Map<String, String> pendingRejects() {
        Map<String, String> out = new LinkedHashMap<>();
        Path file = root().resolve("pending-rejects.txt");
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : lines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            out.put(space < 0 ? trimmed : trimmed.substring(0, space), space < 0 ? "" : trimmed.substring(space + 1));
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
