package io.meshscope.core.validate;

/** Go duration strings as Istio reads {@code google.protobuf.Duration} fields, for generators outside this package. */
public final class Durations {
    private Durations() {
    }

    /** The duration in nanoseconds, or null when {@code text} is null or not a Go duration (validation reports it). */
    public static Long nanosOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return GoDuration.parseNanos(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
