package io.meshscope.server.xds;

import java.time.Duration;

/**
 * What one client may cost the xDS server, each limit with a clear error when hit. A stream handles one request at
 * a time and asks gRPC for the next only then, so a client that sends faster than it is served waits in HTTP/2 flow
 * control instead of in the server's memory; pushes to a client that does not read wait for it (newest state
 * only), and a client that stays unread past {@code stallTimeout} while a push waits is dropped.
 *
 * @param maxStreams streams served at once, all connections together (RESOURCE_EXHAUSTED beyond)
 * @param maxStreamsPerConnection concurrent streams on one HTTP/2 connection (the transport refuses more)
 * @param maxRequestBytes largest request message (RESOURCE_EXHAUSTED from gRPC beyond)
 * @param maxResourceNames resource names in one request (INVALID_ARGUMENT beyond)
 * @param stallTimeout how long a push may wait for a client that does not read before the stream is dropped
 * @param maxNewConnectionsPerSecond new connections per second from one address (as much burst); calls on the
 *     connections over it are refused with RESOURCE_EXHAUSTED
 */
public record XdsLimits(int maxStreams, int maxStreamsPerConnection, int maxRequestBytes, int maxResourceNames,
                        Duration stallTimeout, int maxNewConnectionsPerSecond) {
    public XdsLimits {
        if (maxStreams < 1 || maxStreamsPerConnection < 1 || maxRequestBytes < 1024 || maxResourceNames < 1
                || stallTimeout.isNegative() || stallTimeout.isZero() || maxNewConnectionsPerSecond < 1) {
            throw new IllegalArgumentException("xDS limits must be positive (request size at least 1024 bytes): "
                    + "streams " + maxStreams + ", per connection " + maxStreamsPerConnection + ", request bytes "
                    + maxRequestBytes + ", resource names " + maxResourceNames + ", stall timeout " + stallTimeout
                    + ", new connections per second " + maxNewConnectionsPerSecond);
        }
    }

    /** The defaults: docs/SERVER.md, "Limits". */
    public static XdsLimits defaults() {
        return new XdsLimits(25_000, 16, 4 * 1024 * 1024, 50_000, Duration.ofMinutes(2), 100);
    }
}
