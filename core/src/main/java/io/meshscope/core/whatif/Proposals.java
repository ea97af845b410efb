package io.meshscope.core.whatif;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import java.util.List;

/** Builds the input a proposed Sidecar set would give: the same mesh with its Sidecars replaced. */
public final class Proposals {
    private Proposals() {
    }

    /** {@code input} with exactly {@code sidecars} as its Sidecars. */
    public static MeshInput withSidecars(MeshInput input, List<Sidecar> sidecars) {
        return input.withSidecars(sidecars);
    }
}
