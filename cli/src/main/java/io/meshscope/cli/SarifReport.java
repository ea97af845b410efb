package io.meshscope.cli;

import io.meshscope.core.analyze.AnalysisMessage;
import io.meshscope.core.analyze.RuleDescriptions;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Severity;
import io.meshscope.core.model.SourceLocation;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code analyze -o sarif}: a SARIF 2.1.0 log with one run, every rule meshscope can report (id, name, summary,
 * help, default level) and one result per message, located by file, line and column and by resource, ready for
 * GitHub code scanning: every result has a physical location ({@link SarifLocations} places those the analyzers
 * could not). Input errors are results of the rule {@value #INPUT_RULE}.
 */
final class SarifReport {
    static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String INPUT_RULE = "input";
    static final String FINGERPRINT = "meshscopeFinding/v1";

    private SarifReport() {
    }

    /** The SARIF log as maps and lists, for {@link Json#write}. */
    static Map<String, Object> build(List<AnalysisMessage> messages, List<Diagnostic> inputErrors, String version,
                                     SarifLocations places) {
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (RuleDescriptions.RuleDescription r : RuleDescriptions.all()) {
            ruleIndex.put(r.type().code(), rules.size());
            rules.add(rule(r.type().code(), r.type().title(), r.summary(), r.help(), r.type().level()));
        }
        ruleIndex.put(INPUT_RULE, rules.size());
        rules.add(rule(INPUT_RULE, "InputError", "A document or field of the input could not be read.",
                "Fix the YAML or the field named; the rest of the input is still analyzed.", Severity.ERROR));

        List<Map<String, Object>> results = new ArrayList<>();
        for (Diagnostic d : inputErrors) {
            results.add(result(INPUT_RULE, ruleIndex.get(INPUT_RULE), d.severity(), d.message(), d.resource(),
                    d.location(), d.field(), places));
        }
        for (AnalysisMessage m : messages) {
            Integer index = ruleIndex.get(m.code());
            results.add(result(m.code(), index == null ? -1 : index, m.level(), m.message(), m.resource(),
                    m.location(), m.field(), places));
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "meshscope");
        driver.put("version", version);
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", obj("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static Map<String, Object> rule(String id, String name, String summary, String help, Severity level) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("name", name);
        r.put("shortDescription", obj("text", summary));
        r.put("fullDescription", obj("text", summary + " " + help));
        r.put("help", obj("text", help, "markdown", "**" + name + "**: " + summary + "\n\n" + help));
        r.put("defaultConfiguration", obj("level", level(level)));
        r.put("properties", obj("tags", List.of("istio", "sidecar", id.startsWith("IST") ? "istioctl" : "meshscope")));
        return r;
    }

    private static Map<String, Object> result(String ruleId, int ruleIndex, Severity level, String text,
                                              ResourceId resource, SourceLocation at, String field,
                                              SarifLocations places) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ruleId", ruleId);
        if (ruleIndex >= 0) {
            r.put("ruleIndex", ruleIndex);
        }
        r.put("level", level(level));
        r.put("message", obj("text", text));
        Map<String, Object> location = location(resource, places.locate(resource, at).orElse(null), places);
        if (!location.isEmpty()) {
            r.put("locations", List.of(location));
        }
        r.put("partialFingerprints", obj(FINGERPRINT, fingerprint(ruleId, resource, field, text)));
        Map<String, Object> props = new LinkedHashMap<>();
        if (resource != null) {
            props.put("resource", resource.toString());
        }
        if (field != null && !field.isEmpty()) {
            props.put("field", field);
        }
        if (!props.isEmpty()) {
            r.put("properties", props);
        }
        return r;
    }

    private static Map<String, Object> location(ResourceId resource, SourceLocation at, SarifLocations places) {
        Map<String, Object> loc = new LinkedHashMap<>();
        String uri = at == null ? null : places.uri(at.file());
        if (uri != null) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", Math.max(1, at.line()));
            if (at.column() > 0) {
                region.put("startColumn", at.column());
            }
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", obj("uri", uri));
            physical.put("region", region);
            loc.put("physicalLocation", physical);
        }
        if (resource != null) {
            Map<String, Object> logical = new LinkedHashMap<>();
            logical.put("name", resource.name());
            logical.put("fullyQualifiedName", resource.kind() + "/" + resource.nsName());
            logical.put("kind", "resource");
            loc.put("logicalLocations", List.of(logical));
        }
        return loc;
    }

    /** A file as a URI reference: relative paths stay relative (with {@code /}), absolute ones become file URIs. */
    static String uri(String file) {
        if (file == null || file.isEmpty() || file.equals("<stdin>")) {
            return null;
        }
        try {
            if (Path.of(file).isAbsolute()) {
                return Path.of(file).toUri().toString();
            }
        } catch (InvalidPathException e) {
            // not a path this platform knows; keep it as a relative reference
        }
        String rel = file.replace(File.separatorChar, '/');
        int colon = rel.indexOf(':');
        if (colon >= 0 && (rel.indexOf('/') < 0 || colon < rel.indexOf('/'))) {
            rel = "./" + rel; // "a:b" would read as a URI scheme
        }
        try {
            return new URI(null, null, rel, null).toASCIIString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A JSON object keeping the order written (Map.of's order differs between JVM runs). */
    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** Stable across runs, line moves and changing counts: rule, resource, field and the text without digits. */
    private static String fingerprint(String ruleId, ResourceId resource, String field, String text) {
        String key = ruleId + "|" + resource + "|" + field + "|" + text.replaceAll("[0-9]+", "#");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
