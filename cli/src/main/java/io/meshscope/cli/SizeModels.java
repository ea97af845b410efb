package io.meshscope.cli;

import io.meshscope.core.whatif.SizeModel;

/**
 * The config size model generate and whatif use. Until the xDS report engine can size a single
 * {@link io.meshscope.core.scope.SidecarScope}, it is {@link SizeModel#CLUSTERS} (outbound clusters), and reports
 * say "clusters". To switch to bytes, return {@code new SizeModel(scope -> <xDS wire bytes of scope>, "bytes")}
 * here: nothing else changes.
 */
final class SizeModels {
    private SizeModels() {
    }

    static SizeModel current() {
        return SizeModel.CLUSTERS;
    }
}
