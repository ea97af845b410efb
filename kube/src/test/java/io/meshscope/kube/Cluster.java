package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes objects into a (mock) API server from YAML, as kubectl apply would, for the tests. */
public final class Cluster {
    private static final Map<String, String[]> KINDS = Map.ofEntries(
            Map.entry("Namespace", new String[] {"", "namespaces"}),
            Map.entry("ConfigMap", new String[] {"", "configmaps"}),
            Map.entry("Service", new String[] {"", "services"}),
            Map.entry("Endpoints", new String[] {"", "endpoints"}),
            Map.entry("Pod", new String[] {"", "pods"}),
            Map.entry("EndpointSlice", new String[] {"discovery.k8s.io", "endpointslices"}),
            Map.entry("Deployment", new String[] {"apps", "deployments"}),
            Map.entry("StatefulSet", new String[] {"apps", "statefulsets"}),
            Map.entry("DaemonSet", new String[] {"apps", "daemonsets"}),
            Map.entry("ReplicaSet", new String[] {"apps", "replicasets"}),
            Map.entry("Job", new String[] {"batch", "jobs"}),
            Map.entry("CronJob", new String[] {"batch", "cronjobs"}),
            Map.entry("Sidecar", new String[] {"networking.istio.io", "sidecars"}),
            Map.entry("ServiceEntry", new String[] {"networking.istio.io", "serviceentries"}),
            Map.entry("WorkloadEntry", new String[] {"networking.istio.io", "workloadentries"}),
            Map.entry("VirtualService", new String[] {"networking.istio.io", "virtualservices"}),
            Map.entry("DestinationRule", new String[] {"networking.istio.io", "destinationrules"}),
            Map.entry("PeerAuthentication", new String[] {"security.istio.io", "peerauthentications"}));

    private final KubernetesClient client;

    public Cluster(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Registers Istio's five networking CRDs, served at {@code versions} (the first is the storage version), and
     * PeerAuthentication at v1 and v1beta1, as every Istio release that serves networking v1 installs it.
     */
    public Cluster istioCrds(String... versions) {
        for (String kind : List.of("Sidecar", "ServiceEntry", "WorkloadEntry", "VirtualService", "DestinationRule")) {
            crd(kind, versions);
        }
        crd("PeerAuthentication", "v1", "v1beta1");
        return this;
    }

    /** Registers one CRD of {@link #KINDS} served at {@code versions} (the first is the storage version). */
    public Cluster crd(String kind, String... versions) {
        String group = KINDS.get(kind)[0];
        String plural = KINDS.get(kind)[1];
        List<CustomResourceDefinitionVersion> served = new ArrayList<>();
        for (int i = 0; i < versions.length; i++) {
            served.add(new CustomResourceDefinitionVersionBuilder().withName(versions[i]).withServed(true)
                    .withStorage(i == 0).build());
        }
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).withListKind(kind + "List").endNames()
                .withVersions(served).endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        return this;
    }

    /** Creates or replaces every document of a YAML stream. */
    public Cluster apply(String yaml) {
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(doc, GenericKubernetesResource.class);
            var op = client.genericKubernetesResources(context(r.getApiVersion(), r.getKind()));
            var res = r.getMetadata().getNamespace() == null ? op.resource(r)
                    : op.inNamespace(r.getMetadata().getNamespace()).resource(r);
            res.createOr(existing -> existing.update());
        }
        return this;
    }

    /** Deletes one object. */
    public Cluster delete(String apiVersion, String kind, String namespace, String name) {
        var op = client.genericKubernetesResources(context(apiVersion, kind));
        (namespace == null ? op.withName(name) : op.inNamespace(namespace).withName(name)).delete();
        return this;
    }

    static ResourceDefinitionContext context(String apiVersion, String kind) {
        String[] k = KINDS.get(kind);
        int slash = apiVersion.indexOf('/');
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return new ResourceDefinitionContext.Builder().withGroup(k[0]).withVersion(version).withKind(kind)
                .withPlural(k[1]).withNamespaced(!kind.equals("Namespace")).build();
    }
}
