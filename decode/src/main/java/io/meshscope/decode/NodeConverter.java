package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Converts one composed SnakeYAML document into {@link YNode}s. Aliases share nodes in SnakeYAML's graph, so
 * expanding them can blow up exponentially (billion laughs) or never end (an alias to an ancestor): both are
 * bounded here. Duplicate keys, which SnakeYAML's compose step accepts silently, are reported (the later wins).
 */
final class NodeConverter {

    /** The document cannot be converted; it is dropped with this message. */
    static final class AbortException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SourceLocation at;
        final String path;

        AbortException(SourceLocation at, String path, String message) {
            super(message, null, false, false);
            this.at = at;
            this.path = path;
        }
    }

    private final Positions positions;
    private final ReadLimits limits;
    private final Diagnostics diags;
    private final Set<Node> converted = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Keys and indexes from the root to the node being converted, to name paths in messages. */
    private final Deque<Object> path = new ArrayDeque<>();
    private int insideAlias;
    private int expandedNodes;

    NodeConverter(Positions positions, ReadLimits limits, Diagnostics diags) {
        this.positions = positions;
        this.limits = limits;
        this.diags = diags;
    }

    YNode convert(Node root) {
        return convert(root, 1);
    }

    private YNode convert(Node node, int depth) {
        if (depth > limits.maxDepth()) {
            throw new AbortException(at(node), pathString(), "nesting is deeper than " + limits.maxDepth() + " levels");
        }
        if (node instanceof ScalarNode scalar) {
            countExpansion(node);
            return scalar(scalar);
        }
        if (!onPath.add(node)) {
            throw new AbortException(at(node), pathString(), "recursive alias: a node contains itself");
        }
        boolean alias = !converted.add(node);
        if (alias) {
            insideAlias++;
        }
        try {
            countExpansion(node);
            if (node instanceof SequenceNode seq) {
                return sequence(seq, depth);
            }
            return mapping((MappingNode) node, depth);
        } finally {
            onPath.remove(node);
            if (alias) {
                insideAlias--;
            }
        }
    }

    /**
     * An explicit tag is checked as Kubernetes' YAML decoder checks it ({@link GoYamlScalars#tagProblem}); a valid
     * {@code !!binary} value reads as the text it encodes, as it does there.
     */
    private YNode.Scalar scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        boolean tagged = !scalar.isResolved();
        if (tagged) {
            String problem = GoYamlScalars.tagProblem(scalar.getTag().getValue(), text);
            if (problem != null) {
                diags.error(null, at(scalar), pathString(), Diagnostics.YAML_TAG, problem
                        + " (kubectl: error converting YAML to JSON)");
            } else if (scalar.getTag().equals(Tag.BINARY)) {
                text = GoYamlScalars.base64(text);
            }
        }
        return new YNode.Scalar(text, type(scalar.getTag()), style(scalar.getScalarStyle()), at(scalar), tagged);
    }

    private YNode.Seq sequence(SequenceNode seq, int depth) {
        List<YNode> items = new ArrayList<>(seq.getValue().size());
        int i = 0;
        for (Node item : seq.getValue()) {
            path.addLast(i++);
            items.add(convert(item, depth + 1));
            path.removeLast();
        }
        return new YNode.Seq(Collections.unmodifiableList(items), at(seq));
    }

    private YNode.Mapping mapping(MappingNode map, int depth) {
        YFields.Builder entries = new YFields.Builder();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                diags.error(null, at(keyNode), pathString(), Diagnostics.SHAPE,
                        "mapping keys must be scalars, got a " + (keyNode instanceof SequenceNode ? "sequence" : "mapping"));
                continue;
            }
            String key = keyScalar.getValue();
            path.addLast(key);
            YNode value = convert(tuple.getValueNode(), depth + 1);
            YNode.Entry previous = entries.get(key);
            if (previous != null) {
                diags.error(null, at(keyNode), pathString(), Diagnostics.DUPLICATE_KEY,
                        "duplicate key \"" + key + "\" (first at " + previous.keyAt() + "); the later value is used");
            }
            path.removeLast();
            entries.put(key, new YNode.Entry(at(keyNode), value));
        }
        return new YNode.Mapping(entries.build(), at(map));
    }

    private void countExpansion(Node node) {
        if (insideAlias > 0 && ++expandedNodes > limits.maxAliasExpansion()) {
            throw new AbortException(at(node), pathString(), "aliases expand to more than "
                    + limits.maxAliasExpansion() + " nodes");
        }
    }

    private SourceLocation at(Node node) {
        return node.getStartMark().map(m -> positions.at(m.getLine(), m.getColumn()))
                .orElse(positions.at(0, 0));
    }

    private String pathString() {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Object> it = path.iterator(); it.hasNext(); ) {
            Object part = it.next();
            if (part instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }

    static YNode.ScalarType type(Tag tag) {
        if (Tag.NULL.equals(tag)) {
            return YNode.ScalarType.NULL;
        } else if (Tag.BOOL.equals(tag)) {
            return YNode.ScalarType.BOOL;
        } else if (Tag.INT.equals(tag)) {
            return YNode.ScalarType.INT;
        } else if (Tag.FLOAT.equals(tag)) {
            return YNode.ScalarType.FLOAT;
        }
        return YNode.ScalarType.STRING;
    }

    private static YNode.Style style(ScalarStyle style) {
        if (style == ScalarStyle.PLAIN) {
            return YNode.Style.PLAIN;
        } else if (style == ScalarStyle.LITERAL) {
            return YNode.Style.LITERAL;
        } else if (style == ScalarStyle.FOLDED) {
            return YNode.Style.FOLDED;
        }
        return YNode.Style.QUOTED;
    }
}
