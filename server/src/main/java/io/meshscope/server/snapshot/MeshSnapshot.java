package io.meshscope.server.snapshot;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.xds.XdsSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * One immutable, complete view of the mesh that the server serves: the input, its index, the xDS resources
 * built from it (lazily, per scope, shared by proxies of one scope) and the warnings found while accepting it.
 * A new snapshot replaces the old one in a single atomic swap; nothing in it ever changes.
 *
 * @param version monotonically increasing, 1 for the first snapshot
 * @param workloads the input's workloads indexed for matching connecting proxies
 */
public record MeshSnapshot(long version, Instant createdAt, MeshInput input, MeshIndex index, XdsSnapshot xds,
                           List<Diagnostic> warnings, WorkloadLookup workloads) {
    public MeshSnapshot {
        warnings = List.copyOf(warnings);
    }

    public MeshSnapshot(long version, Instant createdAt, MeshInput input, MeshIndex index, XdsSnapshot xds,
                        List<Diagnostic> warnings) {
        this(version, createdAt, input, index, xds, warnings, WorkloadLookup.of(input));
    }
}
