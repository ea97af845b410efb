package io.meshscope.core.validate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One egress listener's {@code hosts}: rule 41 (non-empty), the duplicate-host warnings of spec §2.2
 * (rules 42/43) and the per-entry {@link HostnameRules#validateSidecarEgressHost} errors (rules 44-49).
 */
final class EgressHostRules {
    static final String STAR_STAR = "`*/*` host select all resources, no other hosts can be added";

    private EgressHostRules() {
    }

    /** Validates {@code hosts} (field path {@code path}); {@code .} means the Sidecar's own namespace. */
    static void validate(List<String> hosts, String path, String configNamespace, Findings f) {
        if (hosts.isEmpty()) {
            f.error(path, "sidecar: egress listener must contain at least one host");
            return;
        }
        // seen[ns] = dnsNames written for that namespace, in this listener only.
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (int j = 0; j < hosts.size(); j++) {
            String host = hosts.get(j) == null ? "" : hosts.get(j); // a YAML null decodes to the proto default ""
            String field = path + "[" + j + "]";
            f.warning(field, duplicateWarning(host, configNamespace, seen));
            f.errors(field, HostnameRules.validateSidecarEgressHost(host));
        }
        Set<String> wildcardNs = seen.get("*");
        if (wildcardNs != null && wildcardNs.contains("*") && seen.size() != 1) {
            f.warning(path, STAR_STAR);
        }
    }

    /**
     * Steps 1-5 of spec §2.2 for one entry: exclusions ({@code ~ns/...}) and slash-less entries never warn;
     * a name repeats, or follows {@code ns/*}, or {@code ns/*} follows anything. Overlapping wildcards such as
     * {@code ns/*.a.com} + {@code ns/b.a.com} are deliberately not compared.
     */
    private static String duplicateWarning(String host, String configNamespace, Map<String, Set<String>> seen) {
        int slash = host.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String ns = host.substring(0, slash);
        String name = host.substring(slash + 1);
        if (ns.startsWith("~")) {
            return null;
        }
        if (ns.equals(".")) {
            ns = configNamespace;
        }
        Set<String> names = seen.computeIfAbsent(ns, k -> new HashSet<>());
        boolean duplicate = name.equals("*") ? !names.isEmpty() : names.contains(name) || names.contains("*");
        names.add(name);
        return duplicate ? "duplicated egress host: " + host : null;
    }
}
