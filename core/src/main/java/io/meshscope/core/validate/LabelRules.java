package io.meshscope.core.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// Istio's labels.Instance.Validate (pkg/config/labels/instance.go): every key a Kubernetes label name (an optional
// DNS prefix of at most 253 bytes and a qualified name of at most 63), every value empty or a qualified name (with no
// length limit: Istio does not check one). Go ranges over the map in random order; keys are reported sorted.
/** Istio's {@code labels.Instance.Validate}, with its texts; keys are checked in sorted order. */
final class LabelRules {
    private static final String LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final String QUALIFIED_NAME = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern TAG = Pattern.compile("(" + LABEL + "(?:\\." + LABEL + ")*/)?(" + QUALIFIED_NAME + ")");
    private static final Pattern VALUE = Pattern.compile("(" + QUALIFIED_NAME + ")?");
    private static final int DNS_PREFIX_MAX = 253;

    private LabelRules() {
    }

    /** Each key's then each value's error, keys sorted, at {@code path.<key>}. */
    static void validate(Map<String, String> labels, String path, Findings f) {
        for (FieldMessage m : errors(labels, path)) {
            f.error(m.field(), m.message());
        }
    }

    /** The errors {@link #validate} records, as a list. */
    static List<FieldMessage> errors(Map<String, String> labels, String path) {
        List<FieldMessage> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            String field = path + "." + e.getKey();
            String keyError = tagKey(e.getKey());
            if (keyError != null) {
                out.add(new FieldMessage(field, keyError));
            }
            if (!VALUE.matcher(e.getValue()).matches()) {
                out.add(new FieldMessage(field, "invalid tag value: " + GoText.quote(e.getValue())));
            }
        }
        return out;
    }

    /** {@code validateTagKey}. */
    private static String tagKey(String k) {
        Matcher m = TAG.matcher(k);
        if (!m.matches()) {
            return "invalid tag key: " + GoText.quote(k);
        }
        if (m.group(1) != null && m.group(1).length() - 1 > DNS_PREFIX_MAX) {
            return "invalid tag key: " + GoText.quote(k) + " (DNS prefix is too long)";
        }
        if (m.group(2).length() > HostnameRules.DNS1123_LABEL_MAX_LENGTH) {
            return "invalid tag key: " + GoText.quote(k) + " (name is too long)";
        }
        return null;
    }
}
