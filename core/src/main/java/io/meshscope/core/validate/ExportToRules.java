package io.meshscope.core.validate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Istio's {@code validateExportTo} and {@code visibility.Instance.Validate}: entries are {@code .}, {@code *},
 * a DNS-1123 namespace, or (ServiceEntry only) {@code ~}; no duplicates; {@code *} and {@code ~} only alone.
 */
final class ExportToRules {
    private ExportToRules() {
    }

    /**
     * Validates {@code exportTo} of a resource in {@code namespace}; per-entry messages go to
     * {@code path[i]}, whole-list ones to {@code path}.
     */
    static void validate(String namespace, List<String> exportTo, boolean serviceEntry, boolean drWithSelector,
                         String path, Findings f) {
        if (exportTo.isEmpty()) {
            return;
        }
        Set<String> set = new LinkedHashSet<>();
        for (int i = 0; i < exportTo.size(); i++) {
            String e = exportTo.get(i) == null ? "" : exportTo.get(i);
            String key = e.equals(".") ? namespace : e; // so ". and the own namespace" counts as a duplicate
            String field = path + "[" + i + "]";
            if (set.contains(key)) {
                f.error(field, !key.equals(e) ? "duplicate entries in exportTo: . and current namespace " + namespace
                        : "duplicate entries in exportTo for entry " + e);
            } else if (serviceEntry && e.equals("~")) {
                set.add(key); // a ServiceEntry may be hidden from everyone, its own namespace included
            } else {
                String err = visibilityError(key);
                if (err != null) {
                    f.error(field, err);
                } else {
                    set.add(key);
                }
            }
        }
        if (drWithSelector && !set.isEmpty()) {
            if (!set.contains(namespace)) {
                f.error(path, "destination rule with workload selector cannot have exportTo beyond current namespace");
            } else if (set.size() > 1) {
                f.error(path, "destination rule with workload selector cannot have multiple entries in exportTo");
            }
        }
        if (set.contains("*") && exportTo.size() > 1) {
            f.error(path, "cannot have both public (*) and non-public exportTo values for a resource");
        }
        if (set.contains("~") && exportTo.size() > 1) {
            f.error(path, "cannot export service entry to no one (~) and someone");
        }
    }

    /** {@code visibility.Instance.Validate}. */
    static String visibilityError(String v) {
        if (v.equals(".") || v.equals("*")) {
            return null;
        }
        if (v.equals("~")) {
            return "exportTo ~ (none) is not allowed for Istio configuration objects";
        }
        return HostnameRules.isDns1123Label(v) ? null
                : "only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry";
    }
}
