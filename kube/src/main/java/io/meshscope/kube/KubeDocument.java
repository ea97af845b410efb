package io.meshscope.kube;

/**
 * One Kubernetes object as JSON text, named {@code k8s:Kind/namespace/name} ({@code k8s:Kind/name} when
 * cluster-scoped) so that every message about it names the object.
 */
public record KubeDocument(String name, String json) implements Comparable<KubeDocument> {
    /** The prefix of every document name. */
    public static final String PREFIX = "k8s:";

    static String nameOf(String kind, String namespace, String name) {
        return PREFIX + kind + "/" + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    @Override
    public int compareTo(KubeDocument other) {
        return name.compareTo(other.name);
    }
}
