package io.meshscope.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Puts one snapshot together from what was listed or watched: scoping, conversion to JSON, sorting. */
final class DocumentAssembler {
    private final NamespaceScope scope;
    private final DocumentConverter converter;

    DocumentAssembler(KubernetesSerialization serialization, NamespaceScope scope) {
        this.scope = scope;
        this.converter = new DocumentConverter(serialization);
    }

    NamespaceScope scope() {
        return scope;
    }

    /** The namespaces in scope, from the Namespace objects and the {@code istio} ConfigMaps seen. */
    Set<String> namespacesInScope(Collection<GenericKubernetesResource> namespaces,
                                  Collection<GenericKubernetesResource> meshConfigMaps) {
        Map<String, Map<String, String>> existing = new HashMap<>();
        for (GenericKubernetesResource ns : namespaces) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            existing.put(ns.getMetadata().getName(), labels == null ? Map.of() : labels);
        }
        Set<String> roots = new TreeSet<>();
        meshConfigMaps.forEach(cm -> roots.add(cm.getMetadata().getNamespace()));
        return scope.resolve(existing, roots);
    }

    /**
     * The documents of one snapshot: the Namespaces in scope, every {@code istio} ConfigMap (the mesh config is
     * read wherever its root namespace is), and the other objects whose namespace is in scope.
     */
    KubeDocuments assemble(Collection<GenericKubernetesResource> namespaces,
                           Collection<GenericKubernetesResource> meshConfigMaps,
                           Map<WatchedKind, ? extends Collection<GenericKubernetesResource>> objects,
                           Set<String> inScope, List<String> notes) {
        converter.begin();
        List<KubeDocument> docs = new ArrayList<>();
        for (GenericKubernetesResource ns : namespaces) {
            if (!scope.filtered() || inScope.contains(ns.getMetadata().getName())) {
                docs.add(converter.convert(WatchedKind.NAMESPACE, ns));
            }
        }
        for (GenericKubernetesResource cm : meshConfigMaps) {
            docs.add(converter.convert(WatchedKind.CONFIG_MAP, cm));
        }
        objects.forEach((kind, list) -> {
            for (GenericKubernetesResource o : list) {
                if (!scope.filtered() || inScope.contains(o.getMetadata().getNamespace())) {
                    docs.add(converter.convert(kind, o));
                }
            }
        });
        Collections.sort(docs);
        return KubeDocuments.of(docs, notes);
    }
}
