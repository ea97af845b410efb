package io.meshscope.decode;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each file decoded to the last time it was read, for a reader that reads the same paths again and again
 * (the server's file watch). A file whose bytes did not change yields the very same objects, so re-reading a
 * mesh after one file changed decodes that file alone, and everything comparing the new input with the old one
 * (change detection, validation reuse) finds the unchanged objects identical by reference.
 *
 * <p>Only the files of the latest read are kept. One read at a time; within a read, {@link #reusable} may be
 * asked from several threads while {@link #record} is called from one.
 */
public final class DecodeCache {
    /** One file's decoded content: its objects in order, what was skipped, what was found wrong, its documents. */
    record Decoded(List<MeshObject> objects, Map<String, Integer> skipped, List<Diagnostic> diagnostics,
                   int documents) {
        Decoded {
            objects = List.copyOf(objects);
            skipped = Map.copyOf(skipped);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private record Entry(byte[] bytes, SourceHints hints, Decoded decoded) {
    }

    private Map<String, Entry> previous = new HashMap<>();
    private Map<String, Entry> current = new HashMap<>();
    private int hits;
    private int misses;
    private int lastReused;
    private int lastDecoded;

    /**
     * What {@code source} decoded to last time when its bytes and hints are unchanged, else null. Only reads what
     * the previous read left, so decoding threads may ask at the same time; {@link #record} then keeps the answer.
     */
    Decoded reusable(Source source) {
        Entry e = previous.get(source.name());
        // The hints are part of the key: a kustomization can start listing an unchanged file as a patch.
        boolean same = e != null && source.bytes() != null && Arrays.equals(e.bytes(), source.bytes())
                && e.hints().equals(source.hints());
        return same ? e.decoded() : null;
    }

    /** Keeps {@code decoded} as what {@code source} decodes to in this read; {@code reused}: it came from the cache. */
    void record(Source source, Decoded decoded, boolean reused) {
        current.put(source.name(), new Entry(source.bytes(), source.hints(), decoded));
        if (reused) {
            hits++;
        } else {
            misses++;
        }
    }

    /** Ends a read: files not read this time are forgotten. */
    void roll() {
        previous = current;
        current = new HashMap<>();
        lastReused = hits;
        lastDecoded = misses;
        hits = 0;
        misses = 0;
    }

    /** Files of the latest read answered from the cache. */
    public int reused() {
        return lastReused;
    }

    /** Files of the latest read decoded (new or changed). */
    public int decoded() {
        return lastDecoded;
    }
}
