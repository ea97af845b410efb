package io.meshscope.core.model;

/** Any decoded object of the mesh config. */
public interface MeshObject {
    ObjectMeta meta();

    default ResourceId id() {
        return meta().id();
    }
}
