package io.meshscope.cli.corpus;

import io.meshscope.cli.CliRun;
import io.meshscope.core.render.TextSafe;
import java.time.Duration;

/**
 * Runs commands on big inputs in a JVM of its own with a small heap ({@link BigInputsTest} starts it with
 * {@code -Xmx256m}): each argument is one command line, words separated by {@code |}. Prints one line per run,
 * {@code RUN exit|escaped stderr|escaped stdout head}, so the test asserts on a clean exit while memory stays bounded.
 */
public final class BigInputRunner {
    /** A hang guard for inputs of tens of MB: a 20 MB flow sequence near the heap's limit takes seconds. */
    static final Duration BIG_GUARD = Duration.ofSeconds(180);

    private BigInputRunner() {
    }

    public static void main(String[] commands) {
        try (GuardedCli cli = new GuardedCli(true, BIG_GUARD)) {
            for (String command : commands) {
                String line;
                try {
                    CliRun r = cli.run(command.split("\\|"));
                    String out = r.out().length() > 2000 ? r.out().substring(0, 2000) : r.out();
                    line = "RUN " + r.exitCode() + "|" + TextSafe.escape(r.err()) + "|" + TextSafe.escape(out);
                } catch (AssertionError e) {
                    line = "RUN -1|" + TextSafe.escape(String.valueOf(e) + " " + e.getCause()) + "|";
                }
                System.out.println(line);
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
