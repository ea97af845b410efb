package io.meshscope.decode;

import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.ObjectMeta;

/**
 * A ConfigMap {@code istio} with a {@code mesh} key, held until all input is read: only the one in its own root
 * namespace is the mesh config, so its problems are reported only if it is the one used.
 */
record MeshConfigMap(ObjectMeta meta, MeshConfig mesh, Diagnostics problems) implements MeshObject {
}
