package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** The list and watch operations for a kind: cluster-wide, or in one namespace. */
final class KubeInformers {
    private KubeInformers() {
    }

    /** The operation on {@code kind} in {@code namespace}, or in every namespace when it is null. */
    static FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> operation(KubernetesClient client, WatchedKind kind, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(kind.context());
        if (!kind.namespaced()) {
            return op;
        }
        return namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace);
    }

    /**
     * An informer, not started, listing in pages of {@link KubeLister#PAGE} and never resyncing from its cache
     * (nothing here needs periodic resync events; relists after watch loss happen regardless).
     */
    static SharedIndexInformer<GenericKubernetesResource> informer(KubernetesClient client, WatchedKind kind,
                                                                   String namespace, String fieldSelector) {
        var op = operation(client, kind, namespace);
        if (fieldSelector != null) {
            int eq = fieldSelector.indexOf('=');
            op = op.withField(fieldSelector.substring(0, eq), fieldSelector.substring(eq + 1));
        }
        return op.withLimit(KubeLister.PAGE).runnableInformer(0);
    }
}
