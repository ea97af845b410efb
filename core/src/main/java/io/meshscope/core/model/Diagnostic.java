package io.meshscope.core.model;

import io.meshscope.core.render.TextSafe;

/**
 * One located message about the input: where (file:line:column), which resource (may be null for a
 * document that never became one), which field path, which rule, and the text.
 */
public record Diagnostic(
        Severity severity, ResourceId resource, SourceLocation location, String field, String rule, String message) {

    public Diagnostic {
        field = field == null ? "" : field;
        rule = rule == null ? "" : rule;
        location = location == null ? SourceLocation.UNKNOWN : location;
    }

    /**
     * {@code file:line:col: Kind ns/name: field: message}, the one-line form for logs and text output. Always one
     * line: every part may hold user text (file names, names, quoted values), so control and bidi characters are
     * escaped ({@link TextSafe}) and a manifest cannot forge lines or clear the screen.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (location.isKnown() || !location.file().isEmpty()) {
            sb.append(location).append(": ");
        }
        if (resource != null) {
            sb.append(resource).append(": ");
        }
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return TextSafe.escape(sb.append(message).toString());
    }
}
