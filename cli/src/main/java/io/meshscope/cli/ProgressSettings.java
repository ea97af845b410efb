package io.meshscope.cli;

import io.meshscope.core.progress.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether a command shows progress on standard error, and after how long: only when standard error is a terminal
 * (never when piped or redirected to a file), unless {@code MESHSCOPE_PROGRESS} says {@code always} (for a
 * terminal the check cannot see, and for tests) or {@code never}; {@code --quiet} turns it off either way.
 */
record ProgressSettings(boolean terminal, Duration delay, int width, Supplier<ProgressListener> sink) {
    /** No progress (in-process tests, pipes). */
    static final ProgressSettings OFF = new ProgressSettings(false, TerminalProgress.DEFAULT_DELAY, 100);

    /** Progress on standard error as the settings say (the CLI's own). */
    ProgressSettings(boolean terminal, Duration delay, int width) {
        this(terminal, delay, width, null);
    }

    /** Progress to a listener from {@code sink}, one per command, instead of a terminal (the web view's). */
    static ProgressSettings reportingTo(Supplier<ProgressListener> sink) {
        return new ProgressSettings(false, TerminalProgress.DEFAULT_DELAY, 100, sink);
    }

    /** For this process, from its standard error and environment. */
    static ProgressSettings forProcess(Map<String, String> env) {
        String mode = env.getOrDefault("MESHSCOPE_PROGRESS", "auto");
        boolean show = switch (mode) {
            case "always" -> true;
            case "never" -> false;
            default -> stderrIsTerminal() && Terminal.allows(env);
        };
        return new ProgressSettings(show, TerminalProgress.DEFAULT_DELAY, width(env));
    }

    /** The listener a command reports to: the sink's, else the terminal's, where {@code --quiet} shows nothing. */
    ProgressListener listener(PrintWriter err, boolean quiet) {
        if (sink != null) {
            return sink.get();
        }
        return TerminalProgress.of(err, terminal && !quiet, delay, width);
    }

    /**
     * Whether file descriptor 2 is a terminal. Java cannot ask isatty(2); on Linux its link names the terminal
     * device. Elsewhere the console check (standard input and output are terminals) stands in.
     */
    private static boolean stderrIsTerminal() {
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            // fall through to the console check
        }
        return System.console() != null;
    }

    private static int width(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "100").trim());
            return Math.max(40, Math.min(columns - 1, 160));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
