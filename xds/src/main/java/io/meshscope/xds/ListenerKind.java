package io.meshscope.xds;

import io.meshscope.core.registry.Protocols;
import java.util.Set;

/**
 * istiod's {@code ModelProtocolToListenerProtocol}: how an outbound listener serves a port's protocol — an HTTP
 * connection manager, a TCP proxy, or both behind protocol sniffing (protocol unknown).
 */
enum ListenerKind {
    HTTP, TCP, AUTO;

    private static final Set<String> TCP_PROTOCOLS = Set.of("TCP", "HTTPS", "TLS", "MONGO", "REDIS", "MYSQL");

    /** The kind for a canonical protocol name, or null for protocols no listener serves (UDP). */
    static ListenerKind of(String protocol) {
        if (Protocols.isHttp(protocol)) {
            return HTTP;
        }
        if (TCP_PROTOCOLS.contains(protocol)) {
            return TCP;
        }
        return "UNSUPPORTED".equals(protocol) ? AUTO : null;
    }
}
