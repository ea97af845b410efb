package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The habits kubectl and istioctl users bring: -n/-A, workload forms, --version, completion, suggestions, -o. */
class KubectlHabitsTest {
    private static final String ECOMMERCE = AnalyzeCommandTest.ECOMMERCE;
    private static final String SEED = AnalyzeCommandTest.SEED;

    @TempDir
    Path dir;

    @Test
    void versionIsTheProjectVersion() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("meshscope \\d+\\.\\d+\\.\\d+.*").doesNotContain("dev");
    }

    @Test
    void completionScriptsForBashAndZsh() {
        CliRun bash = CliRun.run("completion", "bash");
        CliRun zsh = CliRun.run("completion", "zsh");

        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F", "analyze", "config-dump", "--failure-threshold");
        assertThat(zsh.out()).startsWith("#compdef meshscope").contains("bashcompinit", "complete -F");
        assertThat(CliRun.run("completion", "fish").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void misspelledCommandsAndOptionsGetSuggestions() {
        CliRun command = CliRun.run("analyse", "-f", ECOMMERCE);
        CliRun option = CliRun.run("analyze", "-f", ECOMMERCE, "--failure-treshold", "Info");

        assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.err()).contains("Did you mean: meshscope analyze");
        assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).contains("--failure-threshold");
    }

    @Test
    void formatErrorsListOnlyTheFormatsTheCommandAccepts() {
        CliRun unknown = CliRun.run("describe", "frontend/web-ui", "-f", ECOMMERCE, "-o", "tabel");
        CliRun other = CliRun.run("describe", "frontend/web-ui", "-f", ECOMMERCE, "-o", "sarif");
        CliRun report = CliRun.run("report", "-f", ECOMMERCE, "-o", "yaml");

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown output format 'tabel': 'describe' accepts text, json\n");
        assertThat(other.err()).contains("'describe' accepts text, json\n");
        assertThat(report.err()).contains("'report' accepts text, json, csv\n");
        assertThat(CliRun.run("describe", "--help").out()).contains("text, json (default: text)");
    }

    @Test
    void aFormatWordGivenAsAFolderNamesOutputDir() {
        CliRun synth = CliRun.run("synth", "-o", "yaml", "--services", "3");
        CliRun generate = DepsCli.run("generate", "-f", ECOMMERCE, "--deps", GenerateWhatIfCommandTest.DEPS, "-o", "csv");

        assertThat(synth.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(synth.err()).contains("--output-dir DIR");
        assertThat(generate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(generate.err()).contains("accepts yaml (or -) and json on standard output, --output-dir DIR for a folder");
    }

    @Test
    void generateWritesAFolderWithOutputDirAndYamlWithDashOYaml() {
        Path out = dir.resolve("out");
        CliRun folder = DepsCli.run("generate", "-f", ECOMMERCE, "--deps", GenerateWhatIfCommandTest.DEPS,
                "--output-dir", out.toString(), "-n", "orders");
        CliRun yaml = DepsCli.run("generate", "-f", ECOMMERCE, "--deps", GenerateWhatIfCommandTest.DEPS, "-o", "yaml");

        assertThat(folder.exitCode()).as(folder.err()).isZero();
        assertThat(out.resolve("orders.yaml")).exists();
        assertThat(out.resolve("catalog.yaml")).doesNotExist();
        assertThat(yaml.exitCode()).as(yaml.err()).isZero();
        assertThat(yaml.out()).contains("kind: Sidecar");
    }

    @Test
    void workloadsAsKubectlWritesThem() {
        for (List<String> form : List.of(List.of("frontend/web-ui"), List.of("web-ui", "-n", "frontend"),
                List.of("deploy/web-ui", "-n", "frontend"), List.of("Deployment/web-ui", "-n", "frontend"),
                List.of("deploy/frontend/web-ui"), List.of("web-ui"))) {
            List<String> args = new java.util.ArrayList<>(List.of("describe"));
            args.addAll(form);
            args.addAll(List.of("-f", ECOMMERCE, "-o", "json"));
            CliRun run = CliRun.run(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(form + ": " + run.err()).isZero();
            assertThat(run.json().get("workload").toString()).as(form.toString()).contains("name=web-ui");
        }
        CliRun pod = CliRun.run("config-dump", "pod/product-service-8459b2d15-b6c42", "-n", "catalog", "-f", ECOMMERCE,
                "-o", "table", "--type", "cluster");
        assertThat(pod.exitCode()).as(pod.err()).isZero();
        CliRun wrongNs = CliRun.run("describe", "web-ui", "-n", "orders", "-f", ECOMMERCE);
        assertThat(wrongNs.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongNs.err()).contains("unknown workload 'web-ui' in namespace orders");
    }

    @Test
    void aBareNameInSeveralNamespacesAsksForTheNamespace() throws IOException {
        Path f = dir.resolve("two.yaml");
        Files.writeString(f, SarifReportTest.deployment("a", "web") + "---\n" + SarifReportTest.deployment("b", "web"));

        CliRun run = CliRun.run("describe", "web", "-f", f.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("workload 'web' is in several namespaces (a, b); give -n NS or NS/NAME");
        assertThat(CliRun.run("describe", "web", "-n", "b", "-f", f.toString()).exitCode()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void namespaceFiltersWhatEveryCommandReportsOnFileInput() {
        List<String> analyzed = AnalyzeCommandTest.findings(CliRun.run("analyze", "-f", SEED, "-n", "backend", "-o", "json"));
        assertThat(analyzed).isNotEmpty().allSatisfy(f -> assertThat(f).contains(" backend/"));
        assertThat(AnalyzeCommandTest.findings(CliRun.run("analyze", "-f", SEED, "-n", "auth", "-o", "json")))
                .contains("MS0004 Namespace auth 00-namespaces.yaml:39 metadata.name");
        assertThat(AnalyzeCommandTest.findings(CliRun.run("analyze", "-f", SEED, "-A", "-o", "json")))
                .hasSameSizeAs(AnalyzeCommandTest.findings(CliRun.run("analyze", "-f", SEED, "-o", "json")));

        Map<String, Object> report = CliRun.run("report", "-f", ECOMMERCE, "-n", "catalog", "-o", "json").json();
        assertThat((List<Map<String, Object>>) report.get("workloads")).isNotEmpty()
                .allSatisfy(w -> assertThat((String) w.get("workload")).startsWith("catalog/"));

        Map<String, Object> affected = CliRun.run("affected", "service:product-service.catalog.svc.cluster.local",
                "-f", ECOMMERCE, "-n", "orders", "-o", "json").json();
        assertThat((List<Map<String, Object>>) affected.get("proxies")).isNotEmpty()
                .allSatisfy(p -> assertThat((String) p.get("workload")).startsWith("orders/"));

        Map<String, Object> validated = CliRun.run("validate", "-f", SEED, "-n", "shipping", "-o", "json").json();
        assertThat((List<Map<String, Object>>) validated.get("errors")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("namespace")).isEqualTo("shipping"));
    }

    @Test
    void namespaceAndAllNamespacesTogetherIsAUsageError() {
        CliRun run = CliRun.run("report", "-f", ECOMMERCE, "-n", "catalog", "-A");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("-n/--namespace and -A/--all-namespaces cannot be used together");
    }

    @Test
    void symbolsOnlyWhereTheEnvironmentAllowsThem() {
        assertThat(Terminal.allows(Map.of())).isTrue();
        assertThat(Terminal.allows(Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Terminal.allows(Map.of("TERM", "dumb"))).isFalse();
    }
}
