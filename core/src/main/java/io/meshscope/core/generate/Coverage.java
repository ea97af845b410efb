package io.meshscope.core.generate;

import io.meshscope.core.deps.CallResolver;
import io.meshscope.core.deps.Caller;
import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.deps.Resolution;
import io.meshscope.core.deps.Unresolved;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which sidecar workloads and namespaces the evidence speaks for. A workload is covered when the evidence shows
 * a call from it (tied to a service or not), or names it without calls (a dependency map key with
 * {@code calls: []}, an access log of its own proxy): for those the evidence says what they call, even nothing.
 * A namespace is covered when every sidecar workload in it is, partly when some are.
 */
public final class Coverage {
    private final List<Caller> sidecars;
    private final Set<String> covered;

    private Coverage(List<Caller> sidecars, Set<String> covered) {
        this.sidecars = sidecars;
        this.covered = covered;
    }

    /** The coverage of {@code resolution}'s evidence over its callers ({@code resolver} ties names to callers). */
    public static Coverage of(Resolution resolution, CallResolver resolver) {
        Set<String> ids = new TreeSet<>();
        resolution.calls().stream().map(ResolvedCall::caller).forEach(c -> ids.add(c.id()));
        for (Unresolved u : resolution.unresolved()) {
            add(ids, resolver, u.call().sourceNamespace(), u.call().sourceWorkload());
        }
        for (String id : resolution.evidence().workloads()) {
            int slash = id.indexOf('/');
            if (slash > 0) {
                add(ids, resolver, id.substring(0, slash), id.substring(slash + 1));
            }
        }
        List<Caller> sidecars = resolution.callers().all().stream().filter(Caller::isSidecar).toList();
        return new Coverage(sidecars, ids);
    }

    private static void add(Set<String> ids, CallResolver resolver, String namespace, String name) {
        Caller c = resolver.caller(namespace, name);
        if (c != null) {
            ids.add(c.id());
        }
    }

    /** Whether the evidence speaks for {@code c}. */
    public boolean covers(Caller c) {
        return covered.contains(c.id());
    }

    /** Sidecar workloads the evidence does not speak for, in id order. */
    public List<Caller> uncovered() {
        return sidecars.stream().filter(c -> !covers(c)).toList();
    }

    /** Sidecar workloads in the mesh. */
    public int workloads() {
        return sidecars.size();
    }

    /** Sidecar workloads the evidence speaks for. */
    public int coveredWorkloads() {
        return (int) sidecars.stream().filter(this::covers).count();
    }

    /** Namespaces with sidecar workloads. */
    public int namespaces() {
        return perNamespace().size();
    }

    /** Namespaces all of whose sidecar workloads the evidence speaks for. */
    public int coveredNamespaces() {
        return (int) perNamespace().values().stream().filter(n -> n[0] == n[1]).count();
    }

    /** Namespaces some (not all) of whose sidecar workloads the evidence speaks for. */
    public int partlyCoveredNamespaces() {
        return (int) perNamespace().values().stream().filter(n -> n[0] > 0 && n[0] < n[1]).count();
    }

    /** namespace → {covered, all}. */
    private TreeMap<String, int[]> perNamespace() {
        TreeMap<String, int[]> out = new TreeMap<>();
        for (Caller c : sidecars) {
            int[] n = out.computeIfAbsent(c.namespace(), k -> new int[2]);
            n[1]++;
            if (covers(c)) {
                n[0]++;
            }
        }
        return out;
    }
}
