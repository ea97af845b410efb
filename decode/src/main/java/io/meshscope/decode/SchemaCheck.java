package io.meshscope.decode;

import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.SourceLocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict decoding: checks an object against its kind's schema ({@link Schemas}) as the API server does with
 * kubectl's default strict field validation. A field the schema does not have is an error at its key ({@code
 * unknown field "spec.workloadSelecter"}, with the nearest known name), unless an ancestor keeps unknown fields
 * ({@code x-kubernetes-preserve-unknown-fields}); a value of the wrong type is an error at the value, read as
 * Kubernetes' YAML decoder reads it ({@link GoYamlScalars}). Where a decoder's {@link NodeReader} reports the same
 * problem, the message is worded as it words it, so the two are one diagnostic. {@code status} is never checked.
 */
final class SchemaCheck {
    /** Fields every object has besides those its schema lists. */
    private static final List<String> OBJECT_FIELDS = List.of("apiVersion", "kind", "metadata", "status");

    private final Diagnostics diags;
    private final ResourceId resource;

    private SchemaCheck(Diagnostics diags, ResourceId resource) {
        this.diags = diags;
        this.resource = resource;
    }

    /** Checks {@code object} (a whole Kubernetes object) against {@code schema}; {@code resource} may be null. */
    static void object(YNode.Mapping object, SchemaNode schema, ResourceId resource, Diagnostics diags) {
        SchemaCheck check = new SchemaCheck(diags, resource);
        YFields fields = object.entries();
        for (int f = 0; f < fields.size(); f++) {
            String key = fields.key(f);
            YNode value = fields.entry(f).value();
            switch (key) {
                case "apiVersion", "kind", "status" -> {
                    // apiVersion and kind are checked by the object decoder; status is the cluster's business.
                }
                case "metadata" -> check.node(value, Schemas.get().objectMeta(), FieldPath.ROOT.field(key));
                default -> {
                    if (schema.allows(key)) {
                        check.node(value, schema.field(key), FieldPath.ROOT.field(key));
                    } else {
                        List<String> known = new ArrayList<>(OBJECT_FIELDS);
                        if (schema.properties() != null) {
                            known.addAll(schema.properties().keySet());
                        }
                        check.unknown(fields.entry(f).keyAt(), key, key, known);
                    }
                }
            }
        }
    }

    /** Checks {@code node} at {@code path}: the path is a shared {@link FieldPath}, spelled only in messages. */
    private void node(YNode node, SchemaNode schema, FieldPath path) {
        if (schema == null || (node instanceof YNode.Scalar s && s.isNull()) || !typeFits(node, schema, path)) {
            return;
        }
        if (node instanceof YNode.Mapping m) {
            mapping(m, schema, path);
        } else if (node instanceof YNode.Seq seq && schema.items() != null) {
            for (int i = 0; i < seq.items().size(); i++) {
                node(seq.items().get(i), schema.items(), path.item(i));
            }
        }
        if ("ObjectMeta".equals(schema.definition()) && node instanceof YNode.Mapping meta) {
            ObjectNames.labelsAndAnnotations(meta, path.path(), resource, diags);
        }
    }

    private void mapping(YNode.Mapping m, SchemaNode schema, FieldPath path) {
        if (schema.preserveUnknownFields() && schema.properties() == null && schema.additionalProperties() == null) {
            return;
        }
        YFields fields = m.entries();
        for (int f = 0; f < fields.size(); f++) {
            String key = fields.key(f);
            if (schema.allows(key)) {
                node(fields.entry(f).value(), schema.field(key), path.field(key));
            } else {
                unknown(fields.entry(f).keyAt(), key, path.path() + "." + key,
                        schema.properties() == null ? List.of() : schema.properties().keySet());
            }
        }
    }

    private void unknown(SourceLocation at, String key, String path, java.util.Collection<String> known) {
        diags.error(resource, at, path, Diagnostics.UNKNOWN_FIELD, "unknown field \"" + path + "\""
                + Suggestions.didYouMean(key, known));
    }

