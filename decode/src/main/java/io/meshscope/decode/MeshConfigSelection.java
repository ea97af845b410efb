package io.meshscope.decode;

import io.meshscope.core.model.MeshConfig;

/**
 * Picks the mesh ConfigMap as istiod finds it: ConfigMap {@code istio} in the root namespace that its own
 * {@code rootNamespace} names (istio-system when unset). Other {@code istio} ConfigMaps are ignored (and
 * counted as skipped); only the chosen one's problems are reported.
 */
final class MeshConfigSelection {
    private MeshConfigSelection() {
    }

    static MeshConfig fromConfigMaps(ObjectStore store, Diagnostics diags) {
        MeshConfigMap chosen = null;
        for (MeshConfigMap cm : store.all(MeshConfigMap.class)) {
            boolean inItsRoot = cm.meta().namespace().equals(cm.mesh().rootNamespace());
            if (inItsRoot && chosen == null) {
                chosen = cm;
                continue;
            }
            store.skip("v1/ConfigMap");
            if (inItsRoot) {
                diags.warning(cm.id(), cm.meta().location(), "", Diagnostics.IGNORED, "ignored as mesh config: "
                        + chosen.id() + " at " + chosen.meta().location() + " is used");
            } else {
                diags.info(cm.id(), cm.meta().location(), "", Diagnostics.IGNORED, "ignored as mesh config: "
                        + "it is not in its root namespace \"" + cm.mesh().rootNamespace() + "\"");
            }
        }
        if (chosen == null) {
            return MeshConfig.defaults();
        }
        diags.addAll(chosen.problems());
        return chosen.mesh();
    }
}
