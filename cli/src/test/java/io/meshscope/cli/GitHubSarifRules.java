package io.meshscope.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requirements GitHub code scanning adds to SARIF 2.1.0 ("SARIF support for code scanning", docs.github.com):
 * a whole upload is rejected when one result breaks them, so each is checked here for every result.
 */
final class GitHubSarifRules {
    private static final int MAX_RUNS = 20;
    private static final int MAX_RESULTS_PER_RUN = 25_000;
    private static final int MAX_RULES_PER_RUN = 25_000;
    private static final int MAX_LOCATIONS_PER_RESULT = 1_000;

    private GitHubSarifRules() {
    }

    /** Every broken requirement, as {@code path: problem}; empty when GitHub accepts the log. */
    @SuppressWarnings("unchecked")
    static List<String> violations(Map<String, Object> log) {
        List<String> out = new ArrayList<>();
        require(out, "2.1.0".equals(log.get("version")), "version", "must be 2.1.0");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) log.get("runs");
        require(out, runs != null && !runs.isEmpty() && runs.size() <= MAX_RUNS, "runs", "1.." + MAX_RUNS + " runs");
        if (runs == null) {
            return out;
        }
        for (int i = 0; i < runs.size(); i++) {
            String at = "runs[" + i + "]";
            Map<String, Object> run = runs.get(i);
            Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
            require(out, nonBlank(driver.get("name")), at + ".tool.driver.name", "required");
            List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.getOrDefault("rules", List.of());
            require(out, rules.size() <= MAX_RULES_PER_RUN, at + ".tool.driver.rules", "too many rules");
            Set<Object> ids = new HashSet<>();
            for (Map<String, Object> rule : rules) {
                require(out, nonBlank(rule.get("id")), at + ".tool.driver.rules[].id", "required");
                require(out, ids.add(rule.get("id")), at + ".tool.driver.rules[].id", "duplicate " + rule.get("id"));
            }
            List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");
            require(out, results != null && results.size() <= MAX_RESULTS_PER_RUN, at + ".results", "0.." + MAX_RESULTS_PER_RUN);
            for (int j = 0; results != null && j < results.size(); j++) {
                result(out, at + ".results[" + j + "]", results.get(j), rules);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void result(List<String> out, String at, Map<String, Object> r, List<Map<String, Object>> rules) {
        require(out, nonBlank(r.get("ruleId")), at + ".ruleId", "required");
        if (r.get("ruleIndex") instanceof Integer index) {
            require(out, index >= 0 && index < rules.size() && rules.get(index).get("id").equals(r.get("ruleId")),
                    at + ".ruleIndex", "must point at the rule named by ruleId");
        }
        Map<String, Object> message = (Map<String, Object>) r.get("message");
        require(out, message != null && nonBlank(message.get("text")), at + ".message.text", "required");
        List<Map<String, Object>> locations = (List<Map<String, Object>>) r.get("locations");
        if (locations == null || locations.isEmpty()) {
            out.add(at + ".locations: required (GitHub rejects the whole upload) in " + r);
            return;
        }
        require(out, locations.size() <= MAX_LOCATIONS_PER_RESULT, at + ".locations", "too many");
        for (int k = 0; k < locations.size(); k++) {
            String lat = at + ".locations[" + k + "].physicalLocation";
            Map<String, Object> physical = (Map<String, Object>) locations.get(k).get("physicalLocation");
            if (physical == null) {
                out.add(lat + ": required in " + r);
                continue;
            }
            Map<String, Object> artifact = (Map<String, Object>) physical.get("artifactLocation");
            Object uri = artifact == null ? null : artifact.get("uri");
            require(out, nonBlank(uri) && isUriReference((String) uri), lat + ".artifactLocation.uri",
                    "a non-empty URI (relative to the repository root, or file:), got " + uri);
            Map<String, Object> region = (Map<String, Object>) physical.get("region");
            require(out, region != null && region.get("startLine") instanceof Integer line && line >= 1,
                    lat + ".region.startLine", "required, >= 1");
            if (region != null && region.containsKey("startColumn")) {
                require(out, region.get("startColumn") instanceof Integer c && c >= 1, lat + ".region.startColumn",
                        ">= 1 when given");
            }
        }
    }

    private static boolean isUriReference(String uri) {
        try {
            URI u = new URI(uri);
            return u.getScheme() == null || u.getScheme().equals("file");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean nonBlank(Object o) {
        return o instanceof String s && !s.isBlank();
    }

    private static void require(List<String> out, boolean ok, String path, String problem) {
        if (!ok) {
            out.add(path + ": " + problem);
        }
    }
}
