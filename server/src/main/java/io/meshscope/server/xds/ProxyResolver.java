package io.meshscope.server.xds;

import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.Proxy;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.server.snapshot.ProxyContext;
import io.meshscope.server.snapshot.WorkloadLookup;
import java.util.Map;

/**
 * Maps a node to its workload the way istiod does: the pod named in the node id (in its namespace), else a
 * pod or WorkloadEntry with the node's IP; for inputs without Pods (manifests from Git), else the controller the
 * pod name and labels point to. Node metadata labels win over the workload's; an unknown proxy gets
 * the scope its namespace and labels imply.
 */
final class ProxyResolver {
    private ProxyResolver() {
    }

    static ProxyContext resolve(NodeIdentity node, MeshSnapshot snap) {
        WorkloadLookup lookup = snap.workloads();
        Workload workload = lookup.pod(node.namespace(), node.podName());
        if (workload == null && !node.ip().isEmpty()) {
            workload = lookup.byAddress(node.ip());
        }
        if (workload == null && !node.podName().isEmpty()) {
            workload = lookup.controllerOf(node.namespace(), node.podName(), node.labels());
        }
        Map<String, String> labels = !node.labels().isEmpty() ? node.labels()
                : workload != null ? workload.labels() : Map.of();
        String namespace = workload != null && node.namespace().equals("default") && !node.id().contains(".")
                ? workload.namespace() : node.namespace();
        return new ProxyContext(new Proxy(node.type(), namespace, labels), workload, node.proxyless());
    }
}
