package io.meshscope.core.analyze;

import io.meshscope.core.model.ResourceId;
import java.util.regex.Pattern;

/**
 * A request not to report {@code code} on {@code resource} ({@code --suppress CODE=Kind/ns/name}).
 * Any part may be {@code *} or contain {@code *} wildcards, as istioctl's {@code --suppress} allows.
 */
public record Suppression(String code, ResourceId resource) {

    /**
     * Parses {@code CODE=Kind/namespace/name}, or {@code CODE=Kind/name} for a cluster-scoped resource.
     *
     * @throws IllegalArgumentException when the text has neither form
     */
    public static Suppression parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("suppression must be CODE=Kind/namespace/name: " + text);
        }
        String code = text.substring(0, eq).trim();
        String[] parts = text.substring(eq + 1).trim().split("/", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("suppression must be CODE=Kind/namespace/name: " + text);
            }
        }
        return switch (parts.length) {
            case 3 -> new Suppression(code, new ResourceId(parts[0], parts[1], parts[2]));
            case 2 -> new Suppression(code, new ResourceId(parts[0], "", parts[1]));
            default -> throw new IllegalArgumentException("suppression must be CODE=Kind/namespace/name: " + text);
        };
    }

    /** True when this suppression covers the message. Kinds compare case-insensitively, like kubectl's. */
    public boolean matches(AnalysisMessage m) {
        ResourceId r = m.resource();
        return r != null && glob(code, m.type().code(), false) && glob(resource.kind(), r.kind(), true)
                && glob(resource.namespace(), r.namespace(), false) && glob(resource.name(), r.name(), false);
    }

    private static boolean glob(String pattern, String value, boolean ignoreCase) {
        if (pattern.equals("*")) {
            return true;
        }
        if (!pattern.contains("*")) {
            return ignoreCase ? pattern.equalsIgnoreCase(value) : pattern.equals(value);
        }
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
        return Pattern.compile(regex.toString(), flags).matcher(value).matches();
    }
}
