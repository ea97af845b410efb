package io.meshscope.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Combines inputs read from several sources (files and a Kubernetes API server) into one. */
public final class MeshInputs {
    private MeshInputs() {
    }

    /**
     * Everything of both, in order. The mesh config is the first input's unless it is Istio's default and the
     * second's is not (the second then carried the {@code istio} ConfigMap).
     */
    public static MeshInput merge(MeshInput a, MeshInput b) {
        MeshConfig mesh = a.meshConfig().equals(MeshConfig.defaults()) ? b.meshConfig() : a.meshConfig();
        Map<String, Integer> skipped = new HashMap<>(a.skippedKinds());
        b.skippedKinds().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
        return new MeshInput(mesh, concat(a.namespaces(), b.namespaces()), concat(a.services(), b.services()),
                concat(a.serviceEntries(), b.serviceEntries()), concat(a.endpoints(), b.endpoints()),
                concat(a.workloads(), b.workloads()), concat(a.sidecars(), b.sidecars()),
                concat(a.virtualServices(), b.virtualServices()), concat(a.destinationRules(), b.destinationRules()),
                concat(a.peerAuthentications(), b.peerAuthentications()),
                concat(a.problems(), b.problems()), skipped, a.documents() + b.documents());
    }

    private static <T> List<T> concat(List<T> x, List<T> y) {
        List<T> out = new ArrayList<>(x);
        out.addAll(y);
        return out;
    }
}
