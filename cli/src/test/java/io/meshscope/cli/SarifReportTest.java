package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze -o sarif}, validated against the official SARIF 2.1.0 schema (OASIS errata 01, vendored). */
class SarifReportTest {
    private static Schema sarif;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            sarif = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    private static List<Error> violations(String json) {
        return sarif.validate(json, InputFormat.JSON);
    }

    @Test
    void seedAsWrittenLogIsValidSarif210() {
        CliRun run = CliRun.run("analyze", "-f", AnalyzeCommandTest.SEED, "-o", "sarif");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(violations(run.out())).isEmpty();
    }

    @Test
    void logsWithoutFindingsWithInputErrorsAndFromStdinAreValidToo() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: Service\nmetadata: [unclosed\n");

        assertThat(violations(CliRun.run("analyze", "-f", AnalyzeCommandTest.ECOMMERCE, "-o", "sarif").out())).isEmpty();
        assertThat(violations(CliRun.run("analyze", "-f", broken.toString(), "-o", "sarif").out())).isEmpty();
        String stdin = AnalyzeCommandTest.service("ns1", "a") + "---\n"
                + AnalyzeCommandTest.sidecar("ns1", "s", "", "\"*/*\"");
        assertThat(violations(CliRun.runWithStdin(stdin, "analyze", "-f", "-", "-o", "sarif").out())).isEmpty();
    }

