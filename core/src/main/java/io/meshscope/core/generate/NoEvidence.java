package io.meshscope.core.generate;

import java.util.Locale;

/**
 * What {@code generate} does with a sidecar workload the evidence does not speak for (no call seen from it, not a
 * key of a dependency map, no access log of its own): the evidence says nothing about what it calls, so the safe
 * default keeps its current scope.
 */
public enum NoEvidence {
    /** Keep its current scope: no Sidecar for it, its current Sidecar kept, no namespace default over it. */
    SKIP,
    /** Give it a Sidecar importing nothing but {@code --always} hosts ({@code ~/*}), as if it called nothing. */
    ISOLATE;

    /** {@code skip}, {@code isolate}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #cliName()} (case-insensitive); null when unknown. */
    public static NoEvidence parse(String s) {
        for (NoEvidence v : values()) {
            if (v.cliName().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }
}
