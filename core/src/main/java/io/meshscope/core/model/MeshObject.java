package io.meshscope.core.model;

import java.util.Comparator;

/** Any decoded object of the mesh config. */
public interface MeshObject {
    /** Istio's "oldest wins" order (Sidecars, VirtualServices, DestinationRules): creation time, name, namespace. */
    Comparator<MeshObject> OLDEST_FIRST = Comparator.comparingLong((MeshObject o) -> o.meta().creationEpochSeconds())
            .thenComparing(o -> o.meta().name()).thenComparing(o -> o.meta().namespace());

    ObjectMeta meta();

    default ResourceId id() {
        return meta().id();
    }
}
