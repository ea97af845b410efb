package io.meshscope.core.validate;

import io.meshscope.core.model.NotGenerated;

/**
 * One validation message about a field path of a resource ({@code spec.egress[1].hosts[0]}); {@code rule} is
 * {@link #ISTIO} for Istio's own checks and {@link NotGenerated#RULE} for a field meshscope does not generate.
 */
public record FieldMessage(String field, String message, String rule) {
    /** The rule of every message that is Istio's validation text. */
    public static final String ISTIO = "istio";

    /** An Istio validation message. */
    public FieldMessage(String field, String message) {
        this(field, message, ISTIO);
    }

    /** Whether this reports a written field that meshscope leaves out of the generated config. */
    public boolean notGenerated() {
        return NotGenerated.RULE.equals(rule);
    }
}
