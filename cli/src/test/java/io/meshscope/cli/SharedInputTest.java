package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.decode.ManifestReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Commands answering for one {@link SharedInput} (the web view's) size with one engine, so each scope's resources
 * are built once for the report, the findings and whatif; a command reading its own input builds its own.
 */
class SharedInputTest {
    private static MeshInput ecommerce() throws Exception {
        return new ManifestReader().read(List.of("../examples/ecommerce"), InputStream.nullInputStream(),
                Optional.empty());
    }

    private static InputCommand command(SharedInput shared, String name) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return (InputCommand) Main.commandLine(none, none, shared).getSubcommands().get(name).getCommand();
    }

    @Test
    void everyCommandOnASharedInputSizesWithItsOneEngine() throws Exception {
        MeshInput in = ecommerce();
        SharedInput shared = new SharedInput(in, MeshIndex.build(in));
        for (String name : List.of("report", "analyze", "whatif", "generate")) {
            assertThat(command(shared, name).reporter(shared.index())).as(name).isSameAs(shared.reporter());
        }
    }

    @Test
    void anotherIndexOfTheSameInputGetsAnEngineOfItsOwn() throws Exception {
        MeshInput in = ecommerce();
        SharedInput shared = new SharedInput(in, MeshIndex.build(in));
        MeshIndex other = MeshIndex.build(in);
        assertThat(command(shared, "report").reporter(other)).isNotSameAs(shared.reporter());
        assertThat(command(shared, "report").reporter(other).scoped().index()).isSameAs(other);
    }

    @Test
    void aCommandReadingItsOwnInputBuildsItsOwnEngine() throws Exception {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        InputCommand report = (InputCommand) Main.commandLine(InputStream.nullInputStream(), none, none)
                .getSubcommands().get("report").getCommand();
        MeshIndex index = MeshIndex.build(ecommerce());
        assertThat(report.reporter(index)).isNotSameAs(report.reporter(index));
    }
}
