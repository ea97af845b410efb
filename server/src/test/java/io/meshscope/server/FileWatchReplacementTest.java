package io.meshscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.server.source.FileConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch follows the path, not the inode: a folder replaced by rename (deploy tools, git checkouts) and a
 * ConfigMap volume updated by the kubelet's atomic writer ({@code ..data} symlink swap) are both picked up, and
 * the ConfigMap's objects are read once each.
 */
class FileWatchReplacementTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<MeshInput> last = new AtomicReference<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private FileConfigSource source(Path input) throws Exception {
        SnapshotStore store = new SnapshotStore(Clock.systemUTC());
        return new FileConfigSource(List.of(input.toString()), Optional.empty(), store, (MeshInput in) -> {
            last.set(in);
            return store.offer(in);
        }, scheduler, Duration.ofMillis(30), Duration.ofMillis(500));
    }

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n";
    }

    private Set<String> namespaces() {
        Set<String> names = new TreeSet<>();
        last.get().namespaces().forEach(n -> names.add(n.meta().name()));
        return names;
    }

    private List<Diagnostic> problems() {
        return last.get().problems();
    }

    @Test
    void aDirectoryReplacedByRenameKeepsBeingWatched() throws Exception {
        Path w = Files.createDirectory(dir.resolve("w"));
        Files.writeString(w.resolve("ns.yaml"), namespace("one"));
        try (FileConfigSource source = source(w)) {
            source.loadInitial();
            assertThat(namespaces()).containsExactly("one");

            Path next = Files.createDirectory(dir.resolve("w.new"));
            Files.writeString(next.resolve("ns.yaml"), namespace("two"));
            Files.move(w, dir.resolve("w.old"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(next, w, StandardCopyOption.ATOMIC_MOVE);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> namespaces().equals(Set.of("two")));

            // The new folder is watched: a later edit in it is served (the old watch followed w.old's inode).
            Files.writeString(w.resolve("ns.yaml"), namespace("three"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> namespaces().equals(Set.of("three")));
            // ...and an edit in the renamed-away folder is not.
            Files.writeString(dir.resolve("w.old").resolve("ns.yaml"), namespace("stale"));
            Files.writeString(w.resolve("extra.yaml"), namespace("four"));
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> namespaces().equals(Set.of("three", "four")));
        }
    }

    @Test
    void theFolderOfAnInputFileReplacedByRenameKeepsBeingWatched() throws Exception {
        Path w = Files.createDirectory(dir.resolve("w"));
        Files.writeString(w.resolve("ns.yaml"), namespace("one"));
        try (FileConfigSource source = source(w.resolve("ns.yaml"))) {
            source.loadInitial();
            Path next = Files.createDirectory(dir.resolve("w.new"));
            Files.writeString(next.resolve("ns.yaml"), namespace("two"));
            Files.move(w, dir.resolve("w.old"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(next, w, StandardCopyOption.ATOMIC_MOVE);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> namespaces().equals(Set.of("two")));
            Files.writeString(w.resolve("ns.yaml"), namespace("three"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> namespaces().equals(Set.of("three")));
        }
    }

    /** Builds {@code volume} as the kubelet's atomic writer does (pkg/volume/util/atomic_writer.go). */
    private static final class AtomicWriter {
        private final Path volume;
        private int generation;

        AtomicWriter(Path volume) {
            this.volume = volume;
        }

        /** One update: a new timestamped dir, a {@code ..data_tmp} symlink renamed over {@code ..data}. */
        void write(java.util.Map<String, String> files) throws Exception {
            Path ts = Files.createDirectory(volume.resolve("..2026_12_02_12_00_0" + generation++ + ".123456789"));
            for (var e : files.entrySet()) {
                Files.writeString(ts.resolve(e.getKey()), e.getValue());
            }
            Path data = volume.resolve("..data");
            Path old = Files.isSymbolicLink(data) ? volume.resolve(Files.readSymbolicLink(data)) : null;
            Path tmp = Files.createSymbolicLink(volume.resolve("..data_tmp"), ts.getFileName());
            Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE); // rename(2) over the old link
            for (String name : files.keySet()) { // user-visible links, created once
                Path link = volume.resolve(name);
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, Path.of("..data").resolve(name));
                }
            }
            if (old != null) {
                try (var s = Files.list(old)) {
                    for (Path f : s.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(old);
            }
        }
    }

    @Test
    void aConfigMapVolumeIsReadOnceAndItsDataSwapIsPickedUp() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("config"));
        AtomicWriter kubelet = new AtomicWriter(volume);
        kubelet.write(java.util.Map.of("a.yaml", namespace("a1"), "b.yaml", namespace("b1")));
        try (FileConfigSource source = source(volume)) {
            source.loadInitial();
            assertThat(namespaces()).containsExactly("a1", "b1");
            assertThat(problems()).as("a clean ConfigMap volume gives no messages").isEmpty();

            kubelet.write(java.util.Map.of("a.yaml", namespace("a2"), "b.yaml", namespace("b1")));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> namespaces().equals(Set.of("a2", "b1")));
            assertThat(problems()).isEmpty();
        }
    }
}
