package io.meshscope.cli.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The JSON the web view shows: exactly what the CLI prints with {@code -o json}, because it is the CLI's own
 * commands that print it, run in this process on the same inputs ({@code report}, {@code analyze},
 * {@code describe WORKLOAD}, {@code config-dump WORKLOAD}, {@code whatif --calls}). One engine, no second
 * implementation of any answer. Each answer is computed once, when first asked for, and kept: one instance answers
 * for one input (the files as read when {@code ui} started; one snapshot of {@code serve}).
 */
public final class UiData {
    /** What {@code describe} accepts as a workload here: {@code namespace/name}, Kubernetes name characters. */
    private static final Pattern WORKLOAD = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    /** Runs a CLI command line with captured output; the answer is its standard output. */
    public interface Cli {
        Answer run(List<String> args);
    }

    /** What a command printed and how it exited. */
    public record Answer(int exitCode, String out, String err) {
    }

    private final Cli cli;
    private final List<String> inputArgs;
    private final List<String> evidenceArgs;
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final UiProgress progress;

    /** {@code inputArgs}: the input flags every command gets ({@code -f PATH ... --mesh-config FILE}). */
    public UiData(Cli cli, List<String> inputArgs) {
        this(cli, inputArgs, List.of());
    }

    /** As above; {@code evidenceArgs}: the observed calls' flags ({@code --deps FILE}, ...), none for no evidence. */
    public UiData(Cli cli, List<String> inputArgs, List<String> evidenceArgs) {
        this(cli, inputArgs, evidenceArgs, new UiProgress());
    }

    /** As above; {@code progress}: where {@code cli}'s commands report how far they are ({@link #progress()}). */
    public UiData(Cli cli, List<String> inputArgs, List<String> evidenceArgs, UiProgress progress) {
        this.cli = cli;
        this.inputArgs = List.copyOf(inputArgs);
        this.evidenceArgs = List.copyOf(evidenceArgs);
        this.progress = progress;
    }

    /** How far the answers being computed have come (nothing when the commands report nowhere). */
    public UiProgress progress() {
        return progress;
    }

    /** A {@link Cli} over a picocli command line factory (the real CLI's {@code Main.commandLine}). */
    public static Cli inProcess(BiFunction<PrintWriter, PrintWriter, picocli.CommandLine> commandLine) {
        return args -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            PrintWriter o = new PrintWriter(out);
            PrintWriter e = new PrintWriter(err);
            int code = commandLine.apply(o, e).execute(args.toArray(new String[0]));
            o.flush();
            e.flush();
            return new Answer(code, out.toString(), err.toString());
        };
    }

    /** {@code report -o json}. */
    public Answer report() {
        return answer("report", List.of("report", "-o", "json"));
    }

    /** {@code report -o json --imports}: the dependency graph's data, every scope's services once. */
    public Answer graph() {
        return answer("graph", List.of("report", "-o", "json", "--imports"));
    }

    /** {@code analyze -o json}. */
    public Answer analyze() {
        return answer("analyze", List.of("analyze", "-o", "json"));
    }

    /** {@code describe WORKLOAD -o json}; null when {@code workload} is not {@code namespace/name}. */
    public Answer describe(String workload) {
        if (!isWorkload(workload)) {
            return null;
        }
        return answer("describe " + workload, List.of("describe", workload, "-o", "json"));
    }

    /** {@code config-dump WORKLOAD -o json}: Envoy's /config_dump for it; null when not {@code namespace/name}. */
    public Answer configDump(String workload) {
        if (!isWorkload(workload)) {
            return null;
        }
        // not kept: a large workload's dump is megabytes, and it is downloaded, not browsed
        return cli.run(withInputs(List.of("config-dump", workload, "-o", "json")));
    }

    /** Whether observed calls were given ({@link #calls()} answers). */
    public boolean hasEvidence() {
        return !evidenceArgs.isEmpty();
    }

    /** {@code whatif -o json --calls} with the evidence: every observed call, broken or not; null without evidence. */
    public Answer calls() {
        if (!hasEvidence()) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of("whatif", "-o", "json", "--calls"));
        command.addAll(evidenceArgs);
        return answer("calls", command);
    }

    /** {@code namespace/name}, as describe and config-dump accept it here. */
    public static boolean isWorkload(String workload) {
        return workload != null && WORKLOAD.matcher(workload).matches();
    }

    /** {@code command} with the input flags every command gets. */
    private List<String> withInputs(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(inputArgs);
        return args;
    }

    private Answer answer(String key, List<String> command) {
        CompletableFuture<Answer> f = answers.computeIfAbsent(key, k -> new CompletableFuture<>());
        synchronized (f) {
            if (!f.isDone()) {
                f.complete(cli.run(withInputs(command)));
            }
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
