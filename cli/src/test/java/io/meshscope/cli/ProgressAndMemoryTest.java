package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress on a terminal's standard error only, never in the output; running out of heap is one clear error. */
class ProgressAndMemoryTest {
    private static final String MESH = ReportAndConfigDumpCommandTest.MESH;
    private static final ProgressSettings TERMINAL = new ProgressSettings(true, Duration.ZERO, 100);

    private static CliRun run(ProgressSettings progress, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), false, progress).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void aTerminalShowsProgressOnStandardErrorAndTheOutputStaysByteIdentical() {
        for (String[] args : List.of(new String[] {"report", "-f", MESH, "-o", "json"},
                new String[] {"analyze", "-f", MESH, "-o", "json"},
                new String[] {"describe", "frontend/web-ui", "-f", MESH})) {
            CliRun plain = run(ProgressSettings.OFF, args);
            CliRun shown = run(TERMINAL, args);
            assertThat(shown.out()).as(String.join(" ", args)).isEqualTo(plain.out());
            assertThat(shown.exitCode()).isEqualTo(plain.exitCode());
            assertThat(shown.err()).as(String.join(" ", args)).contains("\r", "reading");
            assertThat(plain.err()).doesNotContain("\r");
        }
        assertThat(run(TERMINAL, "report", "-f", MESH).err()).contains("reporting");
    }

    @Test
    void quietShowsNoProgressEvenOnATerminal() {
        CliRun quiet = run(TERMINAL, "report", "-f", MESH, "--quiet");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.err()).doesNotContain("\r", "reading", "reporting");
        assertThat(run(TERMINAL, "validate", "-q", "-f", MESH).err()).doesNotContain("\r");
    }

    @Test
    void progressIsOffWhenStandardErrorIsPipedUnlessTheEnvironmentAsksForIt() {
        // The test JVM's standard error is a pipe to the build tool.
        assertThat(ProgressSettings.forProcess(Map.of()).terminal()).isFalse();
        assertThat(ProgressSettings.forProcess(Map.of("MESHSCOPE_PROGRESS", "always")).terminal()).isTrue();
        assertThat(ProgressSettings.forProcess(Map.of("MESHSCOPE_PROGRESS", "never")).terminal()).isFalse();
    }

    @Test
    void runningOutOfHeapIsOneErrorNamingTheSettingWithExitTwo(@TempDir Path dir) throws Exception {
        Path mesh = dir.resolve("mesh");
        assertThat(CliRun.run("synth", "-o", mesh.toString(), "--services", "4000", "--sidecars", "workload")
                .exitCode()).isZero();
        for (String command : List.of("validate", "report")) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), command, "-f", mesh.toString()));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(err).isEqualTo(2);
            assertThat(err).as(command).contains("error: out of memory", "MESHSCOPE_JAVA_OPTS", "-Xmx")
                    .doesNotContain("\tat ", "Exception in thread");
            assertThat(err.lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
        }
        assertThat(Files.exists(mesh)).isTrue();
    }
}
