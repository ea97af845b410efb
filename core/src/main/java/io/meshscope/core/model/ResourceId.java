package io.meshscope.core.model;

import java.util.Comparator;

/** Identifies one Kubernetes object: its kind, namespace (empty for cluster-scoped kinds) and name. */
public record ResourceId(String kind, String namespace, String name) implements Comparable<ResourceId> {
    private static final Comparator<ResourceId> ORDER = Comparator.comparing(ResourceId::kind)
            .thenComparing(ResourceId::namespace).thenComparing(ResourceId::name);

    /** {@code namespace/name}, the short form Istio uses in messages. */
    public String nsName() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @Override
    public int compareTo(ResourceId o) {
        return ORDER.compare(this, o);
    }

    /** {@code Kind namespace/name}, the form every message uses to name a resource. */
    @Override
    public String toString() {
        return kind + " " + nsName();
    }
}
