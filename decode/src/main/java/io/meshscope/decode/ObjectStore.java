package io.meshscope.decode;

import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.ResourceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects read so far, one per kind/namespace/name: a later definition replaces an earlier one (as
 * {@code kubectl apply} of both would) with a warning naming both places. Also counts skipped kinds.
 */
final class ObjectStore {
    private final Map<ResourceId, MeshObject> objects = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final Diagnostics diags;
    /** {@link #objects} grouped by class, made when first asked for and dropped by a change. */
    private Map<Class<?>, List<MeshObject>> byType;

    ObjectStore(Diagnostics diags) {
        this.diags = diags;
    }

    void put(MeshObject object) {
        byType = null;
        MeshObject previous = objects.put(object.id(), object);
        if (previous != null) {
            // the later definition takes the later place too: moved to the end
            objects.remove(object.id());
            objects.put(object.id(), object);
            diags.warning(object.id(), object.meta().location(), "", Diagnostics.DUPLICATE,
                    "defined more than once: first at " + previous.meta().location() + ", again at "
                            + object.meta().location() + "; the later one wins");
        }
    }

    /** Counts an object of a kind meshscope does not read, keyed {@code apiVersion/kind}. */
    void skip(String apiVersionAndKind) {
        skip(apiVersionAndKind, 1);
    }

    void skip(String apiVersionAndKind, int count) {
        skipped.merge(apiVersionAndKind, count, Integer::sum);
    }

    /** Every object, in the order of its (last) definition. */
    List<MeshObject> objects() {
        return new ArrayList<>(objects.values());
    }

    /** The objects of {@code type} (exactly, not subclasses), in the order of their (last) definition. */
    <T extends MeshObject> List<T> all(Class<T> type) {
        if (byType == null) {
            // one pass for every type asked for: a 50,000-service mesh has 200,000 objects, asked for ten times
            byType = new HashMap<>();
            for (MeshObject o : objects.values()) {
                byType.computeIfAbsent(o.getClass(), c -> new ArrayList<>()).add(o);
            }
        }
        List<MeshObject> found = byType.getOrDefault(type, List.of());
        List<T> out = new ArrayList<>(found.size());
        for (MeshObject o : found) {
            out.add(type.cast(o));
        }
        return out;
    }

    Map<String, Integer> skipped() {
        return skipped;
    }
}
