package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the mesh config once, for one-shot commands: lists (in pages) rather than watches, every kind
 * meshscope reads, in the namespaces in scope. One request per kind when all namespaces are read, one per kind
 * and namespace when they are filtered.
 */
public final class KubeLister {
    /** Objects per list request; bigger lists are paged with {@code continue} tokens. */
    static final long PAGE = 500;

    private KubeLister() {
    }

    /**
     * Lists everything in scope.
     *
     * @throws KubeException when the API server cannot be reached or refuses a list
     */
    public static KubeDocuments list(KubernetesClient client, KubeOptions options) {
        KubeDiscovery.Served served;
        try {
            served = KubeDiscovery.discover(client);
        } catch (KubernetesClientException e) {
            throw KubeException.of("discover the API at " + client.getMasterUrl(), e);
        }
        DocumentAssembler assembler = new DocumentAssembler(client.getKubernetesSerialization(), new NamespaceScope(options));
        List<GenericKubernetesResource> namespaces = list(client, WatchedKind.NAMESPACE, null, null);
        List<GenericKubernetesResource> meshConfigMaps = list(client, WatchedKind.CONFIG_MAP, null,
                "metadata.name=" + WatchedKind.MESH_CONFIG_MAP);
        Set<String> inScope = assembler.namespacesInScope(namespaces, meshConfigMaps);
        Map<WatchedKind, List<GenericKubernetesResource>> objects = new LinkedHashMap<>();
        for (WatchedKind kind : served.kinds()) {
            List<GenericKubernetesResource> items = new ArrayList<>();
            if (assembler.scope().filtered()) {
                for (String ns : inScope) {
                    items.addAll(list(client, kind, ns, null));
                }
            } else {
                items.addAll(list(client, kind, null, null));
            }
            objects.put(kind, items);
        }
        return assembler.assemble(namespaces, meshConfigMaps, objects, inScope, served.notes());
    }

    private static List<GenericKubernetesResource> list(KubernetesClient client, WatchedKind kind, String namespace,
                                                        String fieldSelector) {
        FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
                Resource<GenericKubernetesResource>> scoped = KubeInformers.operation(client, kind, namespace);
        List<GenericKubernetesResource> out = new ArrayList<>();
        String cont = null;
        try {
            do {
                ListOptions page = new ListOptionsBuilder().withLimit(PAGE).withContinue(cont)
                        .withFieldSelector(fieldSelector).build();
                GenericKubernetesResourceList result = scoped.list(page);
                out.addAll(result.getItems());
                cont = result.getMetadata() == null ? null : result.getMetadata().getContinue();
            } while (cont != null && !cont.isEmpty());
        } catch (KubernetesClientException e) {
            throw KubeException.of("list " + kind.resource() + (namespace == null ? "" : " in namespace " + namespace)
                    + " from " + client.getMasterUrl(), e);
        }
        return out;
    }
}
