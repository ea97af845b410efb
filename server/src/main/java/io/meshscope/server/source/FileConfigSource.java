package io.meshscope.server.source;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.decode.InputException;
import io.meshscope.kube.Debounce;
import io.meshscope.decode.DecodeCache;
import io.meshscope.decode.ManifestReader;
import io.meshscope.decode.ReadLimits;
import io.meshscope.server.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads mesh config from files and directories and re-reads it when they change: inotify-backed watches on
 * every directory involved, debounced, each reload offered to the {@link SnapshotStore} as one new input.
 */
public final class FileConfigSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileConfigSource.class);

    private final List<String> paths;
    private final Optional<Path> meshConfig;
    private final SnapshotStore store;
    private final java.util.function.Function<MeshInput, List<Diagnostic>> sink;
    private final Debounce debouncer;
    private final WatchService watcher;
    private final Map<Path, Watched> watched = new HashMap<>();
    private final Thread watchThread;
    private volatile boolean closed;
    /** Reused across reloads: a reload decodes only the files that changed (one reload at a time). */
    private final DecodeCache decoded = new DecodeCache();
    private final ManifestReader reader = new ManifestReader(ReadLimits.defaults(), decoded);

    public FileConfigSource(List<String> paths, Optional<Path> meshConfig, SnapshotStore store,
                            ScheduledExecutorService scheduler, Duration quiet, Duration max) throws IOException {
        this(paths, meshConfig, store, store::offer, scheduler, quiet, max);
    }

    /** As above, delivering each reload to {@code sink} (e.g. an {@link InputCombiner}) instead of the store. */
    public FileConfigSource(List<String> paths, Optional<Path> meshConfig, SnapshotStore store,
                            java.util.function.Function<MeshInput, List<Diagnostic>> sink,
                            ScheduledExecutorService scheduler, Duration quiet, Duration max) throws IOException {
        this.sink = sink;
        this.paths = List.copyOf(paths);
        this.meshConfig = meshConfig;
        this.store = store;
        this.debouncer = new Debounce(scheduler, quiet, max, this::reloadQuietly);
        this.watcher = FileSystems.getDefault().newWatchService();
        this.watchThread = new Thread(this::watchLoop, "meshscope-file-watch");
        this.watchThread.setDaemon(true);
    }

    /** Reads the inputs once; the returned errors are why the first snapshot could not be built. */
    public List<Diagnostic> loadInitial() throws InputException {
        List<Diagnostic> errors = reload();
        registerWatches();
        watchThread.start();
        return errors;
    }

    private List<Diagnostic> reload() throws InputException {
        MeshInput input;
        synchronized (reader) {
            input = reader.read(paths, InputStream.nullInputStream(), meshConfig);
            log.debug("read {} file(s): {} decoded, {} unchanged and reused", decoded.decoded() + decoded.reused(),
                    decoded.decoded(), decoded.reused());
        }
        return sink.apply(input);
    }

    private void reloadQuietly() {
        try {
            registerWatches(); // new subdirectories appear between reloads
            reload();
        } catch (InputException e) {
            // A path vanished or could not be read: as invalid as a YAML error, and reported the same way.
            store.reject(List.of(new Diagnostic(Severity.ERROR, null, SourceLocation.UNKNOWN, "", "input",
                    e.getMessage())));
        } catch (RuntimeException e) {
            log.error("config reload failed unexpectedly, still serving the last good snapshot", e);
            store.reject(List.of(new Diagnostic(Severity.ERROR, null, SourceLocation.UNKNOWN, "", "internal",
                    "reload failed: " + e)));
        }
    }

    /**
     * Watches every directory that holds an input: each input directory and its subdirectories, the directory
     * of each input file and of the mesh config file, and for an input that does not exist (deleted, or not
     * yet created) its nearest existing ancestor, so that its (re)appearance triggers a reload too. A directory
     * whose file key (inode) changed since it was registered was replaced (renamed over): its old watch, which
     * follows the old inode, is cancelled and the path registered again. Kubernetes' atomic-writer internals
     * ({@code ..data}, {@code ..2026_12_02_...}) are not entered: their swaps are events in the mounted folder.
     */
    private synchronized void registerWatches() {
        for (String p : paths) {
            Path path = Paths.get(p).toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                watchTree(path);
                if (path.getParent() != null) {
                    watch(path.getParent()); // notices the directory itself being replaced
                }
            } else {
                watchFileDirectory(path);
            }
        }
        meshConfig.ifPresent(m -> watchFileDirectory(m.toAbsolutePath().normalize()));
    }

    private void watchTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && isHidden(dir)) {
                        return FileVisitResult.SKIP_SUBTREE; // the reader does not enter it either
                    }
                    watch(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // The reload reports an unreadable folder as a located error; the rest is still watched.
                    log.warn("cannot watch {}: {}", file, e instanceof java.nio.file.AccessDeniedException
                            ? "permission denied" : e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("cannot watch {}: {}", root, e.getMessage());
        }
    }

    private static boolean isHidden(Path dir) {
        Path name = dir.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** The directory of an input file, and its parent, which notices that directory being replaced by rename. */
    private void watchFileDirectory(Path file) {
        Path dir = file.getParent();
        if (dir != null && Files.isDirectory(dir) && dir.getParent() != null) {
            watch(dir.getParent());
        }
        watchNearestExisting(dir);
    }

    private void watchNearestExisting(Path dir) {
        Path d = dir;
        while (d != null && !Files.isDirectory(d)) {
            d = d.getParent();
        }
        if (d != null) {
            watch(d);
        }
    }

    private void watch(Path dir) {
        Object inode = fileKey(dir);
        Watched current = watched.get(dir);
        if (current != null) {
            if (java.util.Objects.equals(current.fileKey(), inode) && current.key().isValid()) {
                return;
            }
            current.key().cancel(); // replaced by rename: the old key watches a directory no longer at this path
            log.info("re-watching {}: the directory was replaced", dir);
        }
        try {
            WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            watched.put(dir, new Watched(key, inode));
        } catch (IOException e) {
            watched.remove(dir);
            log.warn("cannot watch {}: {}", dir, e.getMessage());
        }
    }

    private static Object fileKey(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** A registered watch and the file key (device and inode) of the directory it was registered on. */
    private record Watched(WatchKey key, Object fileKey) {
    }

    /** True when a changed path is an input, inside an input directory, the mesh config, or an ancestor of one. */
    private boolean concernsInput(Path changed) {
        Path c = changed.toAbsolutePath().normalize();
        List<Path> targets = new java.util.ArrayList<>();
        paths.forEach(p -> targets.add(Paths.get(p).toAbsolutePath().normalize()));
        meshConfig.ifPresent(m -> targets.add(m.toAbsolutePath().normalize()));
        for (Path t : targets) {
            if (c.startsWith(t) || t.startsWith(c)) {
                return true;
            }
        }
        return false;
    }

    private void watchLoop() {
        while (!closed) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            }
            Path dir = (Path) key.watchable();
            boolean relevant = false;
            for (java.nio.file.WatchEvent<?> event : key.pollEvents()) {
                Object ctx = event.context();
                // An overflow or an event on an input (or on the way to one) counts; anything else in a watched
                // ancestor such as /tmp must not reload the mesh.
                if (!(ctx instanceof Path name) || concernsInput(dir.resolve(name))) {
                    relevant = true;
                }
            }
            if (relevant) {
                debouncer.poke();
            }
            if (!key.reset()) {
                synchronized (this) {
                    Watched w = watched.get(dir);
                    if (w != null && w.key() == key) { // not a re-registered path's newer watch
                        watched.remove(dir);
                    }
                }
                debouncer.poke(); // a watched directory vanished: re-read to notice
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watcher.close();
        watchThread.interrupt();
    }
}
