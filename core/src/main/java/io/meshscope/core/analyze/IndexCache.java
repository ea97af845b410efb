package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;

/**
 * Shares one {@link MeshIndex} (and its memoised scopes) among the analyzers of one run: remembers the index
 * of the last input it was asked about, by identity. Per list of analyzers, never global.
 */
final class IndexCache {
    private MeshInput input;
    private MeshIndex index;

    synchronized MeshIndex of(MeshInput in) {
        if (in != input) {
            index = MeshIndex.build(in);
            input = in;
        }
        return index;
    }
}
