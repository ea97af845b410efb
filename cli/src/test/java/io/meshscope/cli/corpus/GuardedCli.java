package io.meshscope.cli.corpus;

import io.meshscope.cli.CliRun;
import io.meshscope.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/**
 * Runs the CLI in-process through {@link Main#commandLine} (the entry point main uses) on a daemon thread, with a
 * hang guard: a run that has not ended after a generous time is a hang, reported as such, never a performance
 * assertion. One command line is built and reused across runs, as picocli allows (it resets every option before
 * each parse): building it costs more than running a command on a small input, and the corpus runs ten thousand.
 * {@link BadInputCorpusTest#aReusedCommandLineAnswersAsAFreshOne} checks that reuse changes no answer.
 */
final class GuardedCli implements AutoCloseable {
    /** Far above any corpus input's cost (milliseconds): only an endless loop or a blocked read reaches it. */
    static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private final boolean reuse;
    private final Duration guard;
    private ExecutorService executor;
    private StringWriter out;
    private StringWriter err;
    private CommandLine commandLine;
    /** CPU time of the runs by command, in nanoseconds: what the corpus costs on a machine of its own. */
    private final java.util.Map<String, Long> cpuNanos = new java.util.TreeMap<>();

    GuardedCli() {
        this(true);
    }

    GuardedCli(boolean reuse) {
        this(reuse, HANG_GUARD);
    }

    /** {@code guard}: longer for inputs of tens of MB, which take seconds on a loaded machine. */
    GuardedCli(boolean reuse, Duration guard) {
        this.reuse = reuse;
        this.guard = guard;
        reset();
    }

    private void reset() {
        if (executor != null) {
            executor.shutdownNow();
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "corpus-cli");
            t.setDaemon(true); // a hung run must not keep the test JVM alive
            return t;
        });
        commandLine = null;
    }

    private CliRun execute(String... args) {
        if (!reuse) {
            return CliRun.run(args);
        }
        if (commandLine == null) {
            out = new StringWriter();
            err = new StringWriter();
            commandLine = Main.commandLine(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                    new PrintWriter(err, true));
        }
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        int code = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The run, or an {@link AssertionError} naming the command when it hangs or throws out of the CLI. */
    CliRun run(String... args) {
        Future<CliRun> f = executor.submit(() -> {
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            long start = bean.getCurrentThreadCpuTime();
            try {
                return execute(args);
            } finally {
                long spent = bean.getCurrentThreadCpuTime() - start;
                synchronized (cpuNanos) {
                    cpuNanos.merge(args[0], spent, Long::sum);
                }
            }
        });
        try {
            return f.get(guard.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            reset(); // the hung thread keeps its command line; the next run gets new ones
            throw new AssertionError("hang: no exit after " + guard.toSeconds() + " s: " + String.join(" ", args));
        } catch (ExecutionException e) {
            throw new AssertionError("threw out of the CLI: " + String.join(" ", args), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** CPU seconds spent per command so far, e.g. {@code {analyze=1.2, validate=0.8}}. */
    String cpuSummary() {
        StringBuilder sb = new StringBuilder();
        synchronized (cpuNanos) {
            long total = 0;
            for (var e : cpuNanos.entrySet()) {
                sb.append(e.getKey()).append(String.format("=%.1fs ", e.getValue() / 1e9));
                total += e.getValue();
            }
            sb.append(String.format("total=%.1fs CPU", total / 1e9));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
