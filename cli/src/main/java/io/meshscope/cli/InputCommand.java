package io.meshscope.cli;

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

    InputStream stdin = System.in;

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
        return new InputLoader(stdin, err());
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
