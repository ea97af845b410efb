package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and located messages for bad input, as cli.md promises CI pipelines. */
class InputErrorsCommandTest {
    static final String GOOD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: ns1, labels: {app: p}}
            """;
    static final String BAD_PORT = """
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: s, namespace: ns1}
            spec:
              egress:
              - port: {number: eighty}
                hosts: ["./*"]
            """;

    @TempDir
    Path dir;

    @Test
    void describeRefusesUnparseableInputWithFileLineColumnAndExit2() throws IOException {
        Path f = Files.writeString(dir.resolve("a.yaml"), GOOD + "---\n" + BAD_PORT);
        CliRun r = CliRun.run("describe", "ns1/p", "-f", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":10:").contains("Sidecar ns1/s").contains("spec.egress[0].port.number")
                .contains("eighty").doesNotContain("Exception");
    }

    @Test
    void validateReportsTheSameProblemAsAFindingWithExit1() throws IOException {
        Path f = Files.writeString(dir.resolve("a.yaml"), BAD_PORT);
        CliRun r = CliRun.run("validate", "-f", f.toString(), "-o", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("\"field\": \"spec.egress[0].port.number\"", "\"line\": 6");
    }

    @Test
    void anUnreadablePathIsAUsageError() {
        CliRun r = CliRun.run("validate", "-f", dir.resolve("missing.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("missing.yaml");
    }

    @Test
    void anEmptyPathIsAUsageErrorNamingTheFlagNotTheCurrentDirectory() {
        for (String command : new String[] {"validate", "analyze", "serve"}) {
            CliRun r = CliRun.run(command, "-f", "");
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).contains("--filename").contains("empty path").doesNotContain("Exception");
        }
    }

    @Test
    void standardInputIsReadWithDash() {
        CliRun r = CliRun.runWithStdin(GOOD, "describe", "ns1/p", "-f", "-", "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json()).containsEntry("selectedBy", "none");
    }

    @Test
    void anUnknownFlagIsAUsageErrorThatPointsToHelp() {
        CliRun r = CliRun.run("analyze", "--no-such-flag");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--help");
    }
}
