package io.meshscope.cli.ui;

import io.meshscope.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the view's answers have come, for a page that waits for them: the phases the commands report to the
 * CLI's progress bar ("reading 203 files", "reporting" 2,400 of 5,000 workloads, "analyzing"), kept as they go. On a
 * large mesh the first report takes seconds, and a page saying how far it is beats one saying only that it waits.
 * Commands run side by side, so each gets a listener of its own ({@link #listener()}): its {@code advance} counts
 * towards its own current phase.
 */
public final class UiProgress {
    /** One phase as a page shows it: what, how far, of how many (-1: unknown), in what unit, and whether over. */
    public record Phase(String name, long done, long total, String unit, boolean finished) {
    }

    /** A phase being counted; its counter is the only part that changes often. */
    private static final class Counter {
        final String name;
        final long total;
        final String unit;
        final AtomicLong done = new AtomicLong();
        volatile boolean finished;

        Counter(String name, long total, String unit) {
            this.name = name;
            this.total = total;
            this.unit = unit;
        }
    }

    /** By start, the latest of a name kept (a phase run again starts over). */
    private final Map<String, Counter> phases = new LinkedHashMap<>();

    /** A listener for one command: the phases it reports are recorded here. */
    public ProgressListener listener() {
        return new ProgressListener() {
            private volatile Counter current; // advanced from the parallel streams sizing workloads

            @Override
            public void phase(String name, long total, String unit) {
                phaseDone();
                Counter c = new Counter(name, total, unit);
                synchronized (phases) {
                    phases.remove(name);
                    phases.put(name, c);
                }
                current = c;
            }

            @Override
            public void advance(long units) {
                Counter c = current;
                if (c != null) {
                    c.done.addAndGet(units);
                }
            }

            @Override
            public void phaseDone() {
                Counter c = current;
                if (c != null) {
                    c.finished = true;
                    current = null;
                }
            }
        };
    }

    /** Every phase reported so far, in the order they started. */
    public List<Phase> phases() {
        List<Phase> out = new ArrayList<>();
        synchronized (phases) {
            for (Counter c : phases.values()) {
                out.add(new Phase(c.name, c.done.get(), c.total, c.unit, c.finished));
            }
        }
        return out;
    }
}
