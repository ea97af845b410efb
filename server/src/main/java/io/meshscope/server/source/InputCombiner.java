package io.meshscope.server.source;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshInputs;
import io.meshscope.server.snapshot.SnapshotStore;
import java.util.List;

/**
 * Combines the file source and the Kubernetes source into one input for the {@link SnapshotStore}: each source
 * replaces only its own part, and nothing is offered until every enabled source has delivered once, so a
 * half-synced cluster never becomes a snapshot.
 */
public final class InputCombiner {
    private final SnapshotStore store;
    private final boolean files;
    private final boolean kube;
    private MeshInput fromFiles;
    private MeshInput fromKube;

    public InputCombiner(SnapshotStore store, boolean files, boolean kube) {
        this.store = store;
        this.files = files;
        this.kube = kube;
    }

    public synchronized List<Diagnostic> offerFiles(MeshInput input) {
        fromFiles = input;
        return offer();
    }

    public synchronized List<Diagnostic> offerKube(MeshInput input) {
        fromKube = input;
        return offer();
    }

    private List<Diagnostic> offer() {
        if ((files && fromFiles == null) || (kube && fromKube == null)) {
            return List.of();
        }
        MeshInput combined = !kube ? fromFiles : !files ? fromKube : MeshInputs.merge(fromFiles, fromKube);
        return store.offer(combined);
    }
}
