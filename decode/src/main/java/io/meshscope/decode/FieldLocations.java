package io.meshscope.decode;

import io.meshscope.core.model.FieldLocationMap;
import io.meshscope.core.model.SourceLocation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
    private static final AtomicInteger SHARED_PATHS = new AtomicInteger();
    private static final PathNode ROOT = new PathNode("");

    private FieldLocations() {
    }

    static Map<String, SourceLocation> of(YNode.Mapping object) {
        Walk walk = new Walk(object.at().file());
        for (Map.Entry<String, YNode.Entry> e : object.entries().entrySet()) {
            walk.node(e.getValue().value(), ROOT.field(e.getKey()));
        }
        return walk.result();
    }

    /**
     * One shared path and its children, made on first use: finding {@code spec.ports[0].name} is three small
     * lookups by key or index, not the string concatenation and whole-path hashing of a map keyed by path (which
     * cost a tenth of reading a large mesh).
     */
    private static final class PathNode {
        final String path;
        private final Map<String, PathNode> fields = new ConcurrentHashMap<>(4);
        private volatile PathNode[] items = new PathNode[0];

        PathNode(String path) {
            this.path = path;
        }

        PathNode field(String key) {
            PathNode child = fields.get(key);
            if (child != null) {
                return child;
            }
            child = new PathNode(path.isEmpty() ? key : path + "." + key);
            if (SHARED_PATHS.incrementAndGet() > MAX_SHARED_PATHS) {
                return child;
            }
            PathNode known = fields.putIfAbsent(key, child);
            return known != null ? known : child;
        }

        PathNode item(int index) {
            PathNode[] known = items;
            if (index < known.length && known[index] != null) {
                return known[index];
            }
            PathNode child = new PathNode(path + "[" + index + "]");
            if (SHARED_PATHS.incrementAndGet() > MAX_SHARED_PATHS) {
                return child;
            }
            synchronized (this) {
                PathNode[] current = items;
                if (index < current.length && current[index] != null) {
                    return current[index];
                }
                PathNode[] grown = index < current.length ? current.clone()
                        : Arrays.copyOf(current, Math.max(index + 1, current.length * 2));
                grown[index] = child;
                items = grown;
                return child;
            }
        }
    }

    /** The paths and places of one object, gathered into arrays. */
    private static final class Walk {
        private final String file;
        private String[] paths = new String[32];
        private long[] places = new long[32];
        private SourceLocation[] locations = new SourceLocation[32];
        private int size;
        private boolean oneFile = true;

        Walk(String file) {
            this.file = file;
        }

        void node(YNode node, PathNode path) {
            add(path.path, node.at());
            if (node instanceof YNode.Mapping m) {
                for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
                    node(e.getValue().value(), path.field(e.getKey()));
                }
            } else if (node instanceof YNode.Seq s) {
                List<YNode> items = s.items();
                for (int i = 0; i < items.size(); i++) {
                    node(items.get(i), path.item(i));
                }
            }
        }

        private void add(String path, SourceLocation at) {
            if (size == paths.length) {
                paths = Arrays.copyOf(paths, size * 2);
                places = Arrays.copyOf(places, size * 2);
                locations = Arrays.copyOf(locations, size * 2);
            }
            oneFile &= at.file().equals(file);
            paths[size] = path;
            places[size] = FieldLocationMap.place(at.line(), at.column());
            locations[size] = at;
            size++;
        }

        Map<String, SourceLocation> result() {
            if (oneFile) {
                return FieldLocationMap.ofUnsorted(file, Arrays.copyOf(paths, size), Arrays.copyOf(places, size));
            }
            Map<String, SourceLocation> out = new HashMap<>();
            for (int i = 0; i < size; i++) {
                out.put(paths[i], locations[i]);
            }
            return out;
        }
    }
}
