package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Typed, path-aware access to one field of a document. Reading never throws: a value of the wrong type is
 * reported (file:line:column, field path, the bad value) and read as absent, so one bad field costs only itself.
 * YAML {@code null} reads as absent, as Kubernetes and protojson treat it.
 */
final class NodeReader {
    private final YNode node;
    /**
     * The field path, made from {@link #parent} and {@link #key} or {@link #index} when first asked for: only messages
     * need it, and building it for every field read was a tenth of what decoding allocated.
     */
    private String path;
    private final NodeReader parent;
    private final String key;
    private final int index;
    /** This node's location, or that of the closest written ancestor when the field is absent. */
    private final SourceLocation near;
    private final DecodeContext ctx;

    private NodeReader(YNode node, String path, NodeReader parent, String key, int index, SourceLocation near,
                       DecodeContext ctx) {
        this.node = node;
        this.path = path;
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.near = near;
        this.ctx = ctx;
    }

    static NodeReader root(YNode node, DecodeContext ctx) {
        return new NodeReader(node, "", null, null, -1, node.at(), ctx);
    }

    NodeReader withContext(DecodeContext context) {
        return new NodeReader(node, path(), null, null, -1, near, context);
    }

    DecodeContext context() {
        return ctx;
    }

    String path() {
        if (path == null) {
            String above = parent.path();
            path = key == null ? above + "[" + index + "]" : above.isEmpty() ? key : above + "." + key;
        }
        return path;
    }

    SourceLocation location() {
        return near;
    }

    YNode node() {
        return node;
    }

    /** Written with a non-null value. */
    boolean isPresent() {
        return node != null && !(node instanceof YNode.Scalar s && s.isNull());
    }

    /** Present and a mapping; a present value of another type is reported. */
    boolean isMapping() {
        if (!isPresent()) {
            return false;
        }
        if (node instanceof YNode.Mapping) {
            return true;
        }
        typeError("a mapping");
        return false;
    }

    /** The field {@code key} of this mapping (absent when this is absent or not a mapping, which is reported). */
    NodeReader get(String key) {
        YNode child = null;
        if (isPresent()) {
            if (node instanceof YNode.Mapping m) {
                child = m.get(key);
            } else {
                typeError("a mapping");
            }
        }
        return new NodeReader(child, null, this, key, -1, child != null ? child.at() : near, ctx);
    }

