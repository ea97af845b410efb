package io.meshscope.cli;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.progress.ProgressListener;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.xds.report.ConfigReporter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Base of commands that read mesh config: gives them their streams and the shared input options. */
abstract class InputCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = false, heading = "%nInput:%n", multiplicity = "0..1")
    InputOptions input = new InputOptions();

    @CommandLine.Mixin
    KubeInputOptions kube = new KubeInputOptions();

    @CommandLine.Mixin
    NamespaceOptions namespaces = new NamespaceOptions();

    @CommandLine.Option(names = {"-q", "--quiet"},
            description = "Show no progress on standard error. Progress (phase, count, rate, ETA) is shown only when "
                    + "standard error is a terminal and the command has run for 2 s; never when it is piped.")
    boolean quiet;

    InputStream stdin = System.in;

    /**
     * When set, the input every command answers for instead of what -f/-k/--kube name ({@link Main}), with its
     * index and size engine, which {@link #index} and {@link #reporter} then return instead of building their own.
     */
    SharedInput shared;

    /** Whether standard error shows progress (set by {@link Main}; tests leave it off unless they test it). */
    ProgressSettings progressSettings = ProgressSettings.OFF;

    private ProgressListener progress;

    /** Whether standard output is a terminal that wants symbols (set by {@link Main}; tests leave it false). */
    boolean symbols;

    private PrintWriter safeOut;
    private PrintWriter safeErr;

    /** Standard output; user text in it can never carry control or bidi characters ({@link SafeTextWriter}). */
    PrintWriter out() {
        if (safeOut == null) {
            safeOut = SafeTextWriter.wrap(spec.commandLine().getOut());
        }
        return safeOut;
    }

    /** Standard error, escaped as {@link #out()}. */
    PrintWriter err() {
        if (safeErr == null) {
            safeErr = SafeTextWriter.wrap(spec.commandLine().getErr());
        }
        return safeErr;
    }

    InputLoader loader() {
        namespaces.check();
        if (input == null) {
            input = new InputOptions();
        }
        input.kube = kube;
        input.command = spec.name();
        return new InputLoader(stdin, err(), progress(), shared == null ? null : shared.input());
    }

    /** Where the core reports progress: a bar on a terminal's standard error, else nowhere. */
    ProgressListener progress() {
        if (progress == null) {
            progress = progressSettings.listener(spec.commandLine().getErr(), quiet);
        }
        return progress;
    }

    /** {@link MeshIndex#build}, shown as the "indexing" phase. */
    MeshIndex index(MeshInput in) {
        if (shared != null && in == shared.input()) {
            return shared.index();
        }
        return index(in, progress());
    }

    /** {@link MeshIndex#build}, reported to {@code progress} as the "indexing" phase. */
    static MeshIndex index(MeshInput in, ProgressListener progress) {
        progress.phase("indexing", -1, "");
        try {
            return MeshIndex.build(in);
        } finally {
            progress.phaseDone();
        }
    }

    /** The size engine over {@code index}: the shared input's when it is that input's index, else a new one. */
    ConfigReporter reporter(MeshIndex index) {
        return shared != null && index == shared.index() ? shared.reporter() : new ConfigReporter(index);
    }

    /** Fails with exit 2, naming the formats this command accepts, unless {@code format} is one of them. */
    void requireFormat(OutputFormat format, OutputFormat... allowed) {
        for (OutputFormat f : allowed) {
            if (f == format) {
                return;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "output format '" + format
                + "' is not supported: " + OutputFormat.acceptedText(spec));
    }
}
