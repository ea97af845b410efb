package io.meshscope.core.model;

/** A Kubernetes Namespace; only its labels and annotations matter (ambient mode, injection). */
public record Namespace(ObjectMeta meta) implements MeshObject {
}
