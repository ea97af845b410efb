package io.meshscope.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every conformance case through the CLI exactly as cli.md maps them: {@code scope} → describe,
 * {@code validation} → validate, {@code analysis} → analyze, {@code push} → affected, all with {@code -o json}.
 */
class ConformanceTest {
    @TempDir
    Path dir;

    static Stream<ConformanceCase> cases() {
        return ConformanceCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseMatchesIstio(ConformanceCase c) throws IOException {
        Path resources = dir.resolve("resources.yaml");
        Files.writeString(resources, c.resources());
        List<String> args = new ArrayList<>(List.of("-f", resources.toString()));
        if (c.mesh() != null) {
            Path mesh = dir.resolve("mesh.yaml");
            Files.writeString(mesh, MeshYaml.render(c.mesh()));
            args.addAll(List.of("--mesh-config", mesh.toString()));
        }
        switch (c.kind()) {
            case "scope" -> ScopeCheck.check(c, run(c, "describe", args, workloadAndType(c)));
            case "validation" -> ValidationCheck.check(c, run(c, "validate", args, List.of()));
            case "analysis" -> AnalysisCheck.check(c, run(c, "analyze", args, List.of()));
            case "push" -> PushCheck.check(c, run(c, "affected", args, PushCheck.arguments(c)));
            default -> throw new AssertionError("unknown case kind " + c.kind() + " in " + c.file());
        }
    }

    private static List<String> workloadAndType(ConformanceCase c) {
        List<String> out = new ArrayList<>(List.of((String) c.query().get("workload")));
        if (c.query().get("proxyType") != null) {
            out.addAll(List.of("--proxy-type", (String) c.query().get("proxyType")));
        }
        return out;
    }

    private static Map<String, Object> run(ConformanceCase c, String command, List<String> input, List<String> extra) {
        List<String> argv = new ArrayList<>();
        argv.add(command);
        argv.addAll(extra);
        argv.addAll(input);
        argv.addAll(List.of("-o", "json"));
        CliRun r = CliRun.run(argv.toArray(String[]::new));
        assertThat(r.exitCode()).as("%s exit code; stderr: %s", argv, r.err()).isIn(0, 1);
        return r.json();
    }
}
