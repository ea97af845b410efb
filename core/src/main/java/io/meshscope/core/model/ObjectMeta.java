package io.meshscope.core.model;

import java.util.Map;

/**
 * What every object carries: identity, labels, annotations, creation time and where it was read.
 *
 * <p>{@code fieldLocations} maps field paths as messages spell them ({@code spec.egress[1].hosts[0]}) to the
 * place the field was written, so the core can name paths while adapters resolve them to file:line:column.
 */
public record ObjectMeta(
        ResourceId id,
        Map<String, String> labels,
        Map<String, String> annotations,
        long creationEpochSeconds,
        SourceLocation location,
        Map<String, SourceLocation> fieldLocations) {

    public ObjectMeta {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        // A compact map is immutable already; copying it back into a hash map would undo its purpose.
        if (!(fieldLocations instanceof FieldLocationMap)) {
            fieldLocations = Map.copyOf(fieldLocations);
        }
    }

    /** Metadata for a synthesised object (tests, generated config): no labels, zero time, no location. */
    public static ObjectMeta of(String kind, String namespace, String name) {
        return new ObjectMeta(new ResourceId(kind, namespace, name), Map.of(), Map.of(), 0, SourceLocation.UNKNOWN, Map.of());
    }

    public String namespace() {
        return id.namespace();
    }

    public String name() {
        return id.name();
    }

    /**
     * The location of a field path, or of its closest written ancestor: {@code spec.egress[1].hosts[0]}
     * falls back to {@code spec.egress[1].hosts}, then {@code spec.egress[1]}, and so on to the object.
     */
    public SourceLocation locate(String fieldPath) {
        String path = fieldPath;
        while (path != null && !path.isEmpty()) {
            SourceLocation loc = fieldLocations.get(path);
            if (loc != null) {
                return loc;
            }
            path = parentPath(path);
        }
        return location;
    }

    static String parentPath(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
