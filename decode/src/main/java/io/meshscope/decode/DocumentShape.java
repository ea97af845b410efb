package io.meshscope.decode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a YAML document is a Kubernetes object (docs/inputs.md "What is a Kubernetes object"). A repository holds
 * many YAML and JSON files that are not (CI workflows, Helm values, OpenAPI specs, package.json): a file none of
 * whose documents is an object is skipped with a notice instead of failing the run. A document that plainly tries
 * to be one and gets it wrong stays an error.
 */
enum DocumentShape {
    /** A mapping with both {@code apiVersion} and {@code kind} keys (their values must then be non-empty strings). */
    OBJECT,
    /**
     * A document that is meant as an object but is broken: a mapping with {@code kind} without {@code apiVersion},
     * with {@code apiVersion} and {@code metadata} but no {@code kind}, or with either key spelt in another case
     * ({@code Kind}); or a sequence of objects written without the {@code kind: List} around them.
     */
    BROKEN_OBJECT,
    /** Anything else: a scalar, a sequence, or a mapping without those keys (Helm's Chart.yaml has only apiVersion). */
    NOT_OBJECT;

    /** {@code apiVersion} or {@code kind} written as a key, in YAML or JSON; for text that could not be parsed. */
    private static final Pattern OBJECT_KEY = Pattern.compile("(^|[\\s{,\\-])[\"']?(apiVersion|kind)[\"']?\\s*:",
            Pattern.MULTILINE);

    static DocumentShape of(YNode doc) {
        if (doc instanceof YNode.Seq seq) {
            return seq.items().stream().anyMatch(item -> of(item) == OBJECT) ? BROKEN_OBJECT : NOT_OBJECT;
        }
        if (!(doc instanceof YNode.Mapping m)) {
            return NOT_OBJECT;
        }
        boolean apiVersion = m.entries().containsKey("apiVersion");
        boolean kind = m.entries().containsKey("kind");
        if (apiVersion && kind) {
            return OBJECT;
        }
        if (kind || (apiVersion && m.entries().containsKey("metadata")) || miscased(m, "apiVersion") != null
                || miscased(m, "kind") != null) {
            return BROKEN_OBJECT;
        }
        return NOT_OBJECT;
    }

    /** A key of {@code m} equal to {@code field} but for case ({@code Kind}, {@code apiversion}), or null. */
    static String miscased(YNode.Mapping m, String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        for (String key : m.entries().keySet()) {
            if (!key.equals(field) && key.toLowerCase(Locale.ROOT).equals(lower)) {
                return key;
            }
        }
        return null;
    }

    /**
     * Whether unparseable text could hold an object: it writes {@code apiVersion} or {@code kind} as a key. Every
     * Kubernetes object has both, so text with neither is not a broken manifest, whatever its syntax errors.
     */
    static boolean mentionsObjectKeys(String text) {
        return OBJECT_KEY.matcher(text).find();
    }
}
