package io.meshscope.core.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates a validation run's errors and warnings in evaluation order, like Istio's {@code Validation}
 * multierror pair, but flattened to one {@link FieldMessage} per message with the field it concerns.
 */
final class Findings {
    private final List<FieldMessage> errors = new ArrayList<>();
    private final List<FieldMessage> warnings = new ArrayList<>();

    /** Records an error unless {@code message} is null (a Go helper that returned nil). */
    void error(String field, String message) {
        if (message != null) {
            errors.add(new FieldMessage(field, message));
        }
    }

    /** Records each message as an error on the same field, in order. */
    void errors(String field, List<String> messages) {
        messages.forEach(m -> error(field, m));
    }

    /** Records a warning unless {@code message} is null. */
    void warning(String field, String message) {
        if (message != null) {
            warnings.add(new FieldMessage(field, message));
        }
    }

    ValidationResult result() {
        return new ValidationResult(errors, warnings);
    }
}
