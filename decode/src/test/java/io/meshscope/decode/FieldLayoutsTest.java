package io.meshscope.decode;

import io.meshscope.core.model.FieldLocationMap;
import io.meshscope.core.model.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class FieldLayoutsTest {
    private static final ReadLimits LIMITS = ReadLimits.defaults();

    @Test
    void objectsWrittenAlikeShareOneLayoutAndKeepTheirOwnPlaces() {
        String text = """
                kind: Service
                metadata:
                  name: a
                ---
                kind: Service
                metadata:

                  name: b
                ---
                kind: Service
                metadata:
                  name: c
                  namespace: other
                """;
        List<YNode> docs = BlockYamlReader.read(text, Positions.ofFile("s.yaml"), LIMITS);
        FieldLayouts layouts = new FieldLayouts();
        Map<String, SourceLocation> a = FieldLocations.of((YNode.Mapping) docs.get(0), layouts);
        Map<String, SourceLocation> b = FieldLocations.of((YNode.Mapping) docs.get(1), layouts);
        Map<String, SourceLocation> c = FieldLocations.of((YNode.Mapping) docs.get(2), layouts);
        assertEquals(new SourceLocation("s.yaml", 3, 9), a.get("metadata.name"));
        assertEquals(new SourceLocation("s.yaml", 8, 9), b.get("metadata.name"));
        assertEquals(new SourceLocation("s.yaml", 13, 14), c.get("metadata.namespace"));
        String[] pathsA = {"kind", "metadata", "metadata.name"};
        assertSame(layouts.of(pathsA, 3), layouts.of(pathsA.clone(), 3), "a shape is sorted once");
        assertNotSame(layouts.of(pathsA, 3), layouts.of(new String[] {"kind", "metadata", "metadata.namespace"}, 3));
        // every map equals the one a fresh sort makes
        for (Map<String, SourceLocation> m : List.of(a, b, c)) {
            assertEquals(FieldLocationMap.copyOf(m), m);
        }
    }

    @Test
    void moreShapesThanItKeepsStillAnswerCorrectly() {
        FieldLayouts layouts = new FieldLayouts();
        for (int round = 0; round < 2; round++) {
            for (int shape = 0; shape < 40; shape++) {
                String[] paths = {"z" + shape, "a" + shape};
                FieldLocationMap m = layouts.of(paths, 2).place("f.yaml",
                        new long[] {FieldLocationMap.place(1, 1), FieldLocationMap.place(2, 1)});
                assertEquals(new SourceLocation("f.yaml", 1, 1), m.get("z" + shape));
                assertEquals(new SourceLocation("f.yaml", 2, 1), m.get("a" + shape));
            }
        }
    }
}
