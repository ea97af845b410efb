package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns API objects back into JSON text, exactly as the server sent them but for two kinds of bulk that
 * nothing reads ({@code metadata.managedFields} and kubectl's last-applied annotation), and with
 * {@code apiVersion} and {@code kind} always set (list responses omit them for built-in kinds). Remembers the
 * text per object and resourceVersion, so a new snapshot serialises only what changed. Not thread-safe.
 */
final class DocumentConverter {
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private record Cached(String resourceVersion, KubeDocument document) {
    }

    private final KubernetesSerialization serialization;
    private Map<String, Cached> cache = new HashMap<>();
    private Map<String, Cached> next = new HashMap<>();

    DocumentConverter(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** Starts a new snapshot: entries not used since the previous {@link #begin()} are forgotten. */
    void begin() {
        cache = next;
        next = new HashMap<>();
    }

    KubeDocument convert(WatchedKind kind, GenericKubernetesResource object) {
        ObjectMeta meta = object.getMetadata();
        String key = kind.resource() + "/" + meta.getNamespace() + "/" + meta.getName() + "/" + meta.getUid();
        String rv = meta.getResourceVersion();
        Cached hit = cache.get(key);
        if (hit == null || rv == null || !rv.equals(hit.resourceVersion())) {
            hit = new Cached(rv, new KubeDocument(KubeDocument.nameOf(kind.kind(), meta.getNamespace(), meta.getName()),
                    json(kind, object)));
        }
        next.put(key, hit);
        return hit.document();
    }

    @SuppressWarnings("unchecked")
    private String json(WatchedKind kind, GenericKubernetesResource object) {
        Map<String, Object> tree = serialization.convertValue(object, LinkedHashMap.class);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiVersion", kind.apiVersion());
        out.put("kind", kind.kind());
        tree.forEach(out::putIfAbsent);
        if (out.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> m = (Map<String, Object>) metadata;
            m.remove("managedFields");
            if (m.get("annotations") instanceof Map<?, ?> annotations) {
                annotations.remove(LAST_APPLIED);
            }
        }
        return serialization.asJson(out);
    }
}
