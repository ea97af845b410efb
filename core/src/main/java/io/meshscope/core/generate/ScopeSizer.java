package io.meshscope.core.generate;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.whatif.SizeModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The config size one proxy of a namespace would get from a candidate host list, by the size model, memoised per
 * (namespace, hosts). Candidates are scoped by the real engine over the input without Sidecars; each gets a
 * distinct name because {@link MeshIndex} memoises scopes per Sidecar name.
 */
final class ScopeSizer {
    /** The host that imports nothing (an egress listener must list one): {@code ~} excludes every namespace. */
    static final String NOTHING = "~/*";

    private final MeshIndex index;
    private final SizeModel size;
    private final Map<String, Long> memo = new HashMap<>();
    private int candidates;

    ScopeSizer(MeshIndex index, SizeModel size) {
        this.index = index;
        this.size = size;
    }

    /** Size for a proxy of {@code namespace} whose only listener is a catch-all importing {@code hosts}. */
    long size(String namespace, Collection<String> hosts) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(hosts));
        if (sorted.isEmpty()) {
            sorted.add(NOTHING);
        }
        String key = namespace + "|" + String.join(",", sorted);
        Long known = memo.get(key);
        if (known != null) {
            return known;
        }
        Sidecar candidate = new Sidecar(ObjectMeta.of("Sidecar", namespace, "meshscope-candidate-" + candidates++),
                null, List.of(), List.of(new EgressListener(null, "", CaptureMode.DEFAULT, sorted)), null, null);
        long v = size.of(index.scopeFor(candidate, namespace));
        memo.put(key, v);
        return v;
    }

    /** Size for a proxy of {@code namespace} without any Sidecar. */
    long unscoped(String namespace) {
        return size.of(index.scopeFor(null, namespace));
    }
}
