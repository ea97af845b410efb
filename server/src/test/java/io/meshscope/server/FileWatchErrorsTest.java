package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.server.source.FileConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched folder that turns unreadable is a worded error naming it, and the last good config is kept. */
class FileWatchErrorsTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableSubfolderIsAWordedErrorNamingItNotAnExceptionText() throws Exception {
        Path w = Files.createDirectory(dir.resolve("w"));
        Files.writeString(w.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        SnapshotStore store = new SnapshotStore(Clock.systemUTC());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Path sub = w.resolve("private");
        try (FileConfigSource source = new FileConfigSource(List.of(w.toString()), Optional.empty(), store,
                scheduler, Duration.ofMillis(30), Duration.ofMillis(500))) {
            assertThat(source.loadInitial()).isEmpty();
            Files.createDirectory(sub);
            Files.writeString(sub.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
            sub.toFile().setReadable(false);
            sub.toFile().setExecutable(false);
            Assumptions.assumeFalse(Files.isReadable(sub), "permissions do not apply (running as root)");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.lastRejection() != null);
            assertThat(store.lastRejection().errors()).extracting(Diagnostic::message)
                    .containsExactly("cannot read directory " + sub + ": permission denied");
            assertThat(store.current()).isNotNull();
        } finally {
            sub.toFile().setReadable(true);
            sub.toFile().setExecutable(true);
            scheduler.shutdownNow();
        }
    }
}
