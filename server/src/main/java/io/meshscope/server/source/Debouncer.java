package io.meshscope.server.source;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces bursts of change events into one action: it fires after {@code quiet} without events, or at the
 * latest {@code max} after the first event of a burst, so a steady trickle of changes cannot starve pushes.
 */
public final class Debouncer {
    private final ScheduledExecutorService scheduler;
    private final Duration quiet;
    private final Duration max;
    private final Runnable action;
    private ScheduledFuture<?> pending;
    private long burstStartNanos = -1;

    public Debouncer(ScheduledExecutorService scheduler, Duration quiet, Duration max, Runnable action) {
        this.scheduler = scheduler;
        this.quiet = quiet;
        this.max = max;
        this.action = action;
    }

    /** Records an event. */
    public synchronized void poke() {
        long now = System.nanoTime();
        if (burstStartNanos < 0) {
            burstStartNanos = now;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        long untilMax = burstStartNanos + max.toNanos() - now;
        long delay = Math.max(0, Math.min(quiet.toNanos(), untilMax));
        pending = scheduler.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        synchronized (this) {
            burstStartNanos = -1;
            pending = null;
        }
        action.run();
    }
}
