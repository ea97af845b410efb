package io.meshscope.decode;

import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.SourceLocation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads {@code metadata} (identity, labels, annotations, creation time) and the object's field locations. */
final class MetaDecoder {
    private MetaDecoder() {
    }

    /** The object's metadata, or null (reported) when it has no usable {@code metadata.name}. */
    static ObjectMeta decode(YNode.Mapping object, String kind, boolean namespaced, Diagnostics diags,
                             FieldLayouts layouts) {
        NodeReader root = NodeReader.root(object, new DecodeContext(diags, null));
        NodeReader metadata = root.get("metadata");
        if (metadata.isPresent() && !metadata.isMapping()) {
            return null;
        }
        String name = metadata.get("name").string();
        if (name == null || name.isEmpty()) {
            diags.error(null, metadata.get("name").location(), "metadata.name", Diagnostics.SHAPE,
                    "missing required field \"metadata.name\" in " + kind);
            return null;
        }
        String namespace = "";
        if (namespaced) {
            namespace = metadata.get("namespace").string();
            if (namespace == null || namespace.isEmpty()) {
                namespace = "default";
                diags.info(new ResourceId(kind, namespace, name), metadata.location(), "metadata.namespace",
                        Diagnostics.DEFAULT_NAMESPACE, "no metadata.namespace; using \"default\"");
            }
        }
        ResourceId id = new ResourceId(kind, namespace, name);
        metadata = metadata.withContext(root.context().withResource(id));
        YNode.Entry metadataEntry = object.entries().get("metadata");
        SourceLocation location = metadataEntry != null ? metadataEntry.keyAt() : object.at();
        return new ObjectMeta(id, metadata.get("labels").stringMap(), metadata.get("annotations").stringMap(),
                creationTime(metadata.get("creationTimestamp")), location, FieldLocations.of(object, layouts));
    }

    /** RFC 3339 time as epoch seconds; absent is the zero time, malformed is reported and read as zero. */
    static long creationTime(NodeReader field) {
        String text = field.string();
        if (text == null) {
            return 0;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        // RFC 3339 allows a space instead of "T" between date and time.
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + "T" + t.substring(11);
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            field.error(Diagnostics.TYPE, "expected an RFC 3339 timestamp (2006-01-02T15:04:05Z), got \"" + text + "\"");
            return 0;
        }
    }
}
