package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field path of an object ({@code spec.egress[1].hosts[0]}) mapped to where its value was written, so
 * the core can name paths and adapters can still print file:line:column for them.
 */
final class FieldLocations {
    private FieldLocations() {
    }

    static Map<String, SourceLocation> of(YNode.Mapping object) {
        Map<String, SourceLocation> out = new HashMap<>();
        walk(object, "", out);
        return out;
    }

    private static void walk(YNode node, String path, Map<String, SourceLocation> out) {
        if (!path.isEmpty()) {
            out.put(path, node.at());
        }
        if (node instanceof YNode.Mapping m) {
            for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
                walk(e.getValue().value(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node instanceof YNode.Seq s) {
            List<YNode> items = s.items();
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
