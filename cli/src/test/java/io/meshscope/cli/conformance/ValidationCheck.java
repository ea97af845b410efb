package io.meshscope.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compares validate's JSON with a {@code validation} case: validity, error and warning substrings. */
final class ValidationCheck {
    private ValidationCheck() {
    }

    @SuppressWarnings("unchecked")
    static void check(ConformanceCase c, Map<String, Object> got) {
        Map<String, Object> want = c.expect();
        String errors = text((List<Map<String, Object>>) got.get("errors"));
        String warnings = text((List<Map<String, Object>>) got.get("warnings"));
        boolean valid = ((List<?>) got.get("errors")).isEmpty();
        assertThat(valid).as("valid; errors: %s", errors).isEqualTo(want.get("valid"));
        for (Object e : (List<Object>) want.getOrDefault("errors", List.of())) {
            assertThat(errors).as("errors").contains((String) e);
        }
        for (Object w : (List<Object>) want.getOrDefault("warnings", List.of())) {
            assertThat(warnings).as("warnings").contains((String) w);
        }
        if (Boolean.TRUE.equals(want.get("noWarnings"))) {
            assertThat(warnings).as("warnings").isEmpty();
        }
        for (Object e : (List<Object>) want.getOrDefault("absentErrors", List.of())) {
            assertThat(errors).as("errors").doesNotContain((String) e);
        }
    }

    private static String text(List<Map<String, Object>> messages) {
        return messages.stream().map(m -> String.valueOf(m.get("message"))).collect(Collectors.joining("\n"));
    }
}
