package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate} given one workload's access log: that workload is scoped, every other keeps its scope, and
 * the report says how much of the mesh the evidence covers (text and JSON).
 */
class GenerateWithoutEvidenceCommandTest {
    static final String MESH = "../examples/ecommerce";
    static final String LINE = "[2026-01-15T10:00:01.409Z] \"GET /x HTTP/1.1\" 200 - via_upstream - \"-\" 0 1 1 1 \"-\" "
            + "\"curl\" \"id\" \"payment-service.orders:80\" \"10.13.2.11:8080\" "
            + "outbound|80||payment-service.orders.svc.cluster.local 10.10.1.11:1 10.96.3.20:80 10.10.1.11:2 - default\n";

    @TempDir
    Path tmp;

    @Test
    void oneAccessLogScopesOnlyItsWorkloadAndListsTheOthersAsSkipped() throws IOException {
        Path log = tmp.resolve("web.log");
        Files.writeString(log, LINE);
        CliRun r = CliRun.run("generate", "-f", MESH, "--access-log", "frontend/web-ui=" + log);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("~/*");
        assertThat(r.err()).contains("coverage: the evidence covers 1 of 10 sidecar workloads (10%) and 0 of 5"
                        + " namespaces fully (1 more partly)")
                .contains("  frontend/mobile-bff: no evidence of its calls; its current scope is kept (Sidecar"
                        + " frontend/default kept as it is)")
                .contains("note: namespace frontend gets no namespace default");
        // Every other workload keeps the Sidecar it has: frontend/default is written back for mobile-bff.
        assertThat(r.out()).contains("name: default\n  namespace: frontend", "name: web-ui\n  namespace: frontend");
    }

    @SuppressWarnings("unchecked")
    @Test
    void jsonCarriesCoverageAndEveryWorkloadWithoutEvidence() throws IOException {
        Path log = tmp.resolve("web.log");
        Files.writeString(log, LINE);
        CliRun r = CliRun.run("generate", "-f", MESH, "--access-log", "frontend/web-ui=" + log, "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, Object> json = r.json();
        Map<String, Object> coverage = (Map<String, Object>) json.get("coverage");
        assertThat(coverage).containsEntry("workloads", 10).containsEntry("coveredWorkloads", 1)
                .containsEntry("namespaces", 5).containsEntry("coveredNamespaces", 0)
                .containsEntry("partlyCoveredNamespaces", 1);
        List<Map<String, Object>> without = (List<Map<String, Object>>) json.get("withoutEvidence");
        assertThat(without).hasSize(9).allSatisfy(w -> assertThat(w.get("action")).isEqualTo("skipped"));
        assertThat(json.get("noEvidence")).isEqualTo("skip");
        assertThat((List<Object>) json.get("files")).isNotEmpty();
        assertThat(((Map<String, Object>) json.get("config")).get("counts")).asString().contains("inbound included");

        CliRun isolate = CliRun.run("generate", "-f", MESH, "--access-log", "frontend/web-ui=" + log,
                "--no-evidence", "isolate", "-o", "json");
        assertThat((List<Map<String, Object>>) isolate.json().get("withoutEvidence"))
                .hasSize(9).allSatisfy(w -> assertThat(w.get("action")).isEqualTo("isolated"));
        assertThat(isolate.out()).contains("~/*");
    }

    @Test
    void anAccessLogWithOnlyInboundLinesIsEvidenceOfCallingNothing() throws IOException {
        Path log = tmp.resolve("auth.log");
        Files.writeString(log, LINE.replace("outbound|80||payment-service.orders.svc.cluster.local",
                "inbound|8080||"));
        CliRun r = CliRun.run("generate", "-f", MESH, "--access-log", "shared/auth-service=" + log);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("coverage: the evidence covers 1 of 10");
        assertThat(r.out()).contains("~/*");
    }

    @Test
    void outputOptionsAndNoEvidenceModeAreChecked() {
        String deps = "../examples/ecommerce-dependencies.yaml";
        CliRun bad = CliRun.run("generate", "-f", MESH, "--deps", deps, "--no-evidence", "drop");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--no-evidence must be skip or isolate, got 'drop'");
        CliRun twice = CliRun.run("generate", "-f", MESH, "--deps", deps, "-o", tmp.resolve("a").toString(),
                "--output-dir", tmp.resolve("b").toString());
        assertThat(twice.exitCode()).isEqualTo(2);
        CliRun dir = CliRun.run("generate", "-f", MESH, "--deps", deps, "--output-dir", tmp.resolve("c").toString());
        assertThat(dir.exitCode()).as(dir.err()).isZero();
        assertThat(tmp.resolve("c").resolve("orders.yaml")).exists();
    }
}
