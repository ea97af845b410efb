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
        XdsSnapshot xds = XdsSnapshot.build(MeshIndex.build(input));
        return new SizeModel(xds::outboundBytes, "bytes");
    }
}
