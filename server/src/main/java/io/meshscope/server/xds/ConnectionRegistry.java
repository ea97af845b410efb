package io.meshscope.server.xds;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The streams currently connected, by connection id; what pushes iterate and {@code /debug/syncz} lists. */
public final class ConnectionRegistry {
    private final Map<String, XdsStream> streams = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    String nextId(String nodeId) {
        return nodeId + "-" + ids.incrementAndGet();
    }

    void add(XdsStream s) {
        streams.put(s.connectionId(), s);
    }

    void remove(XdsStream s) {
        streams.remove(s.connectionId());
    }

    public Collection<XdsStream> all() {
        return streams.values();
    }

    /** The first stream whose node id equals or contains {@code proxyId} (the admin endpoints' proxyID). */
    public XdsStream find(String proxyId) {
        for (XdsStream s : streams.values()) {
            if (s.node() != null && (s.node().id().equals(proxyId) || s.node().id().contains(proxyId))) {
                return s;
            }
        }
        return null;
    }
}
