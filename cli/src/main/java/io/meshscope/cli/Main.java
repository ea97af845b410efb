package io.meshscope.cli;

import io.meshscope.core.progress.ProgressListener;
import io.meshscope.core.render.TextSafe;
import io.meshscope.decode.ReadLimits;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code meshscope} command: Istio Sidecar scoping, validated, explained and measured. */
@Command(name = "meshscope", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "An Envoy control plane and operator toolkit for Istio's Sidecar resource: it picks the Sidecar",
            "that applies to each proxy exactly as istiod does, computes what the proxy imports, explains",
            "it, measures it, and serves it.",
            "",
            "Exit codes: 0 done, 1 findings at or above the threshold, 2 usage or input error.",
            "Text output prints control and bidi characters of input text (names, hosts, file names) as",
            "visible escapes (\\e, \\n, \\u202e), never raw; JSON and YAML keep the original values."},
        subcommands = {ValidateCommand.class, DescribeCommand.class, AnalyzeCommand.class, AffectedCommand.class, SynthCommand.class, ServeCommand.class,
            ReportCommand.class, ConfigDumpCommand.class, GenerateCommand.class, WhatIfCommand.class,
            UiCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Builds the command line with the given streams, so tests run commands in-process. */
    public static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err) {
        return commandLine(stdin, out, err, false);
    }

    /** As above; {@code symbols}: standard output is a terminal that wants symbols (never in tests). */
    static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err, boolean symbols) {
        return commandLine(stdin, out, err, symbols, ProgressSettings.OFF);
    }

    /**
     * A command line whose commands answer for {@code given} instead of reading -f/-k/--kube: what the web view
     * runs, on each snapshot {@code serve} serves and on the files {@code ui} read once, so that its answers are the
     * CLI's for exactly that input. Every command line made with one {@link SharedInput} shares its size engine.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, SharedInput given) {
        return commandLine(InputStream.nullInputStream(), out, err, false, ProgressSettings.OFF, given);
    }

    /** As above; each command reports its progress to a listener from {@code progress} (the web view shows it). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, SharedInput given,
                                          Supplier<ProgressListener> progress) {
        return commandLine(InputStream.nullInputStream(), out, err, false, ProgressSettings.reportingTo(progress),
                given);
    }

    /** As above; {@code progress}: whether and how long commands show progress on standard error. */
    static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err, boolean symbols,
                                   ProgressSettings progress) {
        return commandLine(stdin, out, err, symbols, progress, null);
    }

    private static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err, boolean symbols,
                                           ProgressSettings progress, SharedInput given) {
        CommandLine cl = new CommandLine(new Main(), new Factory(stdin, symbols, progress, given));
        cl.setUsageHelpWidth(110); // the descriptions are written for 100-column lines
        cl.registerConverter(OutputFormat.class, new OutputFormat.Converter());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter e = failed.getErr();
            e.println("error: " + usageMessage(ex));
            if (ex instanceof CommandLine.UnmatchedArgumentException u) {
                // picocli's "Did you mean: meshscope analyze?" for misspelled commands and options
                CommandLine.UnmatchedArgumentException.printSuggestions(u, e);
            }
            e.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            e.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionStrategy(Main::runWithinMemory);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (OutOfMemory.causedBy(ex)) {
                return OutOfMemory.report(commandLine.getErr());
            }
            if (ex instanceof CommandFailure f) {
                commandLine.getErr().println("error: " + TextSafe.escapeKeepingLines(f.getMessage()));
                commandLine.getErr().flush();
                return f.exitCode();
            }
            // A defect, not an input problem: say so plainly, with the cause, but no stack trace.
            commandLine.getErr().println("error: internal failure: " + TextSafe.escapeKeepingLines(String.valueOf(ex)));
            commandLine.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /**
     * picocli's {@link CommandLine.RunLast}, with an {@link OutOfMemoryError} (an input whose nodes, within the node
     * limit, still do not fit the heap) made an input error, exit 2, that says which heap and limit to change,
     * instead of a stack trace and exit 1, which the contract reserves for findings (issue 13 finding 3).
     */
    private static int runWithinMemory(CommandLine.ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (OutOfMemoryError e) {
            PrintWriter err = parseResult.commandSpec().commandLine().getErr();
            err.println("error: out of memory reading the input: the JVM's maximum heap is "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB and a document may have up to "
                    + ReadLimits.defaults().maxNodes() + " nodes (-Dmeshscope.maxNodes), a few hundred bytes each; "
                    + "give the JVM more heap (MESHSCOPE_JAVA_OPTS=-Xmx1g) or lower the node limit "
                    + "(docs/inputs.md, \"Input limits\")");
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    /** An unknown {@code -o} word lists only the formats of the command it was given to. */
    private static String usageMessage(CommandLine.ParameterException ex) {
        if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--output")
                && ex.getValue() != null && !OutputFormat.accepted(ex.getCommandLine().getCommandSpec()).isEmpty()) {
            return "unknown output format '" + ex.getValue() + "': "
                    + OutputFormat.acceptedText(ex.getCommandLine().getCommandSpec());
        }
        return ex.getMessage();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // Worker threads (file decoding, progress, the server's) that run out of memory end the process the same
        // way as the main thread: one message, exit 2, no stack trace.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (OutOfMemory.causedBy(e)) {
                Runtime.getRuntime().halt(OutOfMemory.report(err));
            }
            System.err.println("error: internal failure in thread " + t.getName() + ": " + e);
        });
        int code;
        try {
            code = commandLine(System.in, out, err, Terminal.wantsSymbols(System.getenv()),
                    ProgressSettings.forProcess(System.getenv())).execute(args);
        } catch (OutOfMemoryError e) {
            code = OutOfMemory.report(err);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Gives commands the standard input they should read. */
    static final class Factory implements CommandLine.IFactory {
        private final InputStream stdin;
        private final boolean symbols;
        private final ProgressSettings progress;
        private final SharedInput given;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(InputStream stdin, boolean symbols, ProgressSettings progress, SharedInput given) {
            this.stdin = stdin;
            this.symbols = symbols;
            this.progress = progress;
            this.given = given;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = fallback.create(cls);
            if (k instanceof InputCommand c) {
                c.stdin = stdin;
                c.symbols = symbols;
                c.progressSettings = progress;
                c.shared = given;
            }
            return k;
        }
    }
}
