package io.meshscope.decode;

import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.ResourceId;

import java.util.ArrayList;
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

    ObjectStore(Diagnostics diags) {
        this.diags = diags;
    }

    void put(MeshObject object) {
        MeshObject previous = objects.remove(object.id());
        if (previous != null) {
            diags.warning(object.id(), object.meta().location(), "", Diagnostics.DUPLICATE,
                    "defined more than once: first at " + previous.meta().location() + ", again at "
                            + object.meta().location() + "; the later one wins");
        }
        objects.put(object.id(), object);
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

    <T extends MeshObject> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (MeshObject o : objects.values()) {
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return out;
    }

    Map<String, Integer> skipped() {
        return skipped;
    }
}
