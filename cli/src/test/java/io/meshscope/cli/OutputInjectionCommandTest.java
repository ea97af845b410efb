package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.render.Json;
import io.meshscope.core.render.TextSafe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Issue 13 item 9: user text holding ESC, newlines or bidi overrides never reaches text output raw, so a manifest
 * in a pull request cannot clear a CI log's screen, forge a line, or reorder what a reviewer reads.
 */
class OutputInjectionCommandTest {
    static final String FORGED = "\\u2714 No validation issues found";
    /** YAML double-quoted escapes: ESC[2J (clear screen), a newline starting a forged line, U+202E. */
    static final String EVIL = "\\e[2J\\n" + FORGED + "\\u202e";
    static final String MESH = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: ns1, labels: {app: p, team: "t%1$s"}}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: "s%1$s", namespace: ns1, labels: {x: "l%1$s"}}
            spec:
              workloadSelector: {labels: {app: p}}
              egress:
              - hosts: ["./h%1$s.example.com", "istio-system/*"]
            """.formatted(EVIL);

    @TempDir
    Path dir;

    @Test
    void validateEscapesControlCharactersInNamesHostsAndLabels() throws IOException {
        assertSafe(CliRun.run("validate", "-f", mesh().toString()));
    }

    @Test
    void analyzeEscapesControlCharactersInNamesHostsAndLabels() throws IOException {
        assertSafe(CliRun.run("analyze", "-f", mesh().toString()));
    }

    @Test
    void describeEscapesControlCharactersInNamesHostsAndLabels() throws IOException {
        assertSafe(CliRun.run("describe", "ns1/p", "-f", mesh().toString()));
    }

    @Test
    void reportEscapesControlCharactersInNamesHostsAndLabels() throws IOException {
        assertSafe(CliRun.run("report", "-f", mesh().toString()));
    }

    @Test
    void reportCsvKeepsOneRecordPerLine() throws IOException {
        // Names the API server refuses (control characters) are input errors now (issue 13 item 8): the report is
        // refused, and neither the errors nor the (empty) CSV carry a raw control character.
        CliRun r = CliRun.run("report", "-f", mesh().toString(), "-o", "csv");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertNoRawControls(r);
        assertThat(r.out().lines().count()).as(r.out()).isLessThanOrEqualTo(2);
    }

    @Test
    void configDumpTablesEscapeControlCharactersInHostsAndNames() throws IOException {
        CliRun r = CliRun.run("config-dump", "ns1/p", "-f", mesh().toString(), "-o", "table");
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1, 2);
        assertNoRawControls(r);
    }

    @Test
    void tableCellsAreEscapedAndStillAligned() {
        String table = ConfigDumpTables.render(List.of(List.of("HOST", "PORT"), List.of("a\u001b[2J\nb", "80")));
        assertThat(table).isEqualTo("HOST          PORT\na\\e[2J\\nb     80\n");
    }

    @Test
    void anUnknownKindIsEscapedInTheSkippedNotice() throws IOException {
        Path f = Files.writeString(dir.resolve("k.yaml"), "apiVersion: x/v1\nkind: \"K\\n\\u2714 forged\"\n"
                + "metadata: {name: a, namespace: ns1}\n");
        CliRun r = CliRun.run("validate", "-v", "-f", f.toString());
        assertNoRawControls(r);
        assertThat(r.out() + r.err()).contains("K\\n\u2714 forged");
    }

    @Test
    void configDumpYamlKeepsBidiControlsAsYamlEscapes() throws IOException {
        Path f = Files.writeString(dir.resolve("svc.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ns1, labels: {app: p}}
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: web, namespace: ns1}
                spec: {hosts: ["web\\u202ex.ns1.svc.cluster.local"], ports: [{number: 80, name: http, protocol: HTTP}]}
                """);
        CliRun r = CliRun.run("config-dump", "ns1/p", "-f", f.toString(), "-o", "yaml");
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        assertNoRawControls(r);
        // the escape is YAML's own (in double quotes), so the value read back is the name as written
        assertThat(yaml(r.out()).toString()).contains("outbound|80||web\u202ex.ns1.svc.cluster.local");
    }

    @Test
    void aFileNameWithControlCharactersIsEscapedInMessages() throws IOException {
        Path f = Files.writeString(dir.resolve("a\u001b[2J\nb.yaml"), "kind: [unclosed\n");
        CliRun r = CliRun.run("validate", "-f", f.toString());
        assertThat(r.exitCode()).isIn(1, 2);
        assertNoRawControls(r);
        assertThat(r.out() + r.err()).contains("a\\e[2J\\nb.yaml");
    }

    @Test
    void jsonOutputStaysValidJsonWithTheOriginalValues() throws IOException {
        // describe refuses names the API server refuses (issue 13 item 8); validate's JSON carries them.
        CliRun r = CliRun.run("validate", "-f", mesh().toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertNoRawControls(r);
        assertThat(r.json().toString()).contains("s\u001b[2J\n\u2714 No validation issues found\u202e");
    }

    @Test
    void jsonEscapesEveryC0CharacterAsRfc8259Requires() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        String json = Json.write(Map.of("k", all.toString()));
        assertThat(json.chars().filter(c -> c < 0x20 && c != '\n').toArray()).isEmpty();
        assertThat(json).contains("\\u001b", "\\n", "\\t", "\\u0000");
        assertThat(yaml(json)).isEqualTo(Map.of("k", all.toString()));
    }

    @Test
    void escapingJsonOutputKeepsItsValues() {
        String value = "x\u007f\u0085\u202e\u2069y";
        String json = TextSafe.escapeKeepingLines(Json.write(List.of(value)));
        assertThat(yaml(json)).isEqualTo(List.of(value));
    }

    private static Object yaml(String text) {
        return new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    private Path mesh() throws IOException {
        return Files.writeString(dir.resolve("mesh.yaml"), MESH);
    }

    private static void assertSafe(CliRun r) {
        String all = r.out() + r.err();
        // describe and report refuse names the API server refuses (exit 2), printing the errors escaped.
        assertThat(r.exitCode()).as(all).isIn(0, 1, 2);
        assertNoRawControls(r);
        assertThat(all).contains("\\e[2J").contains("\\n\u2714 No validation issues found").contains("\\u202e");
    }

    private static void assertNoRawControls(CliRun r) {
        for (String s : new String[] {r.out(), r.err()}) {
            assertThat(s.chars().filter(c -> c != '\n' && TextSafe.unsafe((char) c)).toArray())
                    .as("raw control characters in:%n%s", s).isEmpty();
            assertThat(Arrays.stream(s.split("\n")).filter(l -> l.startsWith("\u2714")).toList())
                    .as("forged lines").isEmpty();
        }
    }
}
