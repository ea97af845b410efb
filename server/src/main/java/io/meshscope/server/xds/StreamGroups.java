package io.meshscope.server.xds;

import io.meshscope.core.scope.Proxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The connected streams indexed for push decisions: by scoping identity ({@link Proxy}: type, namespace, labels —
 * everything a scope and a push policy look at), and by the pod key ({@code namespace/pod}) and IP their node
 * names, through which a Pod or WorkloadEntry that comes, goes or moves can change the workload a stream resolves
 * to. A change is then decided once per identity and handed only to the streams it reaches, so its cost follows
 * the proxies it reaches, not the proxies connected.
 *
 * <p>Thread-safe: streams move between identities on their own executors while a swap is being dispatched. A
 * stream is added under its new identity before it leaves the old one, so a dispatch sees it at least once.
 */
final class StreamGroups {
    private final Map<Proxy, Set<XdsStream>> byProxy = new ConcurrentHashMap<>();
    private final Map<String, Set<XdsStream>> byPod = new ConcurrentHashMap<>();
    private final Map<String, Set<XdsStream>> byIp = new ConcurrentHashMap<>();

    /** Registers a stream under its node's pod key and IP and its current identity. */
    void add(XdsStream s, Proxy identity) {
        NodeIdentity n = s.node();
        put(byPod, podKey(n.namespace(), n.podName()), s);
        if (!n.ip().isEmpty()) {
            put(byIp, n.ip(), s);
        }
        put(byProxy, identity, s);
    }

    /** The stream's identity changed from {@code before} to {@code after}. */
    void move(XdsStream s, Proxy before, Proxy after) {
        if (before.equals(after)) {
            return;
        }
        put(byProxy, after, s);
        take(byProxy, before, s);
    }

    /** Forgets a stream that ended ({@code identity}: its last one). */
    void remove(XdsStream s, Proxy identity) {
        NodeIdentity n = s.node();
        take(byPod, podKey(n.namespace(), n.podName()), s);
        if (!n.ip().isEmpty()) {
            take(byIp, n.ip(), s);
        }
        take(byProxy, identity, s);
    }

    /** Calls {@code each} with every identity and its streams (a weakly consistent view). */
    void forEachIdentity(java.util.function.BiConsumer<Proxy, Set<XdsStream>> each) {
        byProxy.forEach(each);
    }

    /** The streams whose node names pod {@code namespace/name} or carries {@code ip} (either may be null). */
    void namingWorkload(String namespace, String name, Iterable<String> ips, Consumer<XdsStream> each) {
        if (name != null) {
            byPod.getOrDefault(podKey(namespace, name), Set.of()).forEach(each);
        }
        for (String ip : ips) {
            byIp.getOrDefault(ip, Set.of()).forEach(each);
        }
    }

    /** How many distinct identities are connected (for {@code /debug/push_status}). */
    int identities() {
        return byProxy.size();
    }

    private static String podKey(String namespace, String pod) {
        return namespace + "/" + pod;
    }

    private static <K> void put(Map<K, Set<XdsStream>> m, K key, XdsStream s) {
        m.compute(key, (k, set) -> {
            Set<XdsStream> out = set != null ? set : ConcurrentHashMap.newKeySet();
            out.add(s);
            return out;
        });
    }

    private static <K> void take(Map<K, Set<XdsStream>> m, K key, XdsStream s) {
        m.computeIfPresent(key, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    /** An identity-keyed set for collecting a dispatch's targets (streams do not override equals). */
    static Set<XdsStream> newTargetSet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
