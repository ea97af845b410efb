package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.ui.UiData;
import io.meshscope.cli.ui.UiProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ui} reads its files once: every answer is still byte for byte what the command prints when it reads them
 * itself, and an input with errors is refused by each command with the errors, as on a command line.
 */
class ReadOnceCliTest {
    private static final String ECOMMERCE = "../examples/ecommerce";

    @TempDir
    Path dir;

    private static List<List<String>> commands(String path) {
        List<List<String>> all = new ArrayList<>();
        for (List<String> c : List.of(List.of("report", "-o", "json", "--imports"), List.of("report", "-o", "json"),
                List.of("analyze", "-o", "json"), List.of("describe", "orders/payment-service", "-o", "json"),
                List.of("config-dump", "catalog/product-service", "-o", "json"),
                List.of("whatif", "-o", "json", "--calls", "--deps", "../examples/ecommerce-dependencies.yaml"))) {
            List<String> args = new ArrayList<>(c);
            args.addAll(List.of("-f", path));
            all.add(args);
        }
        return all;
    }

    private static void assertSameAnswers(String path) {
        assertSameAnswers(path, commands(path));
    }

    private static void assertSameAnswers(String path, List<List<String>> commands) {
        ReadOnceCli once = new ReadOnceCli(List.of(path), null, new UiProgress());
        for (List<String> args : commands) {
            UiData.Answer answer = once.run(args);
            CliRun direct = CliRun.run(args.toArray(new String[0]));
            assertThat(answer.exitCode()).as("%s", args).isEqualTo(direct.exitCode());
            assertThat(answer.out()).as("%s", args).isEqualTo(direct.out());
        }
    }

    @Test
    void everyAnswerIsTheCommandsOwnOutput() {
        assertSameAnswers(ECOMMERCE);
    }

    @Test
    void answersDoNotDependOnWhichCommandFilledTheSharedSizeEngineFirst() {
        // the commands share one size engine: the findings' sizes first, then the report's, must change neither
        List<List<String>> reversed = new ArrayList<>(commands(ECOMMERCE));
        java.util.Collections.reverse(reversed);
        assertSameAnswers(ECOMMERCE, reversed);
    }

    @Test
    void theReportAndTheFindingsComputedSideBySideAreEachTheCommandsOwn() throws Exception {
        // as ui computes them when it starts: two threads sizing on one engine at once
        ReadOnceCli once = new ReadOnceCli(List.of(ECOMMERCE), null, new UiProgress());
        List<String> report = List.of("report", "-o", "json", "--imports", "-f", ECOMMERCE);
        List<String> analyze = List.of("analyze", "-o", "json", "-f", ECOMMERCE);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<UiData.Answer> r = pool.submit(() -> once.run(report));
            java.util.concurrent.Future<UiData.Answer> a = pool.submit(() -> once.run(analyze));
            assertThat(r.get().out()).isEqualTo(CliRun.run(report.toArray(new String[0])).out());
            assertThat(a.get().out()).isEqualTo(CliRun.run(analyze.toArray(new String[0])).out());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInputWithSkippedFilesGivesTheSameAnswersToo() throws Exception {
        for (Path f : Files.list(Path.of(ECOMMERCE)).toList()) {
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.writeString(dir.resolve("values.yaml"), "replicaCount: 2\nimage: {tag: v1}\n");
        assertSameAnswers(dir.toString());
    }

    @Test
    void readingIndexingAndEachCommandsPhasesAreReportedForAWaitingPage() {
        UiProgress progress = new UiProgress();
        ReadOnceCli once = new ReadOnceCli(List.of(ECOMMERCE), null, progress);

        UiData.Answer report = once.run(List.of("report", "-o", "json", "-f", ECOMMERCE));
        once.run(List.of("analyze", "-o", "json", "-f", ECOMMERCE));

        assertThat(report.exitCode()).isZero();
        List<UiProgress.Phase> phases = progress.phases();
        assertThat(phases).extracting(UiProgress.Phase::name)
                .containsExactly(phases.get(0).name(), "indexing", "reporting", "analyzing");
        assertThat(phases.get(0).name()).matches("reading \\d+ files");
        assertThat(phases).allMatch(UiProgress.Phase::finished);
        UiProgress.Phase reporting = phases.get(2);
        // one count per workload row of the report
        assertThat(reporting.done()).isEqualTo(reporting.total())
                .isEqualTo(report.out().split("\"workload\": ", -1).length - 1);
        assertThat(phases.get(0).done()).isEqualTo(phases.get(0).total()).isPositive();
    }

    @Test
    void anInputWithErrorsIsRefusedByEachCommandWithTheErrors() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: networking.istio.io/v1\nkind: Sidecar\n  bad: [\n");
        UiData.Answer report = new ReadOnceCli(List.of(dir.toString()), null, new UiProgress())
                .run(List.of("report", "-o", "json", "-f", dir.toString()));
        CliRun direct = CliRun.run("report", "-o", "json", "-f", dir.toString());
        assertThat(direct.exitCode()).isEqualTo(2);
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).isEqualTo(direct.err());
    }
}
