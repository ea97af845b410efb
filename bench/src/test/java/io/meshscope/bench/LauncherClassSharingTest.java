package io.meshscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data sharing archive: made on first use by the java that runs the commands, used from then
 * on, made again when the jar is newer, not attempted again for a jar it failed for, and never a reason for a
 * command to fail or to print anything.
 *
 * <p>Runs the real {@code ./meshscope} on the jar the reactor built before this module (cli comes first); it is
 * skipped only in a partial build without that jar, where the launcher would start a Maven build of its own.
 */
class LauncherClassSharingTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("cli/target/meshscope.jar");
    private static final Path ARCHIVE = ROOT.resolve("cli/target/meshscope.jsa");

    @BeforeAll
    static void needsTheBuiltJar() throws IOException {
        assumeTrue(Files.isRegularFile(JAR) && !sourcesNewerThanJar(), "cli/target/meshscope.jar missing or stale");
    }

    @Test
    void theFirstRunMakesTheArchiveAndLaterRunsLoadTheirClassesFromIt(@TempDir Path tmp) throws Exception {
        Files.deleteIfExists(ARCHIVE);
        Result first = launch(Map.of(), "describe", "frontend/web-ui", "-f", "examples/ecommerce");
        assertThat(first.exit()).isZero();
        assertThat(first.stderr()).isEmpty();
        assertThat(ARCHIVE).isRegularFile();

        Path classLog = tmp.resolve("classes.txt");
        Result second = launch(Map.of("MESHSCOPE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                "describe", "frontend/web-ui", "-f", "examples/ecommerce");
        assertThat(second.exit()).isZero();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        List<String> fromArchive = Files.readAllLines(classLog).stream()
                .filter(l -> l.contains("io.meshscope.") && l.contains("shared objects file (top)")).toList();
        assertThat(fromArchive).as("meshscope's classes come from the archive").hasSizeGreaterThan(100);
    }

    @Test
    void aJarNewerThanTheArchiveGetsANewOne() throws Exception {
        launch(Map.of(), "--version");
        assertThat(ARCHIVE).isRegularFile();
        FileTime jarTime = Files.getLastModifiedTime(JAR);
        Files.setLastModifiedTime(ARCHIVE, FileTime.fromMillis(jarTime.toMillis() - 60_000));
        Result r = launch(Map.of(), "--version");
        assertThat(r.exit()).isZero();
        assertThat(Files.getLastModifiedTime(ARCHIVE).toMillis()).isGreaterThan(jarTime.toMillis());
    }

    @Test
    void aFailedAttemptIsNotRepeatedForTheSameJarButIsForANewerOne() throws Exception {
        Path failed = ROOT.resolve("cli/target/meshscope.jsa.failed");
        long jarTime = Files.getLastModifiedTime(JAR).toMillis();
        Files.deleteIfExists(ARCHIVE);
        Files.writeString(failed, "");
        try {
            Files.setLastModifiedTime(failed, FileTime.fromMillis(jarTime + 60_000));
            Result skipped = launch(Map.of(), "--version");
            assertThat(skipped.exit()).isZero();
            assertThat(ARCHIVE).as("no new attempt for the jar that failed").doesNotExist();

            Files.setLastModifiedTime(failed, FileTime.fromMillis(jarTime - 60_000));
            assertThat(launch(Map.of(), "--version").exit()).isZero();
            assertThat(ARCHIVE).as("a newer jar is tried again").isRegularFile();
            assertThat(failed).as("and a success clears the marker").doesNotExist();
        } finally {
            Files.deleteIfExists(failed);
        }
    }

    @Test
    void anArchiveTheJvmCannotUseIsIgnoredQuietly() throws Exception {
        Result good = launch(Map.of(), "describe", "frontend/web-ui", "-f", "examples/ecommerce", "-o", "json");
        Files.deleteIfExists(ARCHIVE);
        Files.writeString(ARCHIVE, "not a class-data archive\n");
        // newer than the jar, so the launcher keeps it and hands it to the JVM
        Files.setLastModifiedTime(ARCHIVE, FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() + 60_000));
        try {
            Result r = launch(Map.of(), "describe", "frontend/web-ui", "-f", "examples/ecommerce", "-o", "json");
            assertThat(r.exit()).isZero();
            assertThat(r.stderr()).isEmpty();
            assertThat(r.stdout()).isEqualTo(good.stdout());
        } finally {
            Files.deleteIfExists(ARCHIVE); // the next launch makes a real one
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("meshscope").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().remove("MESHSCOPE_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The launcher's own staleness rule: a pom or main source newer than the jar. */
    private static boolean sourcesNewerThanJar() throws IOException {
        long jar = Files.getLastModifiedTime(JAR).toMillis();
        List<Path> roots = new ArrayList<>(List.of(ROOT.resolve("pom.xml")));
        try (var modules = Files.list(ROOT)) {
            modules.filter(Files::isDirectory).forEach(m -> {
                roots.add(m.resolve("pom.xml"));
                roots.add(m.resolve("src/main"));
            });
        }
        for (Path r : roots) {
            if (!Files.exists(r)) {
                continue;
            }
            try (var files = Files.walk(r)) {
                if (files.anyMatch(f -> {
                    try {
                        return Files.getLastModifiedTime(f).toMillis() > jar;
                    } catch (IOException e) {
                        return true;
                    }
                })) {
                    return true;
                }
            }
        }
        return false;
    }
}
