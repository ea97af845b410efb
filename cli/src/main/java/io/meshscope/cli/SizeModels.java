package io.meshscope.cli;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.whatif.SizeModel;
import io.meshscope.xds.XdsSnapshot;

/**
 * The config size model generate, whatif and analyze use: the xDS wire bytes of the outbound config a scope
 * gives one proxy, from the same generator the control plane serves with. Scopes are generated once each.
 */
final class SizeModels {
    private SizeModels() {
    }

    static SizeModel bytes(MeshInput input) {
        return bytes(MeshIndex.build(input));
    }

    /** The byte size model over an index the caller already has (so it is not built twice). */
    static SizeModel bytes(MeshIndex index) {
        return new SizeModel(XdsSnapshot.build(index)::outboundBytes, "bytes");
    }
}
