package io.meshscope.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM settings {@code ./meshscope serve} runs with, read from the options file the launcher reads
 * ({@code jvm/serve.options}, a java argument file), so that AdsBench measures the server as shipped: when this JVM
 * was not started with exactly those options ({@code java @jvm/serve.options -jar ...} is), the benchmark starts
 * itself again in a child JVM with those options and nothing else (and passes its output through). The file holds
 * JVM options separated by whitespace or newlines; {@code #} starts a comment.
 */
final class ServerJvm {
    /** Internal option marking the child started with the server's options. */
    static final String RELAUNCHED = "server-jvm-relaunched";
    /** Where the launcher reads the server's options (a java argument file), relative to the repository root. */
    static final List<String> CANDIDATES = List.of("jvm/serve.options");

    private final Path file;
    private final List<String> options;
    private final String problem;

    private ServerJvm(Path file, List<String> options, String problem) {
        this.file = file;
        this.options = options;
        this.problem = problem;
    }

    /**
     * The options file given ({@code none}: do not look, measure in this JVM as started), else the first candidate
     * found from the working directory or the jar's repository.
     */
    static ServerJvm locate(String given) {
        if (given.equals("none")) {
            return new ServerJvm(null, List.of(), "server JVM options not read (--server-jvm-options none)");
        }
        java.util.Set<Path> tried = new java.util.LinkedHashSet<>();
        if (!given.isEmpty()) {
            tried.add(Path.of(given));
        } else {
            for (Path root : roots()) {
                CANDIDATES.forEach(c -> tried.add(root.resolve(c)));
            }
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                try {
                    return new ServerJvm(p, parse(Files.readString(p, StandardCharsets.UTF_8)), null);
                } catch (IOException e) {
                    return new ServerJvm(p, List.of(), "cannot read " + p + ": " + e.getMessage());
                }
            }
        }
        return new ServerJvm(null, List.of(), "no server JVM options file found (looked for " + tried
                + "); measured with this JVM's own options");
    }

    /** The working directory and the repository holding this jar ({@code bench/target/x.jar} → its root). */
    private static List<Path> roots() {
        List<Path> out = new ArrayList<>();
        out.add(Path.of("").toAbsolutePath().normalize());
        try {
            Path jar = Path.of(ServerJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path repo = jar.getParent() == null ? null : jar.getParent().getParent();
            if (repo != null && repo.getParent() != null) {
                out.add(repo.getParent().normalize());
            }
        } catch (Exception e) {
            // not from a jar: the working directory only
        }
        return out;
    }

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
            for (String w : l.split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** True when options were found and this JVM does not run with them (and is not already the relaunched one). */
    boolean mustRelaunch(boolean relaunched) {
        return !relaunched && !options.isEmpty()
                && !ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(options);
    }

    /**
     * Runs the benchmark again in a JVM with exactly the server's options (heap sizing included: this JVM's
     * {@code -Xmx} is not carried over), returns its exit code.
     */
    int relaunch(String[] argv, String mainClass, String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.add(command);
        cmd.addAll(List.of(argv));
        cmd.add("--" + RELAUNCHED);
        cmd.add("true");
        System.err.println("AdsBench: starting the server's JVM as ./meshscope serve does (" + file + "): " + options);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    /** For the report's header. */
    String describe() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (problem != null) {
            return problem + ": " + args;
        }
        return "options of ./meshscope serve from " + file + ": " + options + " (this JVM: " + args + ")";
    }
}
