package io.meshscope.cli;

import io.meshscope.core.progress.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows the core's progress as a progress bar on standard error (phase, count, rate, ETA; drawn by the
 * {@code progressbar} library). Nothing is drawn before {@code delay} has passed since the command started, so
 * quick commands never flicker a bar; a finished phase's bar is cleared, so only the command's own messages stay.
 * Only for a terminal: {@link #of} gives {@link ProgressListener#NONE} otherwise.
 */
final class TerminalProgress implements ProgressListener {
    /** Commands shorter than this show no bar at all. */
    static final Duration DEFAULT_DELAY = Duration.ofSeconds(2);

    private final PrintWriter err;
    private final long showAfterNanos;
    private final int width;
    private ProgressBar bar;

    private TerminalProgress(PrintWriter err, Duration delay, int width) {
        this.err = err;
        this.showAfterNanos = System.nanoTime() + delay.toNanos();
        this.width = width;
    }

    /** A listener drawing on {@code err} when {@code show}, else one that ignores everything. */
    static ProgressListener of(PrintWriter err, boolean show, Duration delay, int width) {
        return show ? new TerminalProgress(err, delay, width) : ProgressListener.NONE;
    }

    @Override
    public synchronized void phase(String name, long total, String unit) {
        phaseDone();
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(name).setInitialMax(total < 0 ? -1 : total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setConsumer(new Consumer())
                .clearDisplayOnFinish().showSpeed();
        if ("B".equals(unit)) {
            b.setUnit(" MB", 1024 * 1024);
        } else if (unit != null && !unit.isEmpty()) {
            b.setUnit(" " + unit, 1);
        }
        bar = b.build();
    }

    @Override
    public synchronized void advance(long units) {
        if (bar != null) {
            bar.stepBy(units);
        }
    }

    @Override
    public synchronized void phaseDone() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Draws on the command's standard error, on one line redrawn in place, once the delay has passed. */
    private final class Consumer implements ProgressBarConsumer {
        private boolean drawn;

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            if (System.nanoTime() < showAfterNanos) {
                return;
            }
            synchronized (err) {
                err.print('\r');
                err.print(rendered);
                err.flush();
            }
            drawn = true;
        }

        @Override
        public void clear() {
            if (drawn) {
                synchronized (err) {
                    err.print("\r" + " ".repeat(width) + "\r");
                    err.flush();
                }
            }
        }

        @Override
        public void close() {
            // clear() has run (clearDisplayOnFinish): nothing stays behind
        }
    }
}
