package io.meshscope.server.xds;

import java.util.concurrent.atomic.AtomicLong;

/** Nonces unique per server run; a counter is enough because nonces only need to differ. */
final class NonceSource {
    private final AtomicLong next = new AtomicLong();

    String next() {
        return Long.toString(next.incrementAndGet(), 36);
    }
}
