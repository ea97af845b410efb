package io.meshscope.core.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Label-set helpers with Kubernetes' semantics. */
public final class Labels {
    private Labels() {
    }

    /** True when every key/value of {@code selector} is in {@code labels}; an empty selector selects everything. */
    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Sorted {@code k=v,k2=v2}, the form Istio prints selectors in. */
    public static String render(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
