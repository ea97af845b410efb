package io.meshscope.cli.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium and ChromeDriver for the browser tests, installed by this test setup when missing (as root,
 * with apt-get; the build machines reach Debian's packages). Under {@code CI=true} a browser that cannot be had
 * fails the tests; elsewhere they are skipped with the reason.
 */
final class Chromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static String unavailable;
    private static boolean checked;

    private Chromium() {
    }

    /** Installs when missing; fails (CI) or skips (elsewhere) when it cannot. */
    static synchronized void require() {
        if (!checked) {
            checked = true;
            unavailable = present() ? null : install();
        }
        if (unavailable != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(unavailable);
            }
            Assumptions.abort(unavailable);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean present() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** Null when installed, else why not. */
    private static String install() {
        // as root, or through passwordless sudo; the package lists are refreshed only if the first try fails
        List<String> asRoot = "root".equals(System.getProperty("user.name")) ? List.of() : List.of("sudo", "-n");
        List<String> install = List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium",
                "chromium-driver");
        List<List<String>> attempts = List.of(concat(asRoot, install), concat(asRoot, List.of("apt-get", "update")),
                concat(asRoot, install));
        StringBuilder log = new StringBuilder();
        for (List<String> command : attempts) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                boolean done = p.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.append(String.join(" ", command)).append(": ").append(done ? "exit " + p.exitValue() : "timed out")
                        .append('\n');
                if (!done) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                log.append(String.join(" ", command)).append(": ").append(e.getMessage()).append('\n');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while installing Chromium";
            }
            if (present()) {
                return null;
            }
        }
        return "the browser tests need Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER
                + "); installing them failed:\n" + log;
    }
}
