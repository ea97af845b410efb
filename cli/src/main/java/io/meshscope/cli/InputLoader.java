package io.meshscope.cli;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshInputs;
import io.meshscope.core.model.Severity;
import io.meshscope.core.progress.ProgressListener;
import io.meshscope.core.render.TextSafe;
import io.meshscope.decode.InputException;
import io.meshscope.decode.ManifestReader;
import io.meshscope.decode.ReadLimits;
import io.meshscope.decode.ReadOptions;
import io.meshscope.decode.RenderedSource;
import io.meshscope.decode.SkippedFiles;
import io.meshscope.kube.KubeOptions;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the inputs named by {@link InputOptions} and applies cli.md's rule: commands other than validate and
 * analyze refuse to answer from unparseable input (they print the located errors and exit 2).
 */
final class InputLoader {
    /** How many skipped files the notice names before it says "and N more" (all of them with -v). */
    static final int SKIPPED_FILES_SHOWN = 10;

    private final InputStream stdin;
    private final PrintWriter err;
    private final KustomizeRunner kustomize = new KustomizeRunner();
    private final ProgressListener progress;
    /** An input already read and accepted (a snapshot {@code serve} serves), or null to read the options'. */
    private final MeshInput given;

    InputLoader(InputStream stdin, PrintWriter err, ProgressListener progress, MeshInput given) {
        this.stdin = stdin;
        this.err = err;
        this.progress = progress;
        this.given = given;
    }

    /** Reads everything; {@code tolerateErrors} for commands that report bad documents as findings. */
    MeshInput load(InputOptions opts, boolean tolerateErrors) {
        if (given != null) {
            return given; // accepted by the server already: its errors are its objects kept out, see /debug/errors
        }
        if (opts.paths.isEmpty() && opts.kustomizations.isEmpty() && !opts.kube.kube) {
            throw new CommandFailure(ExitCodes.USAGE,
                    "no input: give -f PATH (a file, a directory, or - for stdin), -k DIR and/or --kube");
        }
        Optional<KubeOptions> kube;
        try {
            kube = opts.kube.resolve();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
        MeshInput input = null;
        try {
            if (!opts.paths.isEmpty() || !opts.kustomizations.isEmpty()) {
                List<RenderedSource> rendered = new ArrayList<>();
                for (String dir : opts.kustomizations) {
                    rendered.add(kustomize.render(dir, opts.command));
                }
                ManifestReader reader = new ManifestReader(ReadLimits.defaults(), null,
                        new ReadOptions(opts.recursive, opts.command), progress);
                input = reader.read(opts.paths, rendered, stdin, Optional.ofNullable(opts.meshConfig));
            }
        } catch (InputException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
        if (kube.isPresent()) {
            MeshInput live = new KubeInput(err).list(kube.get(), opts.meshConfig);
            input = input == null ? live : MeshInputs.merge(input, live);
        }
        noteSkippedFiles(input, opts.verbose);
        if (opts.verbose) {
            for (Diagnostic d : input.problems()) {
                if (d.severity() == Severity.INFO && !SkippedFiles.RULE.equals(d.rule())) {
                    err.println("info: " + d.render());
                }
            }
            for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(input.skippedKinds()).entrySet()) {
                err.println("info: skipped " + e.getValue() + " object(s) of kind " + TextSafe.escape(e.getKey()));
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

    /** One notice for every file that held no Kubernetes object (docs/inputs.md); -v names them all. */
    private void noteSkippedFiles(MeshInput input, boolean verbose) {
        List<String> skipped = SkippedFiles.of(input);
        if (skipped.isEmpty()) {
            return;
        }
        int shown = verbose ? skipped.size() : Math.min(skipped.size(), SKIPPED_FILES_SHOWN);
        String more = shown < skipped.size() ? ", and " + (skipped.size() - shown) + " more (-v lists them all)" : "";
        err.println("note: skipped " + skipped.size() + " file(s) with no Kubernetes object in them (no document "
                + "has apiVersion and kind): " + TextSafe.escape(String.join(", ", skipped.subList(0, shown))) + more);
    }
}
