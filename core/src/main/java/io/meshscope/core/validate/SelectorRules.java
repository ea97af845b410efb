package io.meshscope.core.validate;

import io.meshscope.core.model.WorkloadSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Workload selector checks: {@code ValidateAlphaWorkloadSelector} (Sidecar, ServiceEntry: errors abort the
 * whole validation) and {@code validateWorkloadSelector} (DestinationRule: errors are collected).
 * Go ranges over the label map in random order; we report keys in sorted order so output is stable.
 */
final class SelectorRules {
    static final String NO_LABELS = "workload selector specified without labels";

    private SelectorRules() {
    }

    /** The per-label errors (empty key, {@code *} in key or value), keys sorted; empty when none. */
    static List<FieldMessage> labelErrors(WorkloadSelector selector, String field) {
        List<FieldMessage> out = new ArrayList<>();
        if (selector == null) {
            return out;
        }
        for (Map.Entry<String, String> e : new TreeMap<>(selector.labels()).entrySet()) {
            String kv = GoText.quote(e.getKey() + "=" + e.getValue());
            if (e.getKey().isEmpty()) {
                out.add(new FieldMessage(field, "empty key is not supported in selector: " + kv));
            }
            if (e.getKey().contains("*") || e.getValue().contains("*")) {
                out.add(new FieldMessage(field, "wildcard is not supported in selector: " + kv));
            }
        }
        return out;
    }

    /** True when a selector is present but has no labels (selects every workload of the namespace). */
    static boolean presentWithoutLabels(WorkloadSelector selector) {
        return selector != null && selector.labels().isEmpty();
    }

    /** {@code validateWorkloadSelector}: errors collected, plus the bare "without labels" warning. */
    static void validateCollected(WorkloadSelector selector, String field, Findings f) {
        for (FieldMessage m : labelErrors(selector, field + ".matchLabels")) {
            f.error(m.field(), m.message());
        }
        if (presentWithoutLabels(selector)) {
            f.warning(field, NO_LABELS);
        }
    }
}
