package io.meshscope.core.validate;

import java.util.List;

/** What validating one resource found: errors make it invalid, warnings do not. Messages are Istio's text. */
public record ValidationResult(List<FieldMessage> errors, List<FieldMessage> warnings) {
    public ValidationResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
