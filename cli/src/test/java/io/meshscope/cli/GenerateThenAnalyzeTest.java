package io.meshscope.cli;

import static io.meshscope.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate} then {@code analyze} of what it wrote: no error, on its own (as a Git repository's folder of
 * Sidecars) and next to the manifests it was generated from (Deployments, no Pods: IST0101 must not fire).
 */
class GenerateThenAnalyzeTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"workload", "namespace", "auto"})
    void generatedSidecarsOfTheEcommerceExampleAnalyzeWithoutErrors(String strategy) throws IOException {
        Path manifests = tmp.resolve("manifests");
        Files.createDirectories(manifests);
        try (Stream<Path> files = Files.list(Path.of("../examples/ecommerce"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                if (!f.getFileName().toString().equals("sidecars.yaml")) { // the generated ones replace these
                    Files.copy(f, manifests.resolve(f.getFileName()));
                }
            }
        }
        Path out = tmp.resolve("generated");
        CliRun g = run("generate", "-f", manifests.toString(), "--deps", "../examples/ecommerce-dependencies.yaml",
                "--strategy", strategy, "-o", out.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();

        assertNoErrors(out.toString());
        assertNoErrors(manifests.toString(), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"workload", "namespace"})
    void generatedSidecarsOfASynthMeshAnalyzeWithoutErrors(String strategy) {
        Path mesh = tmp.resolve("mesh");
        Path deps = tmp.resolve("deps.yaml");
        CliRun s = SynthCommandTest.synth("-o", mesh.toString(), "--services", "60", "--namespaces", "4",
                "--sidecars", "none", "--deps-out", deps.toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        Path out = tmp.resolve("generated");
        CliRun g = run("generate", "-f", mesh.toString(), "--deps", deps.toString(), "--strategy", strategy,
                "-o", out.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();

        assertNoErrors(out.toString());
        assertNoErrors(mesh.toString(), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"workload", "namespace"})
    void synthMeshWithItsOwnSidecarsAnalyzesWithoutErrors(String strategy) {
        Path mesh = tmp.resolve("mesh");
        CliRun s = SynthCommandTest.synth("-o", mesh.toString(), "--services", "60", "--namespaces", "4",
                "--sidecars", strategy, "--deps-out", tmp.resolve("deps.yaml").toString());
        assertThat(s.exitCode()).as(s.err()).isZero();

        assertNoErrors(mesh.toString());
    }

    @SuppressWarnings("unchecked")
    private static void assertNoErrors(String... paths) {
        String[] args = new String[2 + 2 * paths.length];
        args[0] = "analyze";
        args[1] = "-o=json";
        for (int i = 0; i < paths.length; i++) {
            args[2 + 2 * i] = "-f";
            args[3 + 2 * i] = paths[i];
        }
        CliRun a = run(args);
        List<Map<String, Object>> messages = (List<Map<String, Object>>) a.json().get("messages");
        assertThat(messages).as(a.out()).noneMatch(m -> m.get("level").equals("Error"));
        assertThat(((Map<String, Object>) a.json().get("summary")).get("error")).isEqualTo(0);
        assertThat(a.exitCode()).isZero();
    }
}
