package io.meshscope.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links and unreadable entries in a directory walk are never skipped without a word: a dangling link or a loop
 * where a manifest was meant is a warning at the link, a link to a directory a notice, an unreadable folder an
 * input error naming that folder; Kubernetes' atomic-writer internals ({@code ..data}) are left out silently.
 */
class DirectoryLinksTest {
    static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n";

    @TempDir
    Path dir;

    private MeshInput read(Path path) throws InputException {
        return new ManifestReader().read(List.of(path.toString()), InputStream.nullInputStream(), Optional.empty());
    }

    private static List<Diagnostic> byRule(MeshInput input, String rule) {
        return input.problems().stream().filter(d -> d.rule().equals(rule)).toList();
    }

    @Test
    void danglingLinksAndLinkLoopsAreWarningsAtTheLink() throws Exception {
        Files.writeString(dir.resolve("ns.yaml"), NAMESPACE);
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.yaml"), Path.of("deleted.yaml"));
        Path loop = Files.createSymbolicLink(dir.resolve("loop.yaml"), Path.of("loop.yaml"));
        Files.createSymbolicLink(dir.resolve(".#ns.yaml"), Path.of("root@host.123")); // an editor's lock file

        MeshInput input = read(dir);
        assertThat(input.namespaces()).hasSize(1);
        assertThat(byRule(input, SymbolicLinks.RULE))
                .extracting(d -> d.severity(), d -> d.location().file())
                .containsExactlyInAnyOrder(tuple(Severity.WARNING, dangling.toString()),
                        tuple(Severity.WARNING, loop.toString()));
        assertThat(byRule(input, SymbolicLinks.RULE)).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("dangling").contains("deleted.yaml"))
                .anySatisfy(m -> assertThat(m).contains("loop.yaml").contains("not read"));
    }

    @Test
    void aLinkToADirectoryIsANoticeNotASilentSkip() throws Exception {
        Files.createDirectory(dir.resolve("in"));
        Files.writeString(dir.resolve("elsewhere.yaml"), NAMESPACE);
        Path self = Files.createSymbolicLink(dir.resolve("in/self"), Path.of(".."));

        MeshInput input = read(dir.resolve("in"));
        assertThat(byRule(input, SymbolicLinks.RULE)).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.INFO);
            assertThat(d.location().file()).isEqualTo(self.toString());
            assertThat(d.message()).contains("not followed");
        });
    }

    @Test
    void aConfigMapVolumeIsReadOnceThroughItsVisibleLinksWithoutNotes() throws Exception {
        Path ts = Files.createDirectory(dir.resolve("..2026_12_02_12_00_00.123456789"));
        Files.writeString(ts.resolve("ns.yaml"), NAMESPACE);
        Files.createSymbolicLink(dir.resolve("..data"), ts.getFileName());
        Files.createSymbolicLink(dir.resolve("ns.yaml"), Path.of("..data/ns.yaml"));

        MeshInput input = read(dir);
        assertThat(input.namespaces()).hasSize(1);
        assertThat(input.problems()).isEmpty();
    }

    @Test
    void anUnreadableSubfolderIsAnInputErrorNamingIt() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("in/private"));
        Files.writeString(sub.resolve("ns.yaml"), NAMESPACE);
        sub.toFile().setReadable(false);
        sub.toFile().setExecutable(false);
        try {
            Assumptions.assumeFalse(Files.isReadable(sub), "permissions do not apply (running as root)");
            assertThatThrownBy(() -> read(dir.resolve("in"))).isInstanceOf(InputException.class)
                    .hasMessage("cannot read directory " + sub + ": permission denied");
        } finally {
            sub.toFile().setReadable(true);
            sub.toFile().setExecutable(true);
        }
    }
}
