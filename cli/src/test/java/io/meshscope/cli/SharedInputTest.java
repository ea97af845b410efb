package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commands answering for one {@link SharedInput} (the web view's) size with one engine, so each scope's resources
 * are built once for the report, the findings and whatif; a command reading its own input builds its own.
 */
class SharedInputTest {
    private static final MeshInput ECOMMERCE = new InputLoader(InputStream.nullInputStream(),
            new PrintWriter(Writer.nullWriter()), io.meshscope.core.progress.ProgressListener.NONE, null)
            .load(options("../examples/ecommerce"), true);

    private static InputOptions options(String path) {
        InputOptions o = new InputOptions();
        o.paths.add(path);
        o.command = "test";
        return o;
    }

    private static InputCommand command(SharedInput shared, String name) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return (InputCommand) Main.commandLine(none, none, shared).getSubcommands().get(name).getCommand();
    }

    @Test
    void everyCommandOnASharedInputSizesWithItsOneEngine() {
        SharedInput shared = new SharedInput(ECOMMERCE, MeshIndex.build(ECOMMERCE));
        for (String name : List.of("report", "analyze", "whatif", "generate")) {
            assertThat(command(shared, name).reporter(shared.index())).as(name).isSameAs(shared.reporter());
        }
    }

    @Test
    void anotherIndexOfTheSameInputGetsAnEngineOfItsOwn() {
        SharedInput shared = new SharedInput(ECOMMERCE, MeshIndex.build(ECOMMERCE));
        MeshIndex other = MeshIndex.build(ECOMMERCE);
        assertThat(command(shared, "report").reporter(other)).isNotSameAs(shared.reporter());
        assertThat(command(shared, "report").reporter(other).scoped().index()).isSameAs(other);
    }

    @Test
    void aCommandReadingItsOwnInputBuildsItsOwnEngine() {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        InputCommand report = (InputCommand) Main.commandLine(InputStream.nullInputStream(), none, none)
                .getSubcommands().get("report").getCommand();
        MeshIndex index = MeshIndex.build(ECOMMERCE);
        assertThat(report.reporter(index)).isNotSameAs(report.reporter(index));
    }
}
