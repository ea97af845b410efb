package io.meshscope.cli;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshInputs;
import io.meshscope.core.model.Severity;
import io.meshscope.decode.InputException;
import io.meshscope.decode.ManifestReader;
import io.meshscope.kube.KubeOptions;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the inputs named by {@link InputOptions} and applies cli.md's rule: commands other than validate and
 * analyze refuse to answer from unparseable input (they print the located errors and exit 2).
 */
final class InputLoader {
    private final InputStream stdin;
    private final PrintWriter err;

    InputLoader(InputStream stdin, PrintWriter err) {
        this.stdin = stdin;
        this.err = err;
    }

    /** Reads everything; {@code tolerateErrors} for commands that report bad documents as findings. */
    MeshInput load(InputOptions opts, boolean tolerateErrors) {
        if (opts.paths.isEmpty() && !opts.kube.kube) {
            throw new CommandFailure(ExitCodes.USAGE,
                    "no input: give -f PATH (a file, a directory, or - for stdin) and/or --kube");
        }
        Optional<KubeOptions> kube;
        try {
            kube = opts.kube.resolve();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
        MeshInput input = null;
        try {
            if (!opts.paths.isEmpty()) {
                input = new ManifestReader().read(opts.paths, stdin, Optional.ofNullable(opts.meshConfig));
            }
        } catch (InputException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
        if (kube.isPresent()) {
            MeshInput live = new KubeInput(err).list(kube.get(), opts.meshConfig);
            input = input == null ? live : MeshInputs.merge(input, live);
        }
        if (opts.verbose) {
            for (Diagnostic d : input.problems()) {
                if (d.severity() == Severity.INFO) {
                    err.println("info: " + d.render());
                }
            }
            for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(input.skippedKinds()).entrySet()) {
                err.println("info: skipped " + e.getValue() + " object(s) of kind " + e.getKey());
            }
        }
        if (!tolerateErrors) {
            boolean failed = false;
            for (Diagnostic d : input.problems()) {
                if (d.severity() == Severity.ERROR) {
                    err.println("error: " + d.render());
                    failed = true;
                } else if (d.severity() == Severity.WARNING) {
                    err.println("warning: " + d.render());
                }
            }
            if (failed) {
                throw new CommandFailure(ExitCodes.USAGE, "the input has errors (above); fix them or run 'meshscope validate'");
            }
        }
        err.flush();
        return input;
    }
}
