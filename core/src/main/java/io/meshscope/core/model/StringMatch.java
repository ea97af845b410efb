package io.meshscope.core.model;

/**
 * Istio's {@code StringMatch} as written: at most one of {@code exact}, {@code prefix}, {@code regex} is non-null.
 * {@link #PRESENT} ({@code {}} in YAML) has none, which istiod turns into a presence match for headers and query
 * parameters ({@code canBeConvertedToPresentMatch}); so does {@code regex: "*"}.
 */
public record StringMatch(String exact, String prefix, String regex) {
    /** {@code {}}: no match type. */
    public static final StringMatch PRESENT = new StringMatch(null, null, null);

    public static StringMatch exact(String s) {
        return new StringMatch(s, null, null);
    }

    public static StringMatch prefix(String s) {
        return new StringMatch(null, s, null);
    }

    public static StringMatch regex(String s) {
        return new StringMatch(null, null, s);
    }

    /** No match type was written. */
    public boolean isEmpty() {
        return exact == null && prefix == null && regex == null;
    }

    /** istiod's {@code canBeConvertedToPresentMatch}: no match type, or the non-RE2 {@code regex: "*"}. */
    public boolean isPresenceMatch() {
        return isEmpty() || "*".equals(regex);
    }

    /** {@code exact: v}, {@code prefix: v} or {@code regex: v} as written; {@code {}} when empty. */
    @Override
    public String toString() {
        if (exact != null) {
            return "exact: " + exact;
        }
        if (prefix != null) {
            return "prefix: " + prefix;
        }
        return regex != null ? "regex: " + regex : "{}";
    }
}
