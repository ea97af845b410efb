package io.meshscope.kube;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces bursts of events into one action on the scheduler: after {@code quiet} without events, or at the
 * latest {@code max} after the first event of a burst, so a steady trickle cannot starve deliveries. Shared by
 * the Kubernetes informers and the server's file watch.
 */
public final class Debounce {
    private final ScheduledExecutorService scheduler;
    private final long quietNanos;
    private final long maxNanos;
    private final Runnable action;
    private ScheduledFuture<?> pending;
    private long burstStartNanos = -1;

    public Debounce(ScheduledExecutorService scheduler, Duration quiet, Duration max, Runnable action) {
        this.scheduler = scheduler;
        this.quietNanos = quiet.toNanos();
        this.maxNanos = Math.max(max.toNanos(), quietNanos);
        this.action = action;
    }

    public synchronized void poke() {
        long now = System.nanoTime();
        if (burstStartNanos < 0) {
            burstStartNanos = now;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        long delay = Math.max(0, Math.min(quietNanos, burstStartNanos + maxNanos - now));
        if (!scheduler.isShutdown()) {
            pending = scheduler.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void fire() {
        synchronized (this) {
            burstStartNanos = -1;
            pending = null;
        }
        action.run();
    }
}
