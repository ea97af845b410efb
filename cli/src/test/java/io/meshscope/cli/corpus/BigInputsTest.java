package io.meshscope.cli.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.meshscope.cli.CliRun;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus inputs too big or too strange to commit (issue 13 findings 3, 4 and 10), made at test time: files of
 * tens of MB, {@code /dev/zero}, FIFOs, link loops, dangling links and unreadable folders. The big ones run in a JVM
 * of their own with a bounded heap (512 MiB, and 256 MiB for the flow sequence), where each must end in a clean
 * exit that names the limit it crossed, never an OutOfMemoryError's stack trace; the filesystem traps run
 * in-process with the corpus test's checks.
 */
class BigInputsTest {
    private static final String SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: big\n  namespace: shop\n"
            + "  annotations:\n    team: payments\nspec:\n  ports: [{name: http, port: 80}]\n";
    private static GuardedCli cli;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cli = new GuardedCli();
    }

    @AfterAll
    static void stop() {
        cli.close();
    }

    @Test
    void bigInputsEndInALimitErrorWithExit2InA512MiBHeap() throws Exception {
        Path tooBig = write("over-64mib.yaml", SERVICE, "# padding padding padding padding padding padding padding\n",
                65L * 1024 * 1024, "");
        Path flow = flowSequence20Mb();
        Path deep = write("nested-1000000.yaml", SERVICE + "x: ", "[[[[[[[[[[", 1_000_000,
                "]".repeat(1_000_000) + "\n");
        Path longScalar = write("scalar-8mb.yaml", SERVICE.replace("team: payments", "team: x"), "xxxxxxxxxxxxxxxx",
                8_000_000, "\n");
        List<String[]> limited = new ArrayList<>(List.of(
                new String[] {tooBig.toString(), "67108864"}, new String[] {flow.toString(), "1000000 nodes"},
                new String[] {deep.toString(), "nest"}));
        if (Files.exists(Path.of("/dev/zero"))) {
            limited.add(new String[] {"/dev/zero", "67108864"});
        }
        List<String> commands = new ArrayList<>();
        for (String[] l : limited) {
            commands.add("validate|-f|" + l[0] + "|-o|json");
            commands.add("report|-f|" + l[0]);
        }
        commands.add("validate|-f|" + longScalar);
        commands.add("report|-f|" + longScalar);

        // 512 MiB: the heap the default node limit (1,000,000 a document) is documented to fit in.
        List<String> runs = runInHeap("512m", commands);

        assertThat(runs).as("one result per command (a missing one: the JVM died)").hasSize(commands.size());
        for (int i = 0; i < limited.size(); i++) {
            String[] l = limited.get(i);
            CliRun validate = parse(runs.get(2 * i));
            CliRun report = parse(runs.get(2 * i + 1));
            assertThat(RunChecks.problems(validate, false)).as("validate %s", l[0]).isEmpty();
            assertThat(RunChecks.problems(report, true)).as("report %s", l[0]).isEmpty();
            assertThat(validate.exitCode()).as("validate %s: %s", l[0], validate).isEqualTo(1);
            assertThat(validate.out()).as("validate %s", l[0]).contains("\"rule\": \"limit\"").contains(l[1]);
            assertThat(report.exitCode()).as("report %s: %s", l[0], report).isEqualTo(2);
            assertThat(report.err()).as("report %s: the limit named by its value", l[0]).contains(l[1]);
        }
        for (String run : runs.subList(2 * limited.size(), runs.size())) {
            CliRun r = parse(run);
            assertThat(RunChecks.problems(r, true)).as("8 MB scalar: %s", r).isEmpty();
        }
    }

    @Test
    void runningOutOfHeapBeforeTheNodeLimitIsAnInputErrorNamingTheHeapAndTheLimit() throws Exception {
        // 256 MiB cannot hold the 1,000,000 nodes the default limit allows: an OutOfMemoryError used to end in a
        // stack trace and exit 1 (the contract's "findings"); it is exit 2 with what to change.
        Path flow = flowSequence20Mb();
        List<String> runs = runInHeap("256m", List.of("validate|-f|" + flow + "|-o|json", "report|-f|" + flow));

        assertThat(runs).as("one result per command (a missing one: the JVM died)").hasSize(2);
        for (String run : runs) {
            CliRun r = parse(run);
            assertThat(RunChecks.problems(r, true)).as(r.toString()).isEmpty();
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(r.err().contains("out of memory") ? 2 : 1);
            assertThat(r.err() + r.out()).as(r.toString()).containsAnyOf("meshscope.maxNodes", "1000000 nodes");
        }
    }

    @Test
    void linkLoopsAndDanglingLinksAreLocatedWarningsAndTheRestIsRead() throws IOException {
        Files.writeString(dir.resolve("good.yaml"), SERVICE);
        Files.createSymbolicLink(dir.resolve("a.yaml"), dir.resolve("b.yaml"));
        Files.createSymbolicLink(dir.resolve("b.yaml"), dir.resolve("a.yaml"));
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("deleted.yaml"));
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/up"), dir); // a directory link back up: not followed

        CliRun r = cli.run("validate", "-f", dir.toString(), "-o", "json");

        assertThat(RunChecks.problems(r, false)).isEmpty();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json()).containsEntry("resources", 1);
        assertThat(RunChecks.unlocatedJson(r.json())).isEmpty();
        assertThat(r.out()).contains("a.yaml", "b.yaml", "gone.yaml", "\"rule\": \"symlink\"");
        for (String command : new String[] {"report", "analyze"}) {
            assertThat(RunChecks.problems(cli.run(command, "-f", dir.toString()), true)).as(command).isEmpty();
        }
    }

    @Test
    void anUnreadableFolderIsAnInputErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("good.yaml"), SERVICE);
        Path closed = Files.createDirectories(dir.resolve("private"));
        Files.writeString(closed.resolve("x.yaml"), SERVICE);
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        try {
            assumeThat(Files.isReadable(closed)).as("running as root: permissions are not enforced").isFalse();
            for (String command : new String[] {"validate", "analyze", "report"}) {
                CliRun r = cli.run(command, "-f", dir.toString());
                assertThat(RunChecks.problems(r, true)).as(command).isEmpty();
                assertThat(r.exitCode()).as(command).isEqualTo(2);
                assertThat(r.err()).as(command).contains("cannot read directory " + closed)
                        .contains("permission denied");
            }
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aFifoInAFolderIsSkippedAndAFifoNamedWithDashFIsReadAsAStream() throws Exception {
        Path fifo = dir.resolve("pipe.yaml");
        assumeThat(mkfifo(fifo)).as("mkfifo available").isTrue();
        Files.writeString(dir.resolve("good.yaml"), SERVICE);

        CliRun folder = cli.run("validate", "-f", dir.toString(), "-o", "json");
        assertThat(RunChecks.problems(folder, false)).isEmpty();
        assertThat(folder.exitCode()).as(folder.toString()).isZero();
        assertThat(folder.json()).containsEntry("resources", 1);

        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(SERVICE.replace("port: 80", "port: 0").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the reader failed first; its result says why
            }
        });
        writer.setDaemon(true);
        writer.start();
        CliRun named = cli.run("validate", "-f", fifo.toString());
        assertThat(RunChecks.problems(named, true)).isEmpty();
        assertThat(named.exitCode()).as(named.toString()).isEqualTo(1);
        assertThat(named.out()).contains(fifo + ":9:").contains("spec.ports[0].port");
    }

    @Test
    void anEmptyPathDevNullAndADirectoryNamedLikeAFileAreWordedErrorsOrEmptyInput() throws IOException {
        for (String command : new String[] {"validate", "analyze", "report"}) {
            CliRun empty = cli.run(command, "-f", "");
            assertThat(RunChecks.problems(empty, true)).as(command).isEmpty();
            assertThat(empty.exitCode()).as(command).isEqualTo(2);
            assertThat(empty.err()).as(command).contains("--filename").contains("empty path");
        }
        if (Files.exists(Path.of("/dev/null"))) {
            CliRun devNull = cli.run("validate", "-f", "/dev/null");
            assertThat(RunChecks.problems(devNull, true)).isEmpty();
            assertThat(devNull.exitCode()).isZero();
        }
        Path folder = Files.createDirectories(dir.resolve("looks-like.yaml"));
        Files.writeString(folder.resolve("in.yaml"), SERVICE);
        CliRun r = cli.run("validate", "-f", folder.toString(), "-o", "json");
        assertThat(RunChecks.problems(r, false)).isEmpty();
        assertThat(r.json()).containsEntry("resources", 1);
    }

    private Path write(String name, String head, String unit, long size, String tail) throws IOException {
        Path file = dir.resolve(name);
        byte[] chunk = unit.repeat(Math.max(1, 65536 / unit.length())).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            long written = head.length();
            long target = unit.startsWith("[") ? size : size - tail.length();
            while (written + chunk.length <= target) {
                out.write(chunk);
                written += chunk.length;
            }
            byte[] u = unit.getBytes(StandardCharsets.UTF_8);
            while (written + u.length <= target) {
                out.write(u);
                written += u.length;
            }
            out.write(tail.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private Path flowSequence20Mb() throws IOException {
        return write("flow-sequence-20mb.yaml", SERVICE + "x: [", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,", 20_000_000,
                "1]\n");
    }

    private static List<String> runInHeap(String heap, List<String> commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BigInputRunner.class.getName()));
        cmd.addAll(commands);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> runs = new ArrayList<>();
        StringBuilder other = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith("RUN ")) {
                        runs.add(line.substring(4));
                    } else if (!line.isBlank()) {
                        other.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                other.append(e);
            }
        });
        reader.start();
        // The hang guard of every run, plus the JVM's start: generous, only a hang reaches it.
        boolean ended = p.waitFor(BigInputRunner.BIG_GUARD.toSeconds() * commands.size() + 60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        reader.join(10_000);
        assertThat(ended).as("the small-heap JVM ended").isTrue();
        assertThat(other.toString()).as("nothing else printed by the small-heap JVM (an OutOfMemoryError...)")
                .isEmpty();
        assertThat(p.exitValue()).isZero();
        return runs;
    }

    /** {@code exit|stderr|stdout} as {@link BigInputRunner} prints it; escapes are left in (they are checked text). */
    private static CliRun parse(String run) {
        String[] f = run.split("\\|", 3);
        return new CliRun(Integer.parseInt(f[0]), f.length > 2 ? f[2] : "", f[1].replace("\\n", "\n"));
    }

    private static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
