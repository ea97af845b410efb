package io.meshscope.server.xds;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.meshscope.core.scope.ConfigChanges;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.server.snapshot.ProxyContext;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.xds.NamedResource;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ADS stream from one proxy: its identity, its per-type subscription state and the push decision. All
 * request handling and pushes for the stream run on its own {@link SerialExecutor}, so the state needs no
 * locks. Subclasses speak state-of-the-world or incremental (delta) xDS.
 */
public abstract class XdsStream {
    private static final Logger log = LoggerFactory.getLogger(XdsStream.class);

    protected final XdsContext ctx;
    protected final SerialExecutor executor;
    protected final Map<XdsType, TypeState> states = new EnumMap<>(XdsType.class);
    private String connectionId;
    private NodeIdentity node;
    private ProxyContext proxy;
    private long servedVersion;
    private Instant pendingChangeAt;
    private volatile boolean closed;

    protected XdsStream(XdsContext ctx) {
        this.ctx = ctx;
        this.executor = new SerialExecutor(ctx.workers());
    }

    public String connectionId() {
        return connectionId;
    }

    public NodeIdentity node() {
        return node;
    }

    public ProxyContext proxy() {
        return proxy;
    }

    /** Called with the first request's node: registers the stream. */
    protected final void identify(Node n) {
        if (node != null) {
            return;
        }
        node = NodeIdentity.from(n);
        MeshSnapshot snap = ctx.store().current();
        proxy = ProxyResolver.resolve(node, snap.input());
        servedVersion = snap.version();
        connectionId = ctx.connections().nextId(node.id());
        ctx.connections().add(this);
        ctx.metrics().connected(1);
        log.info("proxy connected: {} ({} {}/{}, {}){}", node.id(), node.type().wireName(), proxy.proxy().namespace(),
                proxy.workload() == null ? "?" : proxy.workload().name(),
                getClass().getSimpleName().replace("Stream", ""), node.proxyless() ? " proxyless gRPC" : "");
    }

    /** Called once when the stream ends, whichever side ended it. */
    protected final void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (node != null) {
            ctx.connections().remove(this);
            ctx.metrics().connected(-1);
            log.info("proxy disconnected: {}", node.id());
        }
    }

    protected boolean isClosed() {
        return closed;
    }

    /** The resources of one type this proxy gets from a snapshot, by name (sorted). */
    protected Map<String, NamedResource> resources(MeshSnapshot snap, XdsType type) {
        Map<String, NamedResource> out = new TreeMap<>();
        for (NamedResource r : snap.xds().resourcesFor(proxy.proxy(), proxy.workload(), proxy.proxyless()).resources(type)) {
            out.put(r.name(), r);
        }
        return out;
    }

    /** The subscribed subset of a type's resources. */
    protected Map<String, NamedResource> subscribed(MeshSnapshot snap, XdsType type, TypeState st) {
        Map<String, NamedResource> all = resources(snap, type);
        if (st.wildcard) {
            return all;
        }
        Map<String, NamedResource> out = new LinkedHashMap<>();
        for (String n : st.names) {
            NamedResource r = all.get(n);
            if (r != null) {
                out.put(n, r);
            }
        }
        return out;
    }

    /** A new snapshot was swapped in: decide on this stream's executor whether and what to push. */
    public final void onSwap(SnapshotStore.Swap swap) {
        executor.execute(() -> handleSwap(swap));
    }

    private void handleSwap(SnapshotStore.Swap swap) {
        if (closed || node == null) {
            return;
        }
        ProxyContext before = proxy;
        ProxyContext after = ProxyResolver.resolve(node, swap.current().input());
        proxy = after;
        servedVersion = swap.current().version();
        if (!needsPush(swap, before, after)) {
            return;
        }
        pendingChangeAt = swap.current().createdAt();
        for (XdsType type : XdsType.values()) {
            TypeState st = states.get(type);
            if (st != null && st.lastNonce != null) {
                push(type, st, swap.current(), false);
            }
        }
        Instant started = pendingChangeAt;
        if (started != null) {
            ctx.metrics().converged(Duration.between(started, Instant.now()));
            pendingChangeAt = null;
        }
    }

    /** istiod's push decision: forced (mesh config), the proxy's identity moved, or a dependency changed. */
    private boolean needsPush(SnapshotStore.Swap swap, ProxyContext before, ProxyContext after) {
        ConfigChanges changes = swap.changes();
        if (swap.previous() == null || changes.meshConfigChanged()) {
            return true;
        }
        if (!before.equals(after) || (after.workload() != null && changes.changedWorkloads().contains(after.workload().id()))) {
            return true;
        }
        MeshIndex now = swap.current().index();
        SidecarScope prevScope = swap.previous().index().scope(before.proxy());
        return now.pushPolicy().needsPush(after.proxy(), now.scope(after.proxy()), prevScope, changes.keys(), false,
                now.ownServices(after.proxy()));
    }

    /**
     * Sends the type's current resources when they differ from what the client has (or unconditionally when
     * {@code force}: a new or changed subscription must always be answered, never met with silence).
     */
    protected abstract void push(XdsType type, TypeState st, MeshSnapshot snap, boolean force);

    /** For {@code /debug/syncz}: per type what was sent, acked and nacked. */
    public final Map<String, Object> syncStatus() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connectionId", connectionId);
        m.put("proxy", node == null ? null : node.id());
        m.put("protocol", getClass().getSimpleName().startsWith("Delta") ? "delta" : "sotw");
        m.put("proxyless", node != null && node.proxyless());
        if (proxy != null) {
            MeshSnapshot snap = ctx.store().current();
            SidecarScope scope = snap.index().scope(proxy.proxy());
            m.put("namespace", proxy.proxy().namespace());
            m.put("workload", proxy.workload() == null ? null : proxy.workload().id().toString());
            m.put("scope", scope.sidecar() == null ? scope.name() : scope.sidecar().meta().id().nsName());
        }
        m.put("snapshotVersion", servedVersion);
        Map<String, Object> types = new LinkedHashMap<>();
        states.forEach((type, st) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("subscription", st.wildcard ? "*" : st.names);
            t.put("sent", st.sentVersion);
            t.put("acked", st.ackedVersion);
            t.put("nacked", st.nackedVersion);
            t.put("nackError", st.nackError);
            t.put("responses", st.responses);
            types.put(type.name().toLowerCase(java.util.Locale.ROOT), t);
        });
        m.put("types", types);
        return m;
    }

    /** Short xDS type names for metrics: cds, eds, lds, rds. */
    protected static String shortName(XdsType type) {
        return switch (type) {
            case CLUSTER -> "cds";
            case ENDPOINT -> "eds";
            case LISTENER -> "lds";
            case ROUTE -> "rds";
        };
    }

    /** The type for a type URL, or null for types meshscope does not serve. */
    protected static XdsType typeOf(String typeUrl) {
        for (XdsType t : XdsType.values()) {
            if (t.typeUrl().equals(typeUrl)) {
                return t;
            }
        }
        return null;
    }

    /** LDS and CDS are wildcard-capable in SotW; EDS and RDS are always requested by name. */
    protected static boolean wildcardCapable(XdsType type) {
        return type == XdsType.LISTENER || type == XdsType.CLUSTER;
    }
}
