package io.meshscope.server.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was read from some files, read again when they change: looked at no more than once a second (a handshake
 * asks), compared by modification time and size (a Secret volume rotates by swapping a symlink, which changes both).
 * A change that cannot be read (half-written files) is logged and the previous value kept.
 *
 * @param <T> what the files make
 */
final class ReloadingFiles<T> {
    private static final Logger log = LoggerFactory.getLogger(ReloadingFiles.class);
    private static final long CHECK_NANOS = 1_000_000_000L;

    /** Makes the value from the files; {@code generation} counts reads from 1. */
    interface Reader<T> {
        T read(int generation) throws IOException;
    }

    private final String what;
    private final Path[] files;
    private final Reader<T> reader;
    private final LongSupplier nanoTime;
    private volatile T current;
    private volatile T previous;
    private volatile FileStamp stamp;
    private volatile long checkedAt;
    private int generation = 1;

    /** Reads the files now; a failure here is the caller's (start-up) error. */
    ReloadingFiles(String what, Reader<T> reader, LongSupplier nanoTime, Path... files) throws IOException {
        this.what = what;
        this.files = files.clone();
        this.reader = reader;
        this.nanoTime = nanoTime;
        this.stamp = FileStamp.of(files);
        this.current = reader.read(generation);
        this.checkedAt = nanoTime.getAsLong();
    }

    /** The value of the files as they are now (read again if they changed, at most once a second). */
    T current() {
        long now = nanoTime.getAsLong();
        if (now - checkedAt >= CHECK_NANOS) {
            synchronized (this) {
                if (now - checkedAt >= CHECK_NANOS) {
                    checkedAt = now;
                    reload();
                }
            }
        }
        return current;
    }

    /** The value before the last reload, or null. */
    T previous() {
        return previous;
    }

    private void reload() {
        try {
            FileStamp seen = FileStamp.of(files);
            if (seen.equals(stamp)) {
                return;
            }
            T next = reader.read(generation + 1);
            generation++;
            previous = current;
            current = next;
            stamp = seen;
            log.info("{} reloaded from {}", what, files[0]);
        } catch (IOException | RuntimeException e) {
            log.warn("{} not reloaded, the previous one stays in use: {}", what, e.getMessage());
        }
    }
}
