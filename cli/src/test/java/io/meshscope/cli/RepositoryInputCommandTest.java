package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -f .} on a repository as teams keep them: everything that is not a Kubernetes object is skipped with one
 * notice (listed in JSON as {@code skippedFiles}), hidden directories are left out, and validate and analyze find
 * nothing wrong with correct manifests. Helm templates and kustomize patches are refused with a hint.
 */
class RepositoryInputCommandTest {
    @TempDir
    Path dir;
    Path repo;

    @BeforeEach
    void writeRepository() throws IOException {
        repo = RepositoryTree.write(dir.resolve("shop"));
    }

    private List<String> notObjects() {
        return RepositoryTree.NOT_OBJECTS.stream().map(f -> repo.resolve(f).toString()).sorted().toList();
    }

    @Test
    void validateFindsNoErrorInARepositoryTreeAndNamesTheSkippedFilesOnce() {
        CliRun r = CliRun.run("validate", "-f", repo.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("Error").contains("5 resource(s) read: 0 error(s), 0 warning(s)");
        assertThat(r.err().lines().filter(l -> l.startsWith("note: skipped"))).singleElement()
                .satisfies(l -> assertThat(l).startsWith("note: skipped 9 file(s) with no Kubernetes object in them "
                        + "(no document has apiVersion and kind): ").contains(notObjects().subList(0, 9)));
        assertThat(r.err()).doesNotContain(".git/", ".github");
    }

    @Test
    void analyzeFindsNoIssueAndListsSkippedFilesInJson() {
        CliRun text = CliRun.run("analyze", "-f", repo.toString());
        CliRun json = CliRun.run("analyze", "-f", repo.toString(), "-o", "json");

        assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
        assertThat(text.out()).contains("No validation issues found");
        assertThat(json.exitCode()).isZero();
        Map<String, Object> m = json.json();
        assertThat((List<?>) m.get("inputErrors")).isEmpty();
        assertThat((List<?>) m.get("messages")).isEmpty();
        assertThat(m.get("skippedFiles")).isEqualTo(notObjects());
    }

    @Test
    void validateJsonGainsSkippedFilesAndKeepsItsFields() {
        Map<String, Object> m = CliRun.run("validate", "-f", repo.toString(), "-o", "json").json();

        assertThat(m).containsKeys("resources", "errors", "warnings");
        assertThat(m.get("skippedFiles")).isEqualTo(notObjects());
    }

    @Test
    void verboseNamesTheHiddenDirectoriesLeftOut() {
        CliRun r = CliRun.run("validate", "-f", repo.toString(), "-v");

        assertThat(r.err()).contains("info: " + repo.resolve(".git") + ": hidden directory not read",
                "info: " + repo.resolve(".github") + ": hidden directory not read");
    }

    @Test
    void recursiveIsTheDefaultAndMinusRIsAcceptedAsKubectlUsersTypeIt() {
        CliRun plain = CliRun.run("validate", "-f", repo.toString(), "-o", "json");
        CliRun withR = CliRun.run("validate", "-R", "-f", repo.toString(), "-o", "json");
        CliRun flat = CliRun.run("validate", "-f", repo.resolve("kubernetes-manifests").getParent().toString(),
                "--recursive=false", "-o", "json");

        assertThat(withR.exitCode()).isZero();
        assertThat(withR.json()).isEqualTo(plain.json());
        assertThat(flat.json().get("resources")).isEqualTo(0);
        assertThat(CliRun.run("validate", "-R", "-f", repo.resolve("kubernetes-manifests").toString(), "-o", "json")
                .json().get("resources")).isEqualTo(5);
    }

    @Test
    void aHelmChartsTemplatesAreOneErrorWithTheCommandToRenderThem() throws IOException {
        Path templates = Files.createDirectories(repo.resolve("helm/chart/templates"));
        for (String name : List.of("cartservice", "frontend", "redis")) {
            Files.writeString(templates.resolve(name + ".yaml"), """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: {{ .Values.NAME.name }}
                      labels: {{- include "shop.labels" . | nindent 4 }}
                    """.replace("NAME", name));
        }

        CliRun analyze = CliRun.run("analyze", "-f", repo.toString());
        CliRun describe = CliRun.run("describe", "shop/frontend", "-f", repo.toString());

        assertThat(analyze.exitCode()).isEqualTo(1);
        assertThat(analyze.out().lines().filter(l -> l.startsWith("Error"))).singleElement().satisfies(l ->
                assertThat(l).isEqualTo("Error [input] " + templates.resolve("cartservice.yaml") + ":4:9: Helm chart "
                        + repo.resolve("helm/chart") + ": 3 file(s) with template actions ({{ ... }}) are Helm "
                        + "templates, not manifests, and were not read; render the chart and read its output: "
                        + "helm template RELEASE " + repo.resolve("helm/chart") + " | meshscope analyze -f -"));
        assertThat(describe.exitCode()).isEqualTo(2);
        assertThat(describe.err()).contains("helm template RELEASE " + repo.resolve("helm/chart")
                + " | meshscope describe -f -");
    }

    @Test
    void aKustomizePatchInTheTreeIsRefusedAndTheRealObjectKept() throws IOException {
        Path overlay = Files.createDirectories(repo.resolve("kustomize/overlays/no-cart"));
        Files.writeString(overlay.resolve("kustomization.yaml"),
                "resources: [../../../kubernetes-manifests]\npatches:\n- path: delete-cart.yaml\n");
        Files.writeString(overlay.resolve("delete-cart.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cartservice, namespace: shop}
                $patch: delete
                """);

        CliRun validate = CliRun.run("validate", "-f", repo.toString(), "-o", "json");
        CliRun report = CliRun.run("report", "-f", repo.toString());

        assertThat(validate.exitCode()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) validate.json().get("errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("file", overlay.resolve("delete-cart.yaml").toString())
                    .containsEntry("line", 4).containsEntry("field", "$patch").containsEntry("rule", "kustomize-patch");
            assertThat((String) e.get("message")).endsWith("meshscope validate -k " + overlay);
        });
        assertThat(validate.json().get("resources")).isEqualTo(5);
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).contains(overlay.resolve("delete-cart.yaml") + ":4:1: $patch: a kustomize patch");
    }
}
