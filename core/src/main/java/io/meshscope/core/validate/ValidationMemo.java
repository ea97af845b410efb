package io.meshscope.core.validate;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers validation results between successive inputs, so a control plane re-validating a thousand unchanged
 * Sidecars after one endpoint moved does the work once. Objects are compared by value (records, positions
 * included); results of objects absent from the newest input are forgotten. Not thread-safe: one owner.
 */
public final class ValidationMemo {
    private Map<Object, ValidationResult> previous = new HashMap<>();
    private Map<Object, ValidationResult> current = new HashMap<>();

    ValidationResult get(Object object, Supplier<ValidationResult> compute) {
        ValidationResult r = previous.get(object);
        if (r == null) {
            r = current.get(object);
        }
        if (r == null) {
            r = compute.get();
        }
        current.put(object, r);
        return r;
    }

    /** Ends one input: what it validated becomes what the next input may reuse. */
    void roll() {
        previous = current;
        current = new HashMap<>();
    }
}
