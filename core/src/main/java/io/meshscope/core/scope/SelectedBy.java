package io.meshscope.core.scope;

/** How the applied Sidecar was chosen (the precedence tiers of istiod's {@code doGetSidecarScope}). */
public enum SelectedBy {
    WORKLOAD_SELECTOR("workloadSelector"),
    NAMESPACE_DEFAULT("namespaceDefault"),
    ROOT_NAMESPACE_DEFAULT("rootNamespaceDefault"),
    NONE("none");

    private final String wireName;

    SelectedBy(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON value of {@code selectedBy}. */
    public String wireName() {
        return wireName;
    }
}
