package io.meshscope.cli;

import io.meshscope.server.xds.XdsLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code serve}'s limits on what one xDS client may cost (defaults: docs/SERVER.md, "Limits"). */
final class XdsLimitOptions {
    private static final XdsLimits DEFAULTS = XdsLimits.defaults();

    @Option(names = "--xds-max-streams", paramLabel = "N", description = "Streams served at once, all clients "
            + "together; more are refused with RESOURCE_EXHAUSTED (default: 25000).")
    int maxStreams = DEFAULTS.maxStreams();

    @Option(names = "--xds-max-streams-per-connection", paramLabel = "N", description = "Concurrent streams on "
            + "one connection (default: 16).")
    int maxStreamsPerConnection = DEFAULTS.maxStreamsPerConnection();

    @Option(names = "--xds-max-request-bytes", paramLabel = "N", description = "Largest request message "
            + "(default: 4194304).")
    int maxRequestBytes = DEFAULTS.maxRequestBytes();

    @Option(names = "--xds-max-resource-names", paramLabel = "N", description = "Resource names in one request "
            + "(default: 50000).")
    int maxResourceNames = DEFAULTS.maxResourceNames();

    @Option(names = "--xds-stall-timeout", paramLabel = "SECONDS", description = "Drop a client that has not "
            + "read its responses for this long while a push waits (default: 120).")
    long stallSeconds = DEFAULTS.stallTimeout().toSeconds();

    @Option(names = "--xds-max-new-connections", paramLabel = "N", description = "New connections per second from "
            + "one address; calls on connections over it are refused with RESOURCE_EXHAUSTED (default: 100).")
    int maxNewConnections = DEFAULTS.maxNewConnectionsPerSecond();

    /** The limits; IllegalArgumentException for a value that is not positive. */
    XdsLimits resolve() {
        return new XdsLimits(maxStreams, maxStreamsPerConnection, maxRequestBytes, maxResourceNames,
                Duration.ofSeconds(stallSeconds), maxNewConnections);
    }
}
