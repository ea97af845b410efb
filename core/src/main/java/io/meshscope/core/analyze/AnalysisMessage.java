package io.meshscope.core.analyze;

import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;

/** One analyzer finding attached to a resource, with the place and field it concerns. */
public record AnalysisMessage(MessageType type, ResourceId resource, SourceLocation location, String field,
                              String message) {

    /** The message code, e.g. {@code IST0110}. */
    public String code() {
        return type.code();
    }

    /** The message level (its type's default level). */
    public Severity level() {
        return type.level();
    }
}