    /** The items of this sequence, null items included (empty when absent; a non-sequence is reported). */
    List<NodeReader> items() {
        if (!isPresent()) {
            return List.of();
        }
        if (!(node instanceof YNode.Seq seq)) {
            typeError("a sequence");
            return List.of();
        }
        List<NodeReader> items = new ArrayList<>(seq.items().size());
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            items.add(new NodeReader(item, null, this, null, i, item.at(), ctx));
        }
        return items;
    }

    /** The entries of this mapping in written order (empty when absent; a non-mapping is reported). */
    Map<String, NodeReader> entries() {
        if (!isMapping()) {
            return Map.of();
        }
        YFields fields = ((YNode.Mapping) node).entries();
        Map<String, NodeReader> out = new LinkedHashMap<>(fields.size() * 2);
        for (int f = 0; f < fields.size(); f++) {
            out.put(fields.key(f), get(fields.key(f)));
        }
        return out;
    }

    /** The scalar's text as written, or null when absent; a collection is reported. */
    String string() {
        if (!isPresent()) {
            return null;
        }
        if (node instanceof YNode.Scalar s) {
            return s.text();
        }
        typeError("a string");
        return null;
    }

    String stringOr(String fallback) {
        String s = string();
        return s == null ? fallback : s;
    }

    /** An integer in [min, max], or null when absent or not such an integer (reported). */
    Long integer(long min, long max) {
        if (!isPresent()) {
            return null;
        }
        if (node instanceof YNode.Scalar s) {
            BigInteger value = integerOf(s);
            if (value == null) {
                typeError("an integer");
                return null;
            }
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                error(Diagnostics.TYPE, "expected an integer between " + min + " and " + max + ", got " + node.describe());
                return null;
            }
            return value.longValue();
        }
        typeError("an integer");
        return null;
    }

    /**
     * The integer a scalar is: a plain one as Kubernetes' YAML decoder reads it ({@link GoYamlScalars#integer}:
     * {@code 010} is 8, {@code 0b1010} and {@code 1_000} are numbers), a quoted one in decimal as protojson's strings
     * are, a tagged {@code !!int} in YAML's forms; null when it is none.
     */
    private static BigInteger integerOf(YNode.Scalar s) {
        if (s.type() == YNode.ScalarType.STRING && (s.style() != YNode.Style.PLAIN || s.tagged())) {
            return Scalars.integer(s.text(), false); // a string: decimal digits, as protojson reads one
        }
        return GoYamlScalars.integer(s);
    }

    Integer int32() {
        Long v = integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
        return v == null ? null : v.intValue();
    }

    int int32Or(int fallback) {
        Integer v = int32();
        return v == null ? fallback : v;
    }

    /** A boolean ({@code true}/{@code false}, also quoted), or null when absent or not a boolean (reported). */
    Boolean bool() {
        if (!isPresent()) {
            return null;
        }
        if (node instanceof YNode.Scalar s
                && (s.type() == YNode.ScalarType.BOOL || s.type() == YNode.ScalarType.STRING)) {
            if (s.text().equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.text().equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            // yes, on, y... are booleans to Kubernetes' YAML decoder (YAML 1.1), which the API server reads through.
            Boolean goYaml = s.style() == YNode.Style.PLAIN && !s.tagged() ? GoYamlScalars.bool(s.text()) : null;
            if (goYaml != null) {
                return goYaml;
            }
        }
        typeError("a boolean");
        return null;
    }

    /** A map of string values (labels, selectors); null values read as "", non-scalar values are reported. */
    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeReader> e : entries().entrySet()) {
            NodeReader value = e.getValue();
            if (!value.isPresent()) {
                out.put(e.getKey(), "");
            } else {
                String s = value.string();
                if (s != null) {
                    out.put(e.getKey(), s);
                }
            }
        }
        return out;
    }

    /** A list of strings as written: null items stay null (validation reports them), collections are reported. */
    List<String> strings() {
        List<String> out = new ArrayList<>();
        for (NodeReader item : items()) {
            out.add(item.string());
        }
        return out;
    }

    /**
     * An enum value written by name or by proto number; an unknown value is reported and {@code fallback}
     * returned. {@code numbers[i]} is the proto number of {@code values[i]}.
     */
    <E extends Enum<E>> E enumValue(E[] values, int[] numbers, E fallback) {
        if (!isPresent()) {
            return fallback;
        }
        String text = string();
        if (text == null) {
            return fallback;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i].name().equals(text) || String.valueOf(numbers[i]).equals(text.trim())) {
                return values[i];
            }
        }
        String names = Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
        error(Diagnostics.ENUM, "unknown value \"" + text + "\" for " + fieldName() + "; expected one of " + names);
        return fallback;
    }

    /**
     * A proto enum the model keeps as its name ({@code loadBalancer.simple}): an unknown name is reported as the
     * protojson decoder refuses it and read as absent ({@code fallback}).
     */
    String enumName(List<String> names, String fallback) {
        String text = isPresent() ? string() : null;
        if (text == null) {
            return fallback;
        }
        if (names.contains(text)) {
            return text;
        }
        error(Diagnostics.ENUM, "unknown value \"" + text + "\" for " + fieldName() + "; expected one of "
                + String.join(", ", names));
        return fallback;
    }

    /** Reports a warning about this field. */
    void warning(String rule, String message) {
        ctx.diags().warning(ctx.resource(), near, path(), rule, message);
    }

    /** Reports a problem with this field. */
    void error(String rule, String message) {
        ctx.diags().error(ctx.resource(), near, path(), rule, message);
    }

    private void typeError(String expected) {
        error(Diagnostics.TYPE, "expected " + expected + ", got " + node.describe());
    }

    /** The last segment of the path, as a message names the field ({@code captureMode}). */
    private String fieldName() {
        String p = path().replaceAll("\\[\\d+]$", "");
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : p.substring(dot + 1);
    }
}
