package io.meshscope.kube;

import io.meshscope.core.model.MeshInput;
import io.meshscope.decode.DecodeCache;
import io.meshscope.decode.ManifestReader;
import io.meshscope.decode.ReadLimits;
import io.meshscope.decode.ReadOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The complete set of objects read from the API server at one moment, sorted by name, as JSON documents for
 * meshscope's own decoder (which gives every message a position, unlike fabric8's YAML loading).
 *
 * @param documents the objects in scope, one document each
 * @param objects   how many objects were read (the number of documents)
 * @param notes     what could not be read and why (kinds not served, such as Istio CRDs not installed)
 */
public record KubeDocuments(List<KubeDocument> documents, int objects, List<String> notes) {
    public KubeDocuments {
        documents = List.copyOf(documents);
        notes = List.copyOf(notes);
    }

    /** A set of documents; {@code objects} is their number. */
    public static KubeDocuments of(List<KubeDocument> documents, List<String> notes) {
        return new KubeDocuments(documents, documents.size(), notes);
    }

    /** Decodes the documents (with optional MeshConfig YAML, which wins over the {@code istio} ConfigMap). */
    public MeshInput toMeshInput(Optional<String> meshConfigYaml) {
        return toMeshInput(meshConfigYaml, null);
    }

    /**
     * As {@link #toMeshInput(Optional)}, each document decoded as its own source named after its object (so a
     * message reads {@code k8s:Pod/shop/web-0:1:...}), reusing {@code cache} (may be null) for documents whose
     * JSON did not change since the last decode: a watch event then decodes the changed objects alone.
     */
    public MeshInput toMeshInput(Optional<String> meshConfigYaml, DecodeCache cache) {
        ReadLimits d = ReadLimits.defaults();
        ReadLimits limits = new ReadLimits(Integer.MAX_VALUE - 16, d.maxDepth(), d.maxAliases(), d.maxAliasExpansion());
        Map<String, String> sources = new LinkedHashMap<>();
        documents.forEach(doc -> sources.put(doc.name(), doc.json()));
        // The API server accepted these objects already, and may serve fields newer than meshscope's schemas.
        return new ManifestReader(limits, cache, ReadOptions.fromApiServer()).readStrings(sources, meshConfigYaml);
    }
}
