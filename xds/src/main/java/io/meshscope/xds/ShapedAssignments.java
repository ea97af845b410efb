package io.meshscope.xds;

import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.scope.EndpointUpdate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A snapshot's locality-shaped EDS assignments, each built once per (assignment, effective setting, locality
 * view) and carried over by endpoint updates that do not touch its service. Pure: a memo of
 * {@link EndpointBuilder#assignment(String, io.meshscope.core.registry.MeshService,
 * io.meshscope.core.registry.ServicePort, Map, String, LocalityLbPolicy, io.meshscope.core.model.Locality, Map)}.
 */
final class ShapedAssignments {
    private record Key(String assignment, LocalityLbPolicy policy, LocalityView view) {
    }

    private record Entry(ClusterBuilder.EdsTarget target, NamedResource resource) {
    }

    private final MeshConfig mesh;
    private final EndpointBuilder endpoints;
    private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

    ShapedAssignments(MeshConfig mesh, EndpointBuilder endpoints) {
        this.mesh = mesh;
        this.endpoints = endpoints;
    }

    /**
     * The setting that shapes a target's endpoints per proxy ({@code getOutlierDetectionAndLoadBalancerSettings}:
     * the cluster's merged DestinationRule policy, else the mesh's setting), or null when every proxy gets the
     * same assignment.
     */
    LocalityLbPolicy shaping(ClusterBuilder.EdsTarget t, Map<String, DestinationRuleIndex.Entry> drs) {
        DestinationRuleIndex.Entry dr = drs.get(t.service().hostname());
        String[] parts = t.cluster().split("\\|", 4);
        String subset = parts.length == 4 ? parts[2] : "";
        LocalityLbPolicy p = LocalityLbPolicy.effective(mesh,
                TrafficPolicies.forCluster(dr == null ? null : dr.rule(), subset, t.port().port()));
        return p != null && p.shapesEndpoints() ? p : null;
    }

    /** The target's assignment shaped by {@code policy} for proxies with {@code view}. */
    NamedResource get(ClusterBuilder.EdsTarget t, LocalityLbPolicy policy, LocalityView view) {
        return cache.computeIfAbsent(new Key(t.cacheKey(), policy, view), k -> new Entry(t,
                NamedResource.of(t.cluster(), endpoints.assignment(t.cluster(), t.service(), t.port(),
                        t.subsetLabels(), t.drTlsMode(), policy, view.locality(), view.labels())))).resource();
    }

    /** Copies into {@code next} every assignment whose service {@code update} leaves alone. */
    void carryOver(ShapedAssignments next, EndpointUpdate update) {
        cache.forEach((key, e) -> {
            if (!update.changed(e.target().service())) {
                next.cache.put(key, e);
            }
        });
    }
}
