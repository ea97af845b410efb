package io.meshscope.core.generate;

import io.meshscope.core.deps.Caller;
import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.core.whatif.SizeModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The config size one proxy of a workload would get from a candidate host list, by the size model (which counts
 * the proxy's own inbound side too, so sizes are per workload), memoised per (workload, hosts). Candidate scopes
 * are built by the real engine over the input without Sidecars, once per (namespace, hosts); each gets a distinct
 * name because {@link MeshIndex} memoises scopes per Sidecar name.
 */
final class ScopeSizer {
    /** The host that imports nothing (an egress listener must list one): {@code ~} excludes every namespace. */
    static final String NOTHING = "~/*";

    private final MeshIndex index;
    private final SizeModel size;
    private final Map<String, SidecarScope> scopes = new HashMap<>();
    private final Map<String, Long> memo = new HashMap<>();
    private int candidates;

    ScopeSizer(MeshIndex index, SizeModel size) {
        this.index = index;
        this.size = size;
    }

    /** Size for a proxy of {@code caller} whose only listener is a catch-all importing {@code hosts}. */
    long size(Caller caller, Collection<String> hosts) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(hosts));
        if (sorted.isEmpty()) {
            sorted.add(NOTHING);
        }
        String namespace = caller.namespace();
        String key = namespace + "|" + String.join(",", sorted);
        Long known = memo.get(caller.id() + "|" + key);
        if (known != null) {
            return known;
        }
        SidecarScope scope = scopes.computeIfAbsent(key, k -> index.scopeFor(new Sidecar(
                ObjectMeta.of("Sidecar", namespace, "meshscope-candidate-" + candidates++), null, List.of(),
                List.of(new EgressListener(null, "", CaptureMode.DEFAULT, sorted)), null, null), namespace));
        long v = size.of(scope, caller);
        memo.put(caller.id() + "|" + key, v);
        return v;
    }

    /** Size for a proxy of {@code caller} without any Sidecar. */
    long unscoped(Caller caller) {
        return size.of(index.scopeFor(null, caller.namespace()), caller);
    }
}
