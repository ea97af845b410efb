package io.meshscope.cli;

import io.meshscope.decode.RenderedSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization as {@code kubectl apply -k DIR} does, with the first of {@code kubectl kustomize DIR}
 * (kubectl's built-in kustomize, what {@code apply -k} runs) and {@code kustomize build DIR} found on PATH. The
 * adapter at the edge: it runs a process with a timeout and turns every way that can fail into a usage error
 * (exit 2) that carries the tool's own stderr.
 */
final class KustomizeRunner {
    /** Overrides the PATH searched for the tools (tests point it at a fake; the environment's PATH otherwise). */
    static final String PATH_PROPERTY = "meshscope.kustomize.path";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static final int STDERR_LINES = 20;

    private final String searchPath;
    private final Duration timeout;

    KustomizeRunner() {
        this(System.getProperty(PATH_PROPERTY, System.getenv("PATH")), DEFAULT_TIMEOUT);
    }

    KustomizeRunner(String searchPath, Duration timeout) {
        this.searchPath = searchPath == null ? "" : searchPath;
        this.timeout = timeout;
    }

    /** The command line that renders {@code dir}; a usage error naming both tools when neither is on PATH. */
    List<String> command(String dir, String meshscopeCommand) {
        Path kubectl = find("kubectl");
        if (kubectl != null) {
            return List.of(kubectl.toString(), "kustomize", dir);
        }
        Path kustomize = find("kustomize");
        if (kustomize != null) {
            return List.of(kustomize.toString(), "build", dir);
        }
        throw new CommandFailure(ExitCodes.USAGE, "-k " + dir + ": neither kubectl (for 'kubectl kustomize') nor "
                + "kustomize (for 'kustomize build') was found on PATH; install one, or render the kustomization "
                + "yourself and pipe it in: kustomize build " + dir + " | meshscope " + meshscopeCommand + " -f -");
    }

    /** The rendered stream of the kustomization in {@code dir}, named {@code kustomize:DIR} in messages. */
    RenderedSource render(String dir, String meshscopeCommand) {
        if (!isDirectory(dir)) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot read -k " + dir + ": no such directory");
        }
        List<String> command = command(dir, meshscopeCommand);
        String shown = Path.of(command.get(0)).getFileName() + " " + String.join(" ", command.subList(1, command.size()));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("meshscope-kustomize", ".yaml");
            err = Files.createTempFile("meshscope-kustomize", ".err");
            // Output to files, not pipes: a tool writing more than a pipe holds can never block on us.
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice()))).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new CommandFailure(ExitCodes.USAGE, "-k " + dir + ": '" + shown + "' did not finish within "
                        + timeout.toSeconds() + " s" + stderr(err));
            }
            if (process.exitValue() != 0) {
                throw new CommandFailure(ExitCodes.USAGE, "-k " + dir + ": '" + shown + "' failed (exit "
                        + process.exitValue() + ")" + stderr(err));
            }
            return new RenderedSource("kustomize:" + dir, Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "-k " + dir + ": cannot run '" + shown + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCodes.USAGE, "-k " + dir + ": interrupted while running '" + shown + "'");
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** The first executable file {@code name} in the search path's directories, or null. */
    private Path find(String name) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            try {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            } catch (InvalidPathException e) {
                // an entry no path can be made of holds no tool
            }
        }
        return null;
    }

    /** The tool's stderr for a message: its last lines, after a colon; empty when it printed nothing. */
    private static String stderr(Path err) throws IOException {
        List<String> lines = new String(Files.readAllBytes(err), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size());
        return ":\n  " + String.join("\n  ", tail);
    }

    private static boolean isDirectory(String dir) {
        try {
            return Files.isDirectory(Path.of(dir));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String nullDevice() {
        return File.separatorChar == '\\' ? "NUL" : "/dev/null";
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless; the answer matters more
            }
        }
    }
}
