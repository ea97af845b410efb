package io.meshscope.xds;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.whatif.Proposals;
import java.util.List;

/** Variants of a mesh for comparisons, e.g. what every proxy would get if no Sidecar resource existed. */
public final class MeshIndexes {
    private MeshIndexes() {
    }

    /** The same input without any Sidecar: every sidecar proxy falls back to the built-in default scope. */
    public static MeshInput inputWithoutSidecars(MeshInput input) {
        return Proposals.withSidecars(input, List.of());
    }
}
