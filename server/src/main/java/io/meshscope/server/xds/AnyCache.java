package io.meshscope.server.xds;

import com.google.protobuf.Any;
import io.meshscope.xds.NamedResource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Packs each resource into an {@code Any} once per snapshot generation, so the thousand proxies that share a
 * scope share the serialized bytes too. Keys are (name, content version), which identify the content exactly;
 * a new generation drops the old entries so memory follows the live config.
 */
final class AnyCache {
    private volatile long generation = -1;
    private volatile Map<String, Any> packed = new ConcurrentHashMap<>();

    Any pack(long snapshotVersion, NamedResource r) {
        Map<String, Any> m = packed;
        if (snapshotVersion != generation) {
            synchronized (this) {
                if (snapshotVersion > generation) {
                    generation = snapshotVersion;
                    packed = new ConcurrentHashMap<>();
                }
                m = packed;
            }
        }
        return m.computeIfAbsent(r.name() + "\u0000" + r.version(), k -> Any.pack(r.resource()));
    }
}
