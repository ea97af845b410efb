package io.meshscope.decode;

import io.meshscope.core.model.FieldLocationMap;
import io.meshscope.core.model.SourceLocation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every field path of an object ({@code spec.egress[1].hosts[0]}) mapped to where its value was written, so
 * the core can name paths and adapters can still print file:line:column for them.
 */
final class FieldLocations {
    /**
     * Paths repeat from object to object ({@code spec.ports[0].name}); one shared copy of each keeps five million
     * field locations of a 50,000-service mesh from holding five million strings. Bounded, so odd input (a label
     * key per object) cannot grow it without limit: past the bound a path is simply not shared.
     */
    private static final int MAX_SHARED_PATHS = 200_000;
    private static final Map<String, String> SHARED = new ConcurrentHashMap<>();

    private FieldLocations() {
    }

    static Map<String, SourceLocation> of(YNode.Mapping object) {
        Map<String, SourceLocation> out = new HashMap<>();
        walk(object, "", out);
        FieldLocationMap compact = FieldLocationMap.copyOf(out);
        return compact != null ? compact : out;
    }

    private static void walk(YNode node, String path, Map<String, SourceLocation> out) {
        if (!path.isEmpty()) {
            out.put(path, node.at());
        }
        if (node instanceof YNode.Mapping m) {
            for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
                walk(e.getValue().value(), shared(path.isEmpty() ? e.getKey() : path + "." + e.getKey()), out);
            }
        } else if (node instanceof YNode.Seq s) {
            List<YNode> items = s.items();
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), shared(path + "[" + i + "]"), out);
            }
        }
    }

    private static String shared(String path) {
        String known = SHARED.get(path);
        if (known != null) {
            return known;
        }
        if (SHARED.size() >= MAX_SHARED_PATHS) {
            return path;
        }
        known = SHARED.putIfAbsent(path, path);
        return known != null ? known : path;
    }
}