    /** Whether the value's type fits; a misfit is reported. Untyped schemas take anything. */
    private boolean typeFits(YNode node, SchemaNode schema, FieldPath path) {
        String type = schema.type();
        if (schema.intOrString()) {
            if (node instanceof YNode.Scalar s) {
                GoYamlScalars.Type t = GoYamlScalars.of(s);
                if (t == GoYamlScalars.Type.INT || t == GoYamlScalars.Type.STRING || t == GoYamlScalars.Type.TIMESTAMP
                        || integral(s, t)) {
                    return true;
                }
                return misfit(node, path, "an integer or a string", "the " + typeName(t) + " " + s.text());
            }
            return misfit(node, path, "an integer or a string", null);
        }
        if (type == null) {
            return true;
        }
        switch (type) {
            case "object":
                return node instanceof YNode.Mapping || misfit(node, path, "a mapping", null);
            case "array":
                return node instanceof YNode.Seq || misfit(node, path, "a sequence", null);
            default:
                break;
        }
        if (!(node instanceof YNode.Scalar s)) {
            return misfit(node, path, expected(type), null);
        }
        GoYamlScalars.Type t = GoYamlScalars.of(s);
        switch (type) {
            case "string":
                if (t == GoYamlScalars.Type.STRING || t == GoYamlScalars.Type.TIMESTAMP) {
                    return true;
                }
                return misfit(node, path, "a string", "the " + typeName(t) + " " + s.text()
                        + " (Kubernetes' YAML decoder reads it so; quote it: \"" + s.text() + "\")");
            case "integer":
                if (t == GoYamlScalars.Type.INT || integral(s, t)) {
                    return true;
                }
                return misfit(node, path, "an integer", stringNumber(s, t));
            case "number":
                if (t == GoYamlScalars.Type.INT || t == GoYamlScalars.Type.FLOAT) {
                    return true;
                }
                return misfit(node, path, "a number", stringNumber(s, t));
            case "boolean":
                if (t == GoYamlScalars.Type.BOOL) {
                    return true;
                }
                return misfit(node, path, "a boolean", t == GoYamlScalars.Type.STRING
                        && GoYamlScalars.bool(s.text()) != null ? "the string \"" + s.text()
                        + "\" (the API server does not convert strings; write " + s.text() + " without quotes)" : null);
            default:
                return true;
        }
    }

    /** For a quoted number where a number is wanted, the explanation; else null (the plain wording). */
    private static String stringNumber(YNode.Scalar s, GoYamlScalars.Type t) {
        if (t != GoYamlScalars.Type.STRING || s.text().isEmpty()) {
            return null;
        }
        GoYamlScalars.Type unquoted = GoYamlScalars.resolve(s.text());
        if (unquoted != GoYamlScalars.Type.INT && unquoted != GoYamlScalars.Type.FLOAT) {
            return null;
        }
        return "the string \"" + s.text() + "\" (the API server does not convert strings to numbers; write "
                + s.text() + " without quotes)";
    }

    /** A float with no fractional part (1.0) is an integer once it is JSON. */
    private static boolean integral(YNode.Scalar s, GoYamlScalars.Type t) {
        if (t != GoYamlScalars.Type.FLOAT) {
            return false;
        }
        try {
            return new BigDecimal(s.text().replace("_", "")).stripTrailingZeros().scale() <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Reports a value of the wrong type. {@code got} explains a value the decoders would have accepted (a quoted
     * number); without it the wording is {@link NodeReader}'s, so a field both read is reported once.
     */
    private boolean misfit(YNode node, FieldPath path, String expected, String got) {
        diags.error(resource, node.at(), path.path(), Diagnostics.TYPE,
                "expected " + expected + ", got " + (got != null ? got : node.describe()));
        return false;
    }

    private static String expected(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "a boolean";
            default -> type;
        };
    }

    private static String typeName(GoYamlScalars.Type t) {
        return switch (t) {
            case NULL -> "null";
            case BOOL -> "boolean";
            case INT -> "integer";
            case FLOAT -> "number";
            case TIMESTAMP -> "timestamp";
            case STRING -> "string";
        };
    }
}
