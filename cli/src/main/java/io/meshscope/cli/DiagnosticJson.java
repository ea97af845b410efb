package io.meshscope.cli;

import io.meshscope.core.model.Diagnostic;
import java.util.LinkedHashMap;
import java.util.Map;

/** One located message in cli.md's shape: kind, namespace, name, file, line, column, field, message. */
final class DiagnosticJson {
    private DiagnosticJson() {
    }

    static Map<String, Object> toMap(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", d.resource() == null ? null : d.resource().kind());
        m.put("namespace", d.resource() == null ? null : d.resource().namespace());
        m.put("name", d.resource() == null ? null : d.resource().name());
        m.put("file", d.location().file());
        m.put("line", d.location().line());
        m.put("column", d.location().column());
        m.put("field", d.field());
        m.put("message", d.message());
        if (!d.rule().isEmpty()) {
            m.put("rule", d.rule());
        }
        return m;
    }
}
