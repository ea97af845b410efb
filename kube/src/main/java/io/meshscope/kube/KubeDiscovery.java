package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the API server's discovery which of the kinds meshscope reads it serves: EndpointSlices (else the
 * legacy Endpoints), for each {@code networking.istio.io} kind the first of v1, v1beta1, v1alpha3 served, and
 * PeerAuthentication ({@code security.istio.io}) in the first of v1, v1beta1 served.
 */
final class KubeDiscovery {
    static final String ISTIO_GROUP = "networking.istio.io";
    private static final List<String> ISTIO_VERSIONS = List.of("v1", "v1beta1", "v1alpha3");
    private static final Map<String, String> ISTIO_KINDS = new LinkedHashMap<>();

    static {
        ISTIO_KINDS.put("Sidecar", "sidecars");
        ISTIO_KINDS.put("ServiceEntry", "serviceentries");
        ISTIO_KINDS.put("WorkloadEntry", "workloadentries");
        ISTIO_KINDS.put("VirtualService", "virtualservices");
        ISTIO_KINDS.put("DestinationRule", "destinationrules");
    }

    static final String SECURITY_GROUP = "security.istio.io";
    private static final List<String> SECURITY_VERSIONS = List.of("v1", "v1beta1");
    private static final Map<String, String> SECURITY_KINDS = Map.of("PeerAuthentication", "peerauthentications");

    /** The namespaced kinds to read (besides Namespaces and the mesh ConfigMap), and what is missing. */
    record Served(List<WatchedKind> kinds, List<String> notes) {
        Served {
            kinds = List.copyOf(kinds);
            notes = List.copyOf(notes);
        }
    }

    private KubeDiscovery() {
    }

    /** @throws KubernetesClientException when discovery itself fails (unreachable, unauthorised) */
    static Served discover(KubernetesClient client) {
        List<WatchedKind> kinds = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        kinds.add(new WatchedKind("", "v1", "Service", "services", true));
        if (served(client, "discovery.k8s.io/v1") != null) {
            kinds.add(new WatchedKind("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true));
        } else {
            kinds.add(new WatchedKind("", "v1", "Endpoints", "endpoints", true));
            notes.add("discovery.k8s.io/v1 is not served: reading the legacy Endpoints instead of EndpointSlices");
        }
        kinds.add(new WatchedKind("", "v1", "Pod", "pods", true));
        kinds.add(new WatchedKind("apps", "v1", "Deployment", "deployments", true));
        kinds.add(new WatchedKind("apps", "v1", "StatefulSet", "statefulsets", true));
        kinds.add(new WatchedKind("apps", "v1", "DaemonSet", "daemonsets", true));
        kinds.add(new WatchedKind("apps", "v1", "ReplicaSet", "replicasets", true));
        kinds.add(new WatchedKind("batch", "v1", "Job", "jobs", true));
        kinds.add(new WatchedKind("batch", "v1", "CronJob", "cronjobs", true));
        kinds.addAll(groupKinds(client, ISTIO_GROUP, ISTIO_VERSIONS, ISTIO_KINDS, notes));
        kinds.addAll(groupKinds(client, SECURITY_GROUP, SECURITY_VERSIONS, SECURITY_KINDS, notes));
        return new Served(kinds, notes);
    }

    /** The first served version of each of {@code wanted}'s kinds in {@code group}, in {@code versions}' order. */
    private static List<WatchedKind> groupKinds(KubernetesClient client, String group, List<String> versions,
                                                Map<String, String> wanted, List<String> notes) {
        Map<String, WatchedKind> found = new LinkedHashMap<>();
        for (String version : versions) {
            APIResourceList list = served(client, group + "/" + version);
            if (list == null || list.getResources() == null) {
                continue;
            }
            for (APIResource r : list.getResources()) {
                String plural = r.getName();
                if (plural == null || plural.contains("/") || !wanted.containsKey(r.getKind())) {
                    continue; // a subresource such as sidecars/status, or a kind meshscope does not read
                }
                found.putIfAbsent(r.getKind(), new WatchedKind(group, version, r.getKind(), plural, true));
            }
        }
        List<WatchedKind> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String kind : wanted.keySet()) {
            if (found.containsKey(kind)) {
                out.add(found.get(kind));
            } else {
                missing.add(kind);
            }
        }
        if (!missing.isEmpty()) {
            notes.add(group + " does not serve " + String.join(", ", missing) + " (in any of "
                    + String.join(", ", versions) + "): none read; are Istio's CRDs installed?");
        }
        return out;
    }

    /** The resources of a group version, or null when the server does not serve it. */
    private static APIResourceList served(KubernetesClient client, String groupVersion) {
        try {
            return client.getApiResources(groupVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
