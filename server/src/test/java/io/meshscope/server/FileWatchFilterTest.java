package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file watch reloads for changes to the inputs, not for unrelated files next to them. */
class FileWatchFilterTest {
    @TempDir
    Path dir;

    @Test
    void unrelatedFilesInAWatchedParentDoNotReloadButTheInputDoes() throws Exception {
        Path input = Files.writeString(dir.resolve("mesh.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        AtomicInteger loads = new AtomicInteger();
        SnapshotStore store = new SnapshotStore(Clock.systemUTC());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (FileConfigSource source = new FileConfigSource(List.of(input.toString()), Optional.empty(), store,
                (MeshInput in) -> {
                    loads.incrementAndGet();
                    return store.offer(in);
                }, scheduler, Duration.ofMillis(30), Duration.ofMillis(500))) {
            source.loadInitial();
            assertThat(loads.get()).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                Files.writeString(dir.resolve("unrelated-" + i + ".log"), "noise " + i);
            }
            Thread.sleep(600); // several debounce periods: a reload would have happened by now
            assertThat(loads.get()).as("reloads caused by unrelated files").isEqualTo(1);
            Files.writeString(input, "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() == 2);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
