package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;

/**
 * Shares one {@link MeshIndex} (and its memoised scopes) and one {@link Consumers} among the analyzers of one
 * run: remembers those of the last input it was asked about, by identity. Per list of analyzers, never global.
 */
final class IndexCache {
    private MeshInput input;
    private MeshIndex index;
    private Consumers consumers;

    IndexCache() {
    }

    /** Starts with {@code index}, already built for its input: analyzers of that input reuse it (and its scopes). */
    IndexCache(MeshIndex index) {
        this.input = index.input();
        this.index = index;
    }

    synchronized MeshIndex of(MeshInput in) {
        if (in != input) {
            index = MeshIndex.build(in);
            consumers = null;
            input = in;
        }
        return index;
    }

    /** Who consumes the input's services (built once per input, on first use). */
    synchronized Consumers consumers(MeshInput in) {
        MeshIndex idx = of(in);
        if (consumers == null) {
            consumers = new Consumers(in, idx);
        }
        return consumers;
    }
}
