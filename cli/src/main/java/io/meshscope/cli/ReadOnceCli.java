package io.meshscope.cli;

import io.meshscope.cli.ui.UiData;
import io.meshscope.cli.ui.UiProgress;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.progress.ProgressListener;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * The CLI for {@code meshscope ui}'s answers, reading the files once: the first command to run reads and indexes
 * them, and every command after it (the report, the findings, each workload's describe and config dump) answers
 * for that input instead of reading and indexing them again — on a 5,000-service mesh a second a page — and with
 * one size engine ({@link SharedInput}), so the report and the findings build each scope's resources once. An input
 * with errors is left to each command to read, so that each refuses it with the errors, exactly as the CLI does.
 */
final class ReadOnceCli implements UiData.Cli {
    private final List<String> paths;
    private final Path meshConfig;
    private final UiProgress progress;
    /** Each command reading the files itself, as typed on a command line. */
    private final UiData.Cli perCommand = UiData.inProcess((out, err) -> Main.commandLine(InputStream.nullInputStream(),
            out, err));
    private volatile UiData.Cli resolved;

    /** {@code progress}: where the reading, the indexing and each command report how far they are. */
    ReadOnceCli(List<String> paths, Path meshConfig, UiProgress progress) {
        this.paths = List.copyOf(paths);
        this.meshConfig = meshConfig;
        this.progress = progress;
    }

    @Override
    public UiData.Answer run(List<String> args) {
        return resolve().run(args);
    }

    private UiData.Cli resolve() {
        UiData.Cli c = resolved;
        if (c == null) {
            synchronized (this) {
                c = resolved;
                if (c == null) {
                    c = read();
                    resolved = c;
                }
            }
        }
        return c;
    }

    private UiData.Cli read() {
        InputOptions opts = new InputOptions();
        opts.paths.addAll(paths);
        opts.meshConfig = meshConfig;
        opts.command = "ui";
        MeshInput in;
        ProgressListener reading = progress.listener();
        try {
            in = new InputLoader(InputStream.nullInputStream(), new PrintWriter(Writer.nullWriter()), reading, null)
                    .load(opts, true);
        } catch (CommandFailure unreadable) {
            return perCommand; // each command says why, as on a command line
        }
        if (in.problems().stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            return perCommand;
        }
        SharedInput shared = new SharedInput(in, InputCommand.index(in, reading));
        return UiData.inProcess((out, err) -> Main.commandLine(out, err, shared, progress::listener));
    }
}
