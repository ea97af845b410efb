package io.meshscope.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's JSON writer: escapes, layout and depth. */
class JsonTest {
    @Test
    void stringsNeedingNoEscapeAreWrittenAsTheyAre() {
        assertThat(Json.write("reviews.default.svc.cluster.local é 中文 ✔"))
                .isEqualTo("\"reviews.default.svc.cluster.local é 中文 ✔\"\n");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedWhereverTheyStand() {
        assertThat(Json.write("\"a\\b\"")).isEqualTo("\"\\\"a\\\\b\\\"\"\n");
        assertThat(Json.write("line\nnext\r\ttab\u0000\u001b")).isEqualTo("\"line\\nnext\\r\\ttab\\u0000\\u001b\"\n");
        // the escape after a clean prefix keeps the prefix and every character after it
        assertThat(Json.write("clean-prefix\u0001 then é")).isEqualTo("\"clean-prefix\\u0001 then é\"\n");
        assertThat(Json.write("")).isEqualTo("\"\"\n");
    }

    @Test
    void mapsAndListsArePrettyPrintedWithTwoSpacesAtAnyDepth() {
        Object nested = "leaf";
        for (int i = 0; i < 40; i++) {
            nested = Map.of("k", nested); // deeper than the writer's table of indentations
        }
        String out = Json.write(nested);
        assertThat(out).contains("\n" + "  ".repeat(40) + "\"k\": \"leaf\"\n");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("names", List.of("a", "b"));
        m.put("rows", List.of(Map.of("n", 1)));
        m.put("none", null);
        assertThat(Json.write(m)).isEqualTo("{\n  \"names\": [\"a\", \"b\"],\n  \"rows\": [\n    {\n      \"n\": 1\n"
                + "    }\n  ],\n  \"none\": null\n}\n");
    }
}
