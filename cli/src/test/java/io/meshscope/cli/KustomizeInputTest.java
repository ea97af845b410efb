package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.meshscope.decode.RenderedSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -k DIR} renders a kustomization as {@code kubectl apply -k} does, through {@code kubectl kustomize} or
 * {@code kustomize build} found on PATH. The tools are fakes (shell scripts on a temporary PATH), so the tests need
 * neither; one test runs the real one when the machine has it.
 */
class KustomizeInputTest {
    static final String RENDERED = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
            """;

    @TempDir
    Path dir;

    @AfterEach
    void restorePath() {
        System.clearProperty(KustomizeRunner.PATH_PROPERTY);
    }

    /** An executable script {@code name} in {@code bin} that runs {@code body} with /bin/sh. */
    private static Path tool(Path bin, String name, String body) throws IOException {
        Files.createDirectories(bin);
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A fake that records its arguments and prints {@code output}. */
    private Path fake(String name, String output) throws IOException {
        Path bin = dir.resolve("bin");
        tool(bin, name, "echo \"$@\" > '" + dir.resolve(name + ".args") + "'\ncat <<'EOF'\n" + output + "EOF\n");
        return bin;
    }

    private Path kustomization() throws IOException {
        Path overlay = Files.createDirectories(dir.resolve("overlays/prod"));
        Files.writeString(overlay.resolve("kustomization.yaml"), "resources: [../../base]\n");
        return overlay;
    }

    @Test
    void aKustomizationIsRenderedByKustomizeBuildWhenKubectlIsAbsent() throws IOException {
        Path bin = fake("kustomize", RENDERED);
        Path overlay = kustomization();
        System.setProperty(KustomizeRunner.PATH_PROPERTY, bin.toString());

        CliRun r = CliRun.run("report", "-k", overlay.toString(), "-o", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> workloads = (List<Map<String, Object>>) r.json().get("workloads");
        assertThat(workloads).singleElement().satisfies(w -> assertThat(w).containsEntry("workload", "shop/web")
                .containsEntry("replicas", 2));
        assertThat(Files.readString(dir.resolve("kustomize.args")).trim()).isEqualTo("build " + overlay);
    }

    @Test
    void kubectlKustomizeIsPreferredAsKubectlApplyKRunsIt() throws IOException {
        fake("kustomize", "");
        Path bin = fake("kubectl", RENDERED);
        Path overlay = kustomization();
        System.setProperty(KustomizeRunner.PATH_PROPERTY, bin.toString());

        CliRun r = CliRun.run("validate", "-k", overlay.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("kubectl.args")).trim()).isEqualTo("kustomize " + overlay);
        assertThat(dir.resolve("kustomize.args")).doesNotExist();
    }

    @Test
    void errorsInTheRenderedOutputNameTheKustomizationTheDocumentAndTheLine() throws IOException {
        Path bin = fake("kustomize", RENDERED + """
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default, namespace: shop}
                spec:
                  egress:
                  - hosts: [web]
                """);
        Path overlay = kustomization();
        System.setProperty(KustomizeRunner.PATH_PROPERTY, bin.toString());

        Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        CliRun text = CliRun.run("validate", "-f", dir.resolve("ns.yaml").toString(), "-k", overlay.toString());
        CliRun json = CliRun.run("validate", "-f", dir.resolve("ns.yaml").toString(), "-k", overlay.toString(),
                "-o", "json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("Error: kustomize:" + overlay + "#3:21:13: Sidecar shop/default: "
                + "spec.egress[0].hosts[0]: ");
        assertThat(json.exitCode()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) json.json().get("errors");
        assertThat(errors).isNotEmpty().allSatisfy(e -> {
            assertThat(e).containsEntry("file", "kustomize:" + overlay + "#3").containsEntry("line", 21)
                    .containsEntry("field", "spec.egress[0].hosts[0]");
        });
        assertThat(json.json().get("resources")).isEqualTo(4);
    }

    @Test
    void aFailingToolIsAUsageErrorCarryingItsStderr() throws IOException {
        Path bin = dir.resolve("bin");
        tool(bin, "kustomize", "echo 'Error: accumulating resources: missing ../../base' >&2\nexit 1\n");
        Path overlay = kustomization();
        System.setProperty(KustomizeRunner.PATH_PROPERTY, bin.toString());

        CliRun r = CliRun.run("analyze", "-k", overlay.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("-k " + overlay + ": 'kustomize build " + overlay + "' failed (exit 1):",
                "Error: accumulating resources: missing ../../base");
    }

    @Test
    void withNeitherToolOnPathTheErrorNamesBothAndExits2() throws IOException {
        Path overlay = kustomization();
        System.setProperty(KustomizeRunner.PATH_PROPERTY, Files.createDirectories(dir.resolve("empty")).toString());

        CliRun r = CliRun.run("analyze", "-k", overlay.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: -k " + overlay + ": neither kubectl (for 'kubectl kustomize') nor "
                + "kustomize (for 'kustomize build') was found on PATH", "kustomize build " + overlay
                + " | meshscope analyze -f -");
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        CliRun r = CliRun.run("validate", "-k", dir.resolve("nope").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read -k " + dir.resolve("nope") + ": no such directory");
    }

    @Test
    void aToolThatHangsIsStoppedAtTheTimeout() throws IOException {
        Path bin = dir.resolve("bin");
        tool(bin, "kustomize", "echo 'fetching remote base' >&2\nexec sleep 60\n");
        Path overlay = kustomization();
        KustomizeRunner runner = new KustomizeRunner(bin.toString(), Duration.ofMillis(300));

        assertThatThrownBy(() -> runner.render(overlay.toString(), "analyze"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("'kustomize build " + overlay + "' did not finish within")
                .hasMessageContaining("fetching remote base");
    }

    @Test
    void theRealToolRendersAKustomizationWhenInstalled() throws IOException {
        String path = System.getenv("PATH");
        boolean installed = path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, "kubectl")) || Files.isExecutable(Path.of(d, "kustomize")));
        assumeThat(installed).as("kubectl or kustomize on PATH").isTrue();
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("app.yaml"), RENDERED);
        Files.writeString(base.resolve("kustomization.yaml"), "resources: [app.yaml]\n");
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources: [../base]
                patches:
                - path: replicas.yaml
                """);
        Files.writeString(overlay.resolve("replicas.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec: {replicas: 5}
                """);

        RenderedSource rendered = new KustomizeRunner().render(overlay.toString(), "report");

        assertThat(rendered.name()).isEqualTo("kustomize:" + overlay);
        assertThat(rendered.text()).contains("replicas: 5").contains("kind: Service");
    }
}
