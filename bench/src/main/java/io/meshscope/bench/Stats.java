package io.meshscope.bench;

import java.util.Arrays;
import java.util.Locale;

/** Order statistics over measured samples (nanoseconds or any unit); nearest-rank percentiles. */
final class Stats {
    private final double[] sorted;

    private Stats(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    static Stats of(double[] values) {
        return new Stats(values);
    }

    static Stats ofLongs(long[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return new Stats(d);
    }

    /** Nearest-rank percentile, {@code p} in [0, 100]; NaN when empty. */
    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** Milliseconds from nanoseconds, with precision that suits the magnitude. */
    static String ms(double nanos) {
        if (Double.isNaN(nanos)) {
            return "-";
        }
        double ms = nanos / 1e6;
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        if (ms >= 0.01) {
            return String.format(Locale.ROOT, "%.3f", ms);
        }
        return String.format(Locale.ROOT, "%.4f", ms);
    }

    /** "median (min–max)" in milliseconds. */
    String msSpread() {
        return ms(median()) + " (" + ms(min()) + "–" + ms(max()) + ")";
    }

    static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "-";
        }
        double r = a / b;
        if (r >= 100) {
            return String.format(Locale.ROOT, "%.0f×", r);
        }
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.1f×", r);
        }
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    static String pct(double a, double b) {
        if (b == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * a / b);
    }

    static String kb(double bytes) {
        if (bytes >= 10 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1024 / 1024);
        }
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1024 / 1024);
        }
        if (bytes >= 10 * 1024) {
            return String.format(Locale.ROOT, "%.0f kB", bytes / 1024);
        }
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024);
    }
}