    /** Every example directory, read from its path and from standard input: the schema and GitHub's rules. */
    @Test
    void everyExampleIsValidSarifThatGitHubAccepts() throws IOException {
        List<Path> examples;
        try (var s = Files.list(Path.of("../examples"))) {
            examples = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (Path example : examples) {
            CliRun byPath = CliRun.run("analyze", "-f", example.toString(), "-o", "sarif");
            StringBuilder all = new StringBuilder();
            try (var s = Files.walk(example)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    all.append(Files.readString(f)).append("\n---\n");
                }
            }
            CliRun byStdin = CliRun.runWithStdin(all.toString(), "analyze", "-f", "-", "-o", "sarif");
            for (CliRun run : List.of(byPath, byStdin)) {
                assertThat(violations(run.out())).as(example.toString()).isEmpty();
                assertThat(GitHubSarifRules.violations(run.json())).as(example.toString()).isEmpty();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void namespaceFindingWithoutNamespaceObjectIsPlacedAtTheNamespacesFirstObject() throws IOException {
        Path f = dir.resolve("legacy.yaml");
        Files.writeString(f, "# legacy namespace, no Namespace object\n" + AnalyzeCommandTest.service("legacy", "a")
                + "---\n" + deployment("legacy", "a"));

        Map<String, Object> log = CliRun.run("analyze", "-f", f.toString(), "-o", "sarif").json();

        Map<String, Object> ms0004 = results(log).stream().filter(r -> r.get("ruleId").equals("MS0004"))
                .findFirst().orElseThrow();
        Map<String, Object> physical = (Map<String, Object>) ((List<Map<String, Object>>) ms0004.get("locations"))
                .get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation")).isEqualTo(Map.of("uri", SarifReport.uri(f.toString())));
        // the Service, the namespace's first object, is located (as everywhere) at its metadata: line 4
        assertThat(((Map<String, Object>) physical.get("region")).get("startLine")).isEqualTo(4);
        assertThat(GitHubSarifRules.violations(log)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void standardInputIsTheArtifactStdinOrTheStdinName() {
        String yaml = AnalyzeCommandTest.service("legacy", "a") + "---\n" + deployment("legacy", "a")
                + "---\n" + AnalyzeCommandTest.sidecar("legacy", "s", "", "\"*/*\"");

        Map<String, Object> plain = CliRun.runWithStdin(yaml, "analyze", "-f", "-", "-o", "sarif").json();
        Map<String, Object> named = CliRun.runWithStdin(yaml, "analyze", "-f", "-", "-o", "sarif",
                "--stdin-name", "charts/shop/rendered.yaml").json();

        assertThat(results(plain)).isNotEmpty().allSatisfy(r -> assertThat(uriOf(r)).isEqualTo("stdin"));
        assertThat(results(named)).isNotEmpty()
                .allSatisfy(r -> assertThat(uriOf(r)).isEqualTo("charts/shop/rendered.yaml"));
        assertThat(GitHubSarifRules.violations(plain)).isEmpty();
        assertThat(GitHubSarifRules.violations(named)).isEmpty();
    }

    @Test
    void gitHubRulesRejectAResultWithOnlyALogicalLocation() {
        Map<String, Object> log = Map.of("version", "2.1.0", "runs", List.of(Map.of(
                "tool", Map.of("driver", Map.of("name", "x", "rules", List.of(Map.of("id", "MS0004")))),
                "results", List.of(Map.of("ruleId", "MS0004", "message", Map.of("text", "t"),
                        "locations", List.of(Map.of("logicalLocations", List.of(Map.of("name", "legacy")))))))));

        assertThat(GitHubSarifRules.violations(log)).singleElement().asString()
                .startsWith("runs[0].results[0].locations[0].physicalLocation: required");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> log) {
        return (List<Map<String, Object>>) ((List<Map<String, Object>>) log.get("runs")).get(0).get("results");
    }

    @SuppressWarnings("unchecked")
    private static String uriOf(Map<String, Object> result) {
        Map<String, Object> physical = (Map<String, Object>) ((List<Map<String, Object>>) result.get("locations"))
                .get(0).get("physicalLocation");
        return (String) ((Map<String, Object>) physical.get("artifactLocation")).get("uri");
    }

    static String deployment(String ns, String name) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nspec:\n  selector:\n    matchLabels:\n      app: " + name + "\n  template:\n    metadata:\n"
                + "      labels:\n        app: " + name + "\n    spec:\n      containers:\n        - name: " + name
                + "\n          image: " + name + "\n";
    }

    @Test
    void validatorRejectsAnInvalidLog() {
        String invalid = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},"
                + " \"results\": [{\"ruleId\": \"MS0001\", \"level\": \"fatal\", \"message\": {\"text\": \"t\"}}]}]}";

        assertThat(violations(invalid)).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rulesCarryIdNameHelpAndDefaultLevel() {
        Map<String, Object> log = CliRun.run("analyze", "-f", AnalyzeCommandTest.SEED, "-o", "sarif").json();
        Map<String, Object> run = ((List<Map<String, Object>>) log.get("runs")).get(0);
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.get("rules");

        assertThat(driver.get("name")).isEqualTo("meshscope");
        assertThat(rules).extracting(r -> r.get("id")).contains("IST0106", "IST0111", "MS0001", "MS0012", "input");
        Map<String, Object> ms0007 = rules.stream().filter(r -> r.get("id").equals("MS0007")).findFirst().orElseThrow();
        assertThat(ms0007.get("name")).isEqualTo("RegistryOnlyServiceEntryNotImported");
        assertThat(ms0007.get("defaultConfiguration")).isEqualTo(Map.of("level", "error"));
        assertThat(((Map<String, Object>) ms0007.get("help")).get("text")).asString()
                .endsWith("See docs/analyzers.md#ms0007.");
        assertThat(((Map<String, Object>) ms0007.get("shortDescription")).get("text")).asString().isNotBlank();
    }

    @Test
    @SuppressWarnings("unchecked")
    void resultsPointAtFileLineAndColumnAndAtTheirRule() {
        Map<String, Object> log = CliRun.run("analyze", "-f", AnalyzeCommandTest.SEED, "-o", "sarif").json();
        Map<String, Object> run = ((List<Map<String, Object>>) log.get("runs")).get(0);
        List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                run.get("tool")).get("driver")).get("rules");
        List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");

        Map<String, Object> shipping = results.stream()
                .filter(r -> r.get("ruleId").equals("MS0001") && r.get("message").toString().contains("orders/order-service"))
                .findFirst().orElseThrow();
        assertThat(shipping.get("level")).isEqualTo("warning");
        assertThat(rules.get((Integer) shipping.get("ruleIndex")).get("id")).isEqualTo("MS0001");
        Map<String, Object> location = ((List<Map<String, Object>>) shipping.get("locations")).get(0);
        Map<String, Object> physical = (Map<String, Object>) location.get("physicalLocation");
        assertThat(physical.get("artifactLocation")).isEqualTo(Map.of("uri", "../examples/seed-as-written/sidecars.yaml"));
        assertThat(physical.get("region")).isEqualTo(Map.of("startLine", 347, "startColumn", 11));
        assertThat(location.get("logicalLocations")).isEqualTo(List.of(Map.of("name", "default",
                "fullyQualifiedName", "Sidecar/shipping/default", "kind", "resource")));
        assertThat(results).extracting(r -> r.get("level")).contains("error", "warning", "note");
    }

    @Test
    void sarifFollowsTheFailureThresholdLikeTheOtherFormats() {
        assertThat(CliRun.run("analyze", "-f", AnalyzeCommandTest.ECOMMERCE, "-o", "sarif").exitCode())
                .isEqualTo(ExitCodes.OK);
        assertThat(CliRun.run("analyze", "-f", AnalyzeCommandTest.ECOMMERCE, "-o", "sarif", "--failure-threshold",
                "Info").exitCode()).isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void filesBecomeUriReferences() {
        assertThat(SarifReport.uri("examples/my dir/a.yaml")).isEqualTo("examples/my%20dir/a.yaml");
        assertThat(SarifReport.uri("/abs/path/a.yaml")).isEqualTo("file:///abs/path/a.yaml");
        assertThat(SarifReport.uri("c:x.yaml")).isEqualTo("./c:x.yaml");
        assertThat(SarifReport.uri("<stdin>")).isNull();
    }
}
