package io.meshscope.core.deps;

import java.util.Objects;

/**
 * One evidence input: its kind, where it was read (a file as given, or a URL) and the time window it covers
 * ({@code 7d}, {@code 2026-01-01T00:00:00Z..2026-01-08T00:00:00Z}), or null when it has none.
 */
public record EvidenceSource(EvidenceKind kind, String location, String window) implements Comparable<EvidenceSource> {
    public EvidenceSource {
        Objects.requireNonNull(kind, "kind");
        location = location == null ? "" : location;
    }

    /** {@code prometheus http://prom:9090 (7d)}, the form reports use. */
    public String describe() {
        return kind.label() + " " + location + (window == null ? "" : " (" + window + ")");
    }

    @Override
    public int compareTo(EvidenceSource o) {
        int c = kind.compareTo(o.kind);
        if (c == 0) {
            c = location.compareTo(o.location);
        }
        return c != 0 ? c : String.valueOf(window).compareTo(String.valueOf(o.window));
    }
}
