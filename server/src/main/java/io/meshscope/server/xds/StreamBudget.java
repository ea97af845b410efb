package io.meshscope.server.xds;

import java.util.concurrent.atomic.AtomicInteger;

/** The streams open at once, all connections together, against {@link XdsLimits#maxStreams()}. */
final class StreamBudget {
    private final int limit;
    private final AtomicInteger open = new AtomicInteger();

    StreamBudget(int limit) {
        this.limit = limit;
    }

    /** Takes a place; false when all are taken. */
    boolean tryAcquire() {
        while (true) {
            int now = open.get();
            if (now >= limit) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }

    int limit() {
        return limit;
    }
}
