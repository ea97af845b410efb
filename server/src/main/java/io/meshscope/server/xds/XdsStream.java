package io.meshscope.server.xds;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.grpc.Status;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.ConfigChanges;
import io.meshscope.core.scope.ConfigKey;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.server.snapshot.MeshSnapshot;
import io.meshscope.server.snapshot.ProxyContext;
import io.meshscope.server.snapshot.SnapshotStore;
import io.meshscope.xds.ProxyResources;
import io.meshscope.xds.XdsType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private volatile String connectionId;
    private volatile NodeIdentity node;
    /** The proxy as the snapshot {@link #servedVersion} sees it. */
    private volatile ProxyContext proxy;
    private volatile long servedVersion;
    private long memoVersion;
    private ProxyResources memoResources;
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

    /** The proxy as {@code snap} sees it, without touching the stream's state (safe off its executor). */
    public ProxyContext contextIn(MeshSnapshot snap) {
        return ProxyResolver.resolve(node, snap);
    }

    /**
     * Called with the first request's node: registers the stream. Gateways (router node ids) are served the
     * clusters and endpoints of their scope; they get no listeners or routes, which would come from Gateway
     * resources that meshscope does not read. Returns true once the stream is registered.
     */
    protected final boolean identify(Node n) {
        if (node != null) {
            return true;
        }
        NodeIdentity id = NodeIdentity.from(n);
        node = id;
        MeshSnapshot snap = ctx.store().current();
        proxy = ProxyResolver.resolve(node, snap);
        servedVersion = snap.version();
        connectionId = ctx.connections().nextId(node.id());
        ctx.connections().add(this, proxy.proxy());
        ctx.metrics().connected(1);
        log.info("proxy connected: {} ({} in {}, {}, {}){}", node.id(), node.type().wireName(), proxy.proxy().namespace(),
                proxy.workload() == null ? "no workload in the input: scope from its namespace and labels"
                        : proxy.workload().id().toString(),
                getClass().getSimpleName().replace("Stream", ""), node.proxyless() ? " proxyless gRPC" : "");
        return true;
    }

    /** Ends the stream from the server side with an error status (called on the stream's executor). */
    protected abstract void fail(Status status);

    /**
     * Graceful shutdown: ends the stream with UNAVAILABLE after whatever is queued for it (responses being
     * built finish first), so the proxy reconnects to another control plane or retries.
     */
    public final void shutdown() {
        executor.execute(() -> {
            if (!closed) {
                close();
                fail(Status.UNAVAILABLE.withDescription("meshscope is shutting down"));
            }
        });
    }

    /** Called once when the stream ends, whichever side ended it. */
    protected final void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (node != null) {
            ctx.connections().remove(this, proxy.proxy());
            ctx.metrics().connected(-1);
            log.info("proxy disconnected: {}", node.id());
        }
    }

    protected boolean isClosed() {
        return closed;
    }

    /**
     * The proxy's resources in {@code snap}. Memoised for the snapshot last asked about (by version, so no old
     * snapshot is kept alive): the four types of one push share one lookup.
     */
    protected ProxyResources resourcesOf(MeshSnapshot snap) {
        if (snap.version() == memoVersion && memoResources != null) {
            return memoResources;
        }
        ProxyContext p = proxyFor(snap);
        ProxyResources r = snap.xds().resourcesFor(p.proxy(), p.workload(), p.proxyless(), node.locality());
        memoVersion = snap.version();
        memoResources = r;
        return r;
    }

    /**
     * The proxy as {@code snap} sees it (re-resolved when the snapshot is newer than the one last used). A newer
     * identity is filed with the registry's groups before the caller reads the store's current snapshot, so a swap
     * dispatched meanwhile either finds the stream under its new identity or is already what the caller serves.
     */
    private ProxyContext proxyFor(MeshSnapshot snap) {
        if (snap.version() != servedVersion) {
            ProxyContext p = ProxyResolver.resolve(node, snap);
            if (snap.version() > servedVersion) {
                ProxyContext was = proxy;
                proxy = p;
                servedVersion = snap.version();
                if (!closed) {
                    ctx.connections().groups().move(this, was.proxy(), p.proxy());
                }
            }
            return p;
        }
        return proxy;
    }

    /** A new snapshot was swapped in: decide on this stream's executor whether and what to push. */
    public final void onSwap(SnapshotStore.Swap swap) {
        executor.execute(() -> handleSwap(swap));
    }

    private void handleSwap(SnapshotStore.Swap swap) {
        if (closed || node == null) {
            return;
        }
        // The decision is about this swap's changes; what is sent is always the newest snapshot, so a swap whose
        // handling was overtaken by a newer one (or by a request answered from the newer one) never sends older
        // config after newer.
        MeshSnapshot previous = swap.previous();
        ProxyContext before = previous == null || previous.version() == servedVersion ? proxy
                : ProxyResolver.resolve(node, previous);
        ProxyContext after = proxyFor(swap.current());
        MeshSnapshot latest = ctx.store().current();
        proxyFor(latest);
        if (!needsPush(swap, before, after)) {
            ctx.metrics().pushDecision(false);
            log.debug("{}: snapshot {} changes nothing it depends on; not pushed", node.id(), swap.current().version());
            return;
        }
        ctx.metrics().pushDecision(true);
        for (XdsType type : XdsType.values()) {
            TypeState st = states.get(type);
            if (st != null && st.lastNonce != null) {
                push(type, st, latest, false);
            }
        }
        ctx.metrics().converged(Duration.between(swap.current().createdAt(), Instant.now()));
    }

    /** istiod's push decision: forced (mesh config), the proxy's identity moved, or a dependency changed. */
    private boolean needsPush(SnapshotStore.Swap swap, ProxyContext before, ProxyContext after) {
        ConfigChanges changes = swap.changes();
        if (swap.previous() == null || changes.meshConfigChanged()) {
            return true;
        }
        if (!sameIdentity(before, after)
                || (after.workload() != null && changes.changedWorkloads().contains(after.workload().id()))) {
            return true;
        }
        MeshIndex was = swap.previous().index();
        SidecarScope prevScope = was.scope(before.proxy());
        if (swap.endpointsOnly() || changes.keys().stream().allMatch(k -> k.kind().equals(ConfigKey.ENDPOINTS))) {
            // Endpoints never change a scope (istiod skips recomputing proxy state for endpoint-only updates), so
            // the previous scope decides, and ten thousand streams do not each compute a scope on the new index.
            return was.pushPolicy().needsPush(after.proxy(), prevScope, null, changes.keys(), false, List.of());
        }
        MeshIndex now = swap.current().index();
        return now.pushPolicy().needsPush(after.proxy(), now.scope(after.proxy()), prevScope, changes.keys(), false,
                now.ownServices(after.proxy()));
    }

    /**
     * Whether the proxy is still the same for config purposes: scoping identity, workload (by id, labels and
     * addresses) and kind. Where its manifest sits in a file does not count: re-indenting a file, or editing
     * another object above it, moves source positions without changing anything a proxy is sent.
     */
    private static boolean sameIdentity(ProxyContext a, ProxyContext b) {
        if (!a.proxy().equals(b.proxy()) || a.proxyless() != b.proxyless()) {
            return false;
        }
        Workload x = a.workload();
        Workload y = b.workload();
        if (x == null || y == null) {
            return x == y;
        }
        return x.id().equals(y.id()) && x.labels().equals(y.labels()) && x.addresses().equals(y.addresses())
                && x.containerPorts().equals(y.containerPorts());
    }

    /**
     * Records a NACK of the newest response of a type: the error detail is kept for {@code /debug/syncz} and
     * logged. The rejected config is not re-sent (the client would only reject it again); the next change of
     * the type's resources is.
     */
    protected final void nack(XdsType type, TypeState st, String error) {
        st.nackedVersion = st.sentVersion;
        st.nackError = error;
        st.nacks++;
        ctx.metrics().rejected(shortName(type));
        log.warn("{} rejected {} version {} (not re-sent; the next change will be): {}", node.id(), shortName(type),
                st.sentVersion, error);
    }

    /**
     * Sends the type's current resources when they differ from what the client has (or unconditionally when
     * {@code force}: a new or changed subscription must always be answered, never met with silence).
     */
    protected abstract void push(XdsType type, TypeState st, MeshSnapshot snap, boolean force);

    /**
     * For {@code /debug/syncz}: per type what was sent, acked and nacked. Read on the stream's executor, so the
     * view is consistent; a stream too busy to answer within two seconds is reported as such.
     */
    public final Map<String, Object> syncStatus() {
        CompletableFuture<Map<String, Object>> f = CompletableFuture.supplyAsync(this::buildSyncStatus, executor);
        try {
            return f.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connectionId", connectionId);
            m.put("proxy", node == null ? null : node.id());
            m.put("busy", true);
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Map<String, Object> buildSyncStatus() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connectionId", connectionId);
        m.put("proxy", node == null ? null : node.id());
        m.put("protocol", getClass().getSimpleName().startsWith("Delta") ? "delta" : "sotw");
        m.put("proxyless", node != null && node.proxyless());
        if (node != null && !node.clusterId().isEmpty()) {
            m.put("clusterId", node.clusterId());
        }
        ProxyContext p = proxy;
        if (p != null) {
            MeshSnapshot snap = ctx.store().current();
            p = proxyFor(snap);
            SidecarScope scope = snap.index().scope(p.proxy());
            m.put("namespace", p.proxy().namespace());
            m.put("workload", p.workload() == null ? null : p.workload().id().toString());
            m.put("scope", scope.sidecar() == null ? scope.name() : scope.sidecar().meta().id().nsName());
        }
        m.put("snapshotVersion", servedVersion);
        Map<String, Object> types = new LinkedHashMap<>();
        states.forEach((type, st) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("subscription", st.wildcard ? "*" : st.names.toList());
            t.put("sent", st.sentVersion);
            t.put("sentNonce", st.lastNonce);
            t.put("acked", st.ackedVersion);
            t.put("nacked", st.nackedVersion);
            t.put("nackError", st.nackError);
            t.put("nacks", st.nacks);
            t.put("responses", st.responses);
            types.put(shortName(type), t);
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
