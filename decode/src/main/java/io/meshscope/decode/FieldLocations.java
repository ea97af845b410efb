package io.meshscope.decode;

import io.meshscope.core.model.FieldLocationMap;
import io.meshscope.core.model.SourceLocation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field path of an object ({@code spec.egress[1].hosts[0]}) mapped to where its value was written, so
 * the core can name paths and adapters can still print file:line:column for them. Paths are {@link FieldPath}s:
 * shared between objects, found without building strings.
 */
final class FieldLocations {
    private FieldLocations() {
    }

    static Map<String, SourceLocation> of(YNode.Mapping object, FieldLayouts layouts) {
        Walk walk = new Walk(object.at().file(), layouts);
        YFields fields = object.entries();
        for (int f = 0; f < fields.size(); f++) {
            walk.node(fields.entry(f).value(), FieldPath.ROOT.field(fields.key(f)));
        }
        return walk.result();
    }

    /** The paths and places of one object, gathered into arrays. */
    private static final class Walk {
        private final String file;
        private final FieldLayouts layouts;
        private String[] paths = new String[32];
        private long[] places = new long[32];
        private SourceLocation[] locations = new SourceLocation[32];
        private int size;
        private boolean oneFile = true;

        Walk(String file, FieldLayouts layouts) {
            this.file = file;
            this.layouts = layouts;
        }

        void node(YNode node, FieldPath path) {
            add(path.path(), node.at());
            if (node instanceof YNode.Mapping m) {
                YFields fields = m.entries();
                for (int f = 0; f < fields.size(); f++) {
                    node(fields.entry(f).value(), path.field(fields.key(f)));
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
                return layouts.of(paths, size).place(file, places);
            }
            Map<String, SourceLocation> out = new HashMap<>();
            for (int i = 0; i < size; i++) {
                out.put(paths[i], locations[i]);
            }
            return out;
        }
    }
}
