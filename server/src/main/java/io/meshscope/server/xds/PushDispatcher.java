package io.meshscope.server.xds;

import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.ConfigChanges;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.PushPolicy;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.core.model.ResourceId;
import io.meshscope.server.metrics.ServerMetrics;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.server.snapshot.SnapshotStore;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands each snapshot swap to the streams it can reach. For an endpoint update (the frequent change) the push
 * decision is taken once per connected identity on the previous scope — shared by every proxy of that identity —
 * and only the streams of identities that depend on a changed key, plus those whose node names a Pod or
 * WorkloadEntry that came, went or moved (their workload may resolve differently), get the swap. The cost of a
 * change thus grows with the proxies it reaches and the number of distinct identities, not with the proxies
 * connected. Any other swap goes to every stream, each deciding for itself ({@link XdsStream#onSwap}).
 */
final class PushDispatcher {
    private final ConnectionRegistry connections;
    private final ServerMetrics metrics;

    PushDispatcher(ConnectionRegistry connections, ServerMetrics metrics) {
        this.connections = connections;
        this.metrics = metrics;
    }

    /** Called by the store right after the swap (on the thread that offered the new input). */
    void dispatch(SnapshotStore.Swap swap) {
        int connected = connections.all().size();
        int handed = 0;
        for (XdsStream s : targets(swap)) {
            s.onSwap(swap);
            handed++;
        }
        metrics.skippedByIndex(Math.max(0, connected - handed));
    }

    /** The streams that must look at {@code swap}: a superset of those it changes something for. */
    Iterable<XdsStream> targets(SnapshotStore.Swap swap) {
        MeshSnapshot previous = swap.previous();
        ConfigChanges changes = swap.changes();
        if (previous == null || !swap.endpointsOnly() || changes.meshConfigChanged()) {
            return connections.all();
        }
        Set<XdsStream> out = StreamGroups.newTargetSet();
        StreamGroups groups = connections.groups();
        if (previous.workloads() != swap.current().workloads()) {
            for (Workload w : movedEndpoints(previous, swap.current())) {
                groups.namingWorkload(w.namespace(), w.kind() == WorkloadKind.POD ? w.name() : null, w.addresses(),
                        out::add);
            }
        }
        MeshIndex was = previous.index();
        PushPolicy policy = was.pushPolicy();
        // Proxies of one scope and type get the same answer: endpoint keys are judged on the scope alone.
        Map<SidecarScope, Boolean>[] byType = newMemo();
        groups.forEachIdentity((proxy, streams) -> {
            SidecarScope scope = was.scope(proxy);
            Boolean push = byType[proxy.type().ordinal()].computeIfAbsent(scope,
                    sc -> policy.needsEndpointPush(proxy, sc, changes.keys()));
            if (push) {
                out.addAll(streams);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<SidecarScope, Boolean>[] newMemo() {
        Map<SidecarScope, Boolean>[] m = new Map[io.meshscope.core.scope.ProxyType.values().length];
        for (int i = 0; i < m.length; i++) {
            m[i] = new IdentityHashMap<>();
        }
        return m;
    }

    /** Pods and WorkloadEntries added, removed or changed between the two snapshots (old and new versions). */
    static List<Workload> movedEndpoints(MeshSnapshot before, MeshSnapshot after) {
        Map<ResourceId, Workload> old = new HashMap<>();
        for (Workload w : before.input().workloads()) {
            if (isEndpoint(w)) {
                old.put(w.id(), w);
            }
        }
        List<Workload> moved = new java.util.ArrayList<>();
        for (Workload w : after.input().workloads()) {
            if (!isEndpoint(w)) {
                continue;
            }
            Workload o = old.remove(w.id());
            if (o == w || w.equals(o)) {
                continue;
            }
            moved.add(w);
            if (o != null) {
                moved.add(o);
            }
        }
        moved.addAll(old.values());
        return moved;
    }

    private static boolean isEndpoint(Workload w) {
        return w.kind() == WorkloadKind.POD || w.kind() == WorkloadKind.WORKLOAD_ENTRY;
    }
}
