package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.ui.UiData;
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
        ReadOnceCli once = new ReadOnceCli(List.of(path), null);
        for (List<String> args : commands(path)) {
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
    void anInputWithSkippedFilesGivesTheSameAnswersToo() throws Exception {
        for (Path f : Files.list(Path.of(ECOMMERCE)).toList()) {
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.writeString(dir.resolve("values.yaml"), "replicaCount: 2\nimage: {tag: v1}\n");
        assertSameAnswers(dir.toString());
    }

    @Test
    void anInputWithErrorsIsRefusedByEachCommandWithTheErrors() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: networking.istio.io/v1\nkind: Sidecar\n  bad: [\n");
        UiData.Answer report = new ReadOnceCli(List.of(dir.toString()), null)
                .run(List.of("report", "-o", "json", "-f", dir.toString()));
        CliRun direct = CliRun.run("report", "-o", "json", "-f", dir.toString());
        assertThat(direct.exitCode()).isEqualTo(2);
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).isEqualTo(direct.err());
    }
}
