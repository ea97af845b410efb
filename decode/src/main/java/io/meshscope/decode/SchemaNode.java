package io.meshscope.decode;

import java.util.Map;

/**
 * One node of an API schema as strict decoding reads it (the structural part of an OpenAPI v3 schema): its type
 * ({@code string}, {@code integer}, {@code number}, {@code boolean}, {@code object}, {@code array}, or null for
 * any), the fields an object may have, a list's items, a map's values, and whether unknown fields are kept below
 * it ({@code x-kubernetes-preserve-unknown-fields}). {@code definition} names the shared definition it came from
 * ({@code ObjectMeta}), so checks beyond the schema (label syntax) can find it.
 */
record SchemaNode(String type, boolean intOrString, boolean preserveUnknownFields, Map<String, SchemaNode> properties,
                  SchemaNode items, SchemaNode additionalProperties, String definition) {

    /** Whether {@code field} may appear in this object, as a named field or a map key. */
    boolean allows(String field) {
        return (properties != null && properties.containsKey(field)) || additionalProperties != null
                || preserveUnknownFields;
    }

    /** The schema of {@code field}, or null when nothing is known about it. */
    SchemaNode field(String field) {
        SchemaNode named = properties == null ? null : properties.get(field);
        return named != null ? named : additionalProperties;
    }

    SchemaNode withDefinition(String name) {
        return new SchemaNode(type, intOrString, preserveUnknownFields, properties, items, additionalProperties, name);
    }
}
