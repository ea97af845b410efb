package io.meshscope.core.progress;

/**
 * Told how far a long computation has got (reading files, indexing, analysing scopes), so an adapter can show it;
 * the core never decides how or whether it is shown. Calls come from the thread that runs the computation, in
 * order: {@link #phase} opens a phase, {@link #advance} moves it, {@link #phaseDone} closes it. Passed in, never
 * global; {@link #NONE} ignores everything.
 */
public interface ProgressListener {
    /** Ignores everything: the default wherever no one watches. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * A phase starts: {@code name} says what is done ("decoding", "analyzing scopes"), {@code total} how many
     * {@code unit}s ("files", "bytes", "scopes") it will take, or -1 when unknown. Closes any open phase.
     */
    default void phase(String name, long total, String unit) {
    }

    /** {@code units} more of the current phase are done. */
    default void advance(long units) {
    }

    /** The current phase is over. */
    default void phaseDone() {
    }
}
