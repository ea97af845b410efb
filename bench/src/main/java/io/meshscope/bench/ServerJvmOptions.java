package io.meshscope.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options {@code ./meshscope serve} runs with ({@code jvm/serve.options}, the one place the launcher reads
 * them from), so a benchmark that hosts the server can check it runs exactly as shipped: start it with
 * {@code java @jvm/serve.options -jar bench/target/meshscope-bench.jar ...} and print {@link #describe}.
 */
final class ServerJvmOptions {
    /** Relative to the repository root, where benchmarks are run from. */
    static final Path FILE = Path.of("jvm", "serve.options");

    private ServerJvmOptions() {
    }

    /** The options in {@code file}: one per line, {@code #} lines and blank lines left out. */
    static List<String> read(Path file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run from the repository root)", e);
        }
    }

    /** The shipped server options this JVM was not started with (empty: it runs as {@code ./meshscope serve}). */
    static List<String> missing(Path file) {
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return read(file).stream().filter(o -> !running.contains(o)).toList();
    }

    /** One line for a benchmark's header: as shipped, or which shipped options are missing. */
    static String describe(Path file) {
        List<String> missing = missing(file);
        return missing.isEmpty() ? "server JVM as shipped (" + file + "): " + String.join(" ", read(file))
                : "NOT the shipped server JVM: missing " + String.join(" ", missing) + " (start with java @" + file + ")";
    }
}
