package io.meshscope.decode;

import io.meshscope.core.model.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YFieldsTest {
    @Test
    void behavesAsALinkedHashMapBelowAndAboveTheIndexedSize() {
        for (int n : new int[] {0, 1, 7, 8, 9, 40}) {
            YFields.Builder builder = new YFields.Builder();
            Map<String, YNode.Entry> expected = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                // every third key is given again: it keeps its first place and takes the later value
                String key = "k" + (i % 3 == 2 ? i - 1 : i);
                YNode.Entry entry = entry(i);
                assertEquals(expected.put(key, entry), builder.put(key, entry), "previous of " + key);
            }
            YFields fields = builder.build();
            assertEquals(expected, fields, n + " keys");
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(fields.keySet()), "order, " + n + " keys");
            List<String> walked = new ArrayList<>();
            fields.forEach((k, v) -> walked.add(k));
            assertEquals(new ArrayList<>(expected.keySet()), walked);
            for (int i = 0; i < fields.size(); i++) {
                assertSame(expected.get(fields.key(i)), fields.entry(i));
                assertTrue(fields.containsKey(fields.key(i)));
            }
            assertNull(fields.get("absent"));
            assertFalse(fields.containsKey("absent"));
        }
    }

    @Test
    void cannotBeChanged() {
        YFields.Builder builder = new YFields.Builder();
        builder.put("a", entry(1));
        YFields fields = builder.build();
        assertThrows(UnsupportedOperationException.class, () -> fields.put("b", entry(2)));
        assertThrows(UnsupportedOperationException.class, () -> fields.keySet().iterator().remove());
        assertThrows(UnsupportedOperationException.class, () -> fields.entrySet().iterator().next().setValue(null));
    }

    private static YNode.Entry entry(int line) {
        SourceLocation at = new SourceLocation("f.yaml", line + 1, 1);
        return new YNode.Entry(at, new YNode.Scalar("v" + line, YNode.ScalarType.STRING, YNode.Style.PLAIN, at));
    }
}
