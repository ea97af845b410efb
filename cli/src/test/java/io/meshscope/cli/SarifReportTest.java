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
