package io.meshscope.server.xds;

import io.meshscope.core.scope.Proxy;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streams currently connected, by connection id (what {@code /debug/syncz} lists), and grouped by identity,
 * pod and IP ({@link StreamGroups}: what a push is dispatched by).
 */
public final class ConnectionRegistry {
    private final Map<String, XdsStream> streams = new ConcurrentHashMap<>();
    private final StreamGroups groups = new StreamGroups();
    private final AtomicLong ids = new AtomicLong();

    String nextId(String nodeId) {
        return nodeId + "-" + ids.incrementAndGet();
    }

    void add(XdsStream s, Proxy identity) {
        streams.put(s.connectionId(), s);
        groups.add(s, identity);
    }

    void remove(XdsStream s, Proxy identity) {
        streams.remove(s.connectionId());
        groups.remove(s, identity);
    }

    StreamGroups groups() {
        return groups;
    }

    public Collection<XdsStream> all() {
        return streams.values();
    }

    /**
     * The stream of the proxy {@code proxyId} names (the admin endpoints' proxyID): its node id exactly, else
     * the one node id containing it (the pod name, {@code pod.namespace}, the IP). Null when none or several
     * streams match a partial id.
     */
    public XdsStream find(String proxyId) {
        XdsStream partial = null;
        int partialMatches = 0;
        for (XdsStream s : streams.values()) {
            if (s.node() == null) {
                continue;
            }
            if (s.node().id().equals(proxyId)) {
                return s;
            }
            if (s.node().id().contains(proxyId)) {
                partial = s;
                partialMatches++;
            }
        }
        return partialMatches == 1 ? partial : null;
    }
}
