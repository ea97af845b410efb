package io.meshscope.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine and JVM a run happened on, and heap/CPU readings. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d CPUs (%s), %.0f GiB RAM, %s %s, max heap %.1f GiB, args %s; "
                        + "load average at start %s", rt.availableProcessors(), cpuModel(), totalRamGiB(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                rt.maxMemory() / 1024.0 / 1024 / 1024, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                loadAverage());
    }

    /** The 1, 5 and 15 minute load averages (other processes compete for the same 2 cores). */
    static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static double totalRamGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    /** Used heap after full collections (explicit GC, repeated until it settles). */
    static long usedHeapAfterGc() {
        long prev = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (i >= 1 && Math.abs(prev - used) < 1024 * 1024) {
                break;
            }
            prev = used;
        }
        return used;
    }

    /** Resident set size of this process in bytes, or -1 where /proc is unavailable. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** CPU time this process has used, in nanoseconds (all threads). */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** Turns the server's per-connection INFO lines down (10,000 proxies would print 20,000 lines). */
    static void quietServerLogs(String level) {
        org.slf4j.Logger l = org.slf4j.LoggerFactory.getLogger("io.meshscope");
        if (l instanceof ch.qos.logback.classic.Logger lb) {
            lb.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.WARN));
        }
    }
}
