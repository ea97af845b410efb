package io.meshscope.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares analyze's JSON with an {@code analysis} case, restricted to the codes of the named analyzers. */
final class AnalysisCheck {
    private static final Map<String, Set<String>> CODES = Map.of(
            "sidecar.SelectorAnalyzer", Set.of("IST0101", "IST0110", "IST0111", "IST0167"),
            "deprecation.FieldAnalyzer", Set.of("IST0002"),
            "schema.ValidationAnalyzer", Set.of("IST0106", "IST0133"));

    private AnalysisCheck() {
    }

    @SuppressWarnings("unchecked")
    static void check(ConformanceCase c, Map<String, Object> got) {
        Map<String, Object> want = c.expect();
        Set<String> codes = new java.util.HashSet<>();
        for (Object a : (List<Object>) want.get("analyzers")) {
            codes.addAll(CODES.getOrDefault((String) a, Set.of()));
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) got.get("messages")) {
            if (codes.contains((String) m.get("code"))) {
                messages.add(m);
            }
        }
        List<Map<String, Object>> expected = (List<Map<String, Object>>) want.getOrDefault("messages", List.of());
        List<Map<String, Object>> unmatched = new ArrayList<>(messages);
        for (Map<String, Object> e : expected) {
            Map<String, Object> hit = unmatched.stream().filter(m -> matches(e, m)).findFirst().orElse(null);
            assertThat(hit).as("expected %s among %s", e, messages).isNotNull();
            unmatched.remove(hit);
        }
        if (Boolean.TRUE.equals(want.get("exhaustive"))) {
            assertThat(unmatched).as("messages beyond the expected ones").isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(Map<String, Object> want, Map<String, Object> got) {
        Map<String, Object> r = (Map<String, Object>) got.get("resource");
        String resource = r.get("namespace") + "/" + r.get("name");
        return want.get("code").equals(got.get("code"))
                && (want.get("resource") == null || want.get("resource").equals(resource))
                && (want.get("message") == null || String.valueOf(got.get("message")).contains((String) want.get("message")));
    }
}
