package io.meshscope.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** One kind read from the API server, at the version the server serves. */
record WatchedKind(String group, String version, String kind, String plural, boolean namespaced) {

    static final WatchedKind NAMESPACE = new WatchedKind("", "v1", "Namespace", "namespaces", false);
    static final WatchedKind CONFIG_MAP = new WatchedKind("", "v1", "ConfigMap", "configmaps", true);
    /** The only ConfigMap read: Istio's mesh config ({@code istio}, key {@code mesh}). */
    static final String MESH_CONFIG_MAP = "istio";

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The resource as metrics and logs name it: {@code v1/pods}, {@code networking.istio.io/v1/sidecars}. */
    String resource() {
        return apiVersion() + "/" + plural;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
