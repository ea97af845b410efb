package io.meshscope.server;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Node.js and the grpc-js test client, installed once per JVM: the program in {@code src/test/node/grpc-js-client}
 * is copied to {@code target/grpc-js-client} and its locked dependencies installed there with {@code npm ci}
 * (skipped when the lockfile is the one already installed). Without node the tests fail under {@code CI=true}
 * (they must run in CI) and are skipped with the reason elsewhere.
 */
final class NodeRuntime {
    static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final String[] FILES = {"package.json", "package-lock.json", "client.js", "ads-tls.js"};
    private static Path installed;
    private static AssertionError installFailure;

    /** The node executable and the installed client directory (holding client.js and node_modules). */
    record Installation(Path node, Path dir) {
    }

    private NodeRuntime() {
    }

    /** Installs on first use; later calls return the same installation (or the same failure). */
    static synchronized Installation require() {
        Path node = executable("node").orElse(null);
        Path npm = executable("npm").orElse(null);
        if (node == null || npm == null) {
            String why = "the grpc-js end-to-end tests need Node.js 18+ with npm on PATH (node: " + node + ", npm: "
                    + npm + "); install it (e.g. apt-get install nodejs npm) to run them";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + ". CI=true: they must run in CI, so this is a failure, not a skip");
            }
            Assumptions.abort(why);
        }
        if (installFailure != null) {
            throw installFailure;
        }
        if (installed == null) {
            try {
                installed = install(npm);
            } catch (AssertionError e) {
                installFailure = e;
                throw e;
            } catch (IOException e) {
                installFailure = new AssertionError("installing the grpc-js client failed: " + e, e);
                throw installFailure;
            }
        }
        return new Installation(node, installed);
    }

    private static Path install(Path npm) throws IOException {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path src = module.resolve("src/test/node/grpc-js-client");
        Path dir = module.resolve("target/grpc-js-client");
        Files.createDirectories(dir);
        for (String f : FILES) {
            Files.copy(src.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        String lock = sha256(Files.readAllBytes(dir.resolve("package-lock.json")));
        Path stamp = dir.resolve("node_modules/.meshscope-lock-sha256");
        if (Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
            return dir;
        }
        Path log = dir.resolve("npm-ci.log");
        Process p = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund", "--prefer-offline")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(NPM_CI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("npm ci did not finish within " + NPM_CI_TIMEOUT + " in " + dir + ":\n"
                        + tail(log));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during npm ci", e);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("npm ci failed (exit " + p.exitValue() + ") in " + dir + ":\n" + tail(log));
        }
        Files.writeString(stamp, lock);
        return dir;
    }

    /** {@code name} on PATH, else in the usual system directories. */
    static Optional<Path> executable(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        List<String> dirs = new java.util.ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/local/bin", "/usr/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * A fresh directory for one test's client files (bootstrap, stderr log) under target/grpc-js-client/runs, kept
     * after the test so a failure can be read in full.
     */
    static Path runDirectory(String testName) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("target/grpc-js-client/runs").resolve(testName);
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    /** The last lines of a log file, for failure messages. */
    static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
        } catch (IOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
