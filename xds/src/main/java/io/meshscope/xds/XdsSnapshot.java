package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.scope.EndpointUpdate;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.xds.SharedGeneration.Identity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Envoy resources of one mesh snapshot, computed on demand and shared: outbound resources once per
 * (SidecarScope, DestinationRule selection, proxyless, VirtualService {@code sourceLabels} selectors the proxy
 * satisfies), inbound once per (Sidecar ingress listeners, workload identity); within those, what depends on no
 * scope — a service's clusters, a listener shape, an inbound shape, an EDS assignment — once per snapshot
 * ({@link SharedGeneration}). Pure: the caches are memos of pure functions of the {@link MeshIndex}, so
 * concurrent callers at worst compute a value twice and get equal results.
 */
public final class XdsSnapshot {
    private final MeshIndex index;
    private final MeshConfig mesh;
    /** Shared with {@link #withoutSidecars()}: nothing in it depends on Sidecars. */
    private final SharedGeneration shared;
    private final ShapedAssignments shaped;
    private final Map<ScopeKey, Scoped> scopeCache = new ConcurrentHashMap<>();
    /** Inbound resources; shared with {@link #withoutSidecars()}, as they depend on no scope but its ingress. */
    private final Map<InboundKey, InboundResources> inboundCache;
    /** A scope's outbound resources as proxies of one locality view see them (only scopes with shaped clusters). */
    private final Map<LocalKey, Scoped> localCache = new ConcurrentHashMap<>();
    private final Map<ProxyKey, ProxyResources> proxyCache = new ConcurrentHashMap<>();
    /** Each scope's VirtualService {@code sourceLabels} selectors (part of the sharing key, see SourceSelectors). */
    private final Map<Identity, List<Map<String, String>>> selectorCache = new ConcurrentHashMap<>();
    private volatile XdsSnapshot withoutSidecars;
    /** The catch-all clusters, the same for every scope of every snapshot: serialized once. */
    private static final List<NamedResource> SIDECAR_CATCH_ALL = List.of(
            NamedResource.of(ResourceNames.BLACK_HOLE_CLUSTER, ClusterBuilder.blackHole()),
            NamedResource.of(ResourceNames.PASSTHROUGH_CLUSTER, ClusterBuilder.passthrough()),
            NamedResource.of(ResourceNames.INBOUND_PASSTHROUGH_CLUSTER, ClusterBuilder.inboundPassthrough()));
    private static final List<NamedResource> GATEWAY_CATCH_ALL = SIDECAR_CATCH_ALL.subList(0, 2);
    private volatile DefaultScopeSizer defaultScopes;
    /** Whether services without endpoint sources get endpoints estimated from replicas (size reports only). */
    private final boolean estimating;
    private final EndpointEstimate estimate;

    /**
     * A scope's resources and the EDS clusters whose assignments they hold (to patch them on endpoint updates);
     * {@code shaping} gives per EDS target the locality setting that shapes its endpoints per proxy (null: one
     * assignment for every proxy), {@code priorityLabels} the proxy labels those settings read, and {@code view}
     * the locality view these resources were shaped for (null: the shared, unshaped resources).
     */
    private record Scoped(ScopeResources resources, List<ClusterBuilder.EdsTarget> eds,
                          List<LocalityLbPolicy> shaping, List<String> priorityLabels, LocalityView view) {
        boolean shapes() {
            return shaping.stream().anyMatch(java.util.Objects::nonNull);
        }
    }

    private record LocalKey(ScopeKey scope, LocalityView view) {
    }


    /** Everything {@link #resourcesFor} depends on besides the snapshot: replicas of a workload share a value. */
    private record ProxyKey(Identity scope, Proxy proxy, List<String> addresses, List<?> containerPorts,
                            boolean proxyless, io.meshscope.core.model.Locality locality) {
    }

    /**
     * Identity of the scope instance (scopes are memoised per (Sidecar, namespace) by the MeshIndex), and the
     * VirtualService {@code sourceLabels} selectors the proxy satisfies (empty for almost every proxy).
     */
    private record ScopeKey(Identity scope, List<String> destinationRules, boolean proxyless,
                            List<Map<String, String>> sourceLabels) {
    }

    /**
     * Container ports count: a named targetPort makes the inbound port depend on the workload's own ports. Of the
     * scope only its Sidecar's ingress listeners count (InboundPorts), so proxies of different scopes share.
     */
    private record InboundKey(List<IngressListener> ingress, String namespace, Map<String, String> labels,
                              List<String> addresses, List<?> containerPorts) {
    }

    private XdsSnapshot(MeshIndex index, boolean estimating) {
        this(index, estimating, null);
    }

    /** {@code builtEndpoints}: the index of {@code index}'s endpoints when already built (null: build it). */
    private XdsSnapshot(MeshIndex index, boolean estimating, EndpointIndex builtEndpoints) {
        this.inboundCache = new ConcurrentHashMap<>();
        this.index = index;
        this.mesh = index.mesh();
        this.estimating = estimating;
        this.estimate = estimating ? EndpointEstimate.fromReplicas(index.input()) : EndpointEstimate.NONE;
        EndpointIndex endpointIndex = builtEndpoints != null ? builtEndpoints
                : new EndpointIndex(index.input(), estimate);
        PeerMtls peer = PeerMtls.of(index.peerAuthentications());
        EndpointBuilder endpoints = new EndpointBuilder(endpointIndex, peer);
        this.shared = new SharedGeneration(mesh, endpointIndex, endpoints, peer);
        this.shaped = new ShapedAssignments(mesh, endpoints);
    }

    /**
     * The snapshot of {@code index}, an index of {@code same}'s mesh with other Sidecars
     * ({@link MeshIndex#withSidecars}): services, endpoints, rules and mesh config are the same, so everything
     * computed per service or per workload — endpoints, clusters, assignments, inbound resources — is shared
     * with {@code same}, and only what depends on scopes is computed for this one.
     */
    private XdsSnapshot(XdsSnapshot same, MeshIndex index) {
        this.index = index;
        this.mesh = same.mesh;
        this.estimating = same.estimating;
        this.estimate = same.estimate;
        this.shared = same.shared;
        this.shaped = same.shaped;
        this.inboundCache = same.inboundCache;
    }

    public static XdsSnapshot build(MeshIndex index) {
        return new XdsSnapshot(index, false);
    }

    /**
     * A snapshot for size reports: Kubernetes services the input gives no endpoints for (manifests from Git)
     * get endpoints estimated from the replicas of the workloads they select ({@link EndpointEstimate}), so sizes
     * count the EDS entries a running mesh would send. Never served: the addresses are placeholders.
     */
    public static XdsSnapshot forSizing(MeshIndex index) {
        return new XdsSnapshot(index, true);
    }

    /** The services whose endpoints this snapshot estimates (none unless built {@link #forSizing}). */
    public EndpointEstimate endpointEstimate() {
        return estimate;
    }

    public MeshIndex index() {
        return index;
    }

    /** Resources for a sidecar proxy. */
    public ProxyResources resourcesFor(Proxy proxy, Workload workload) {
        return resourcesFor(proxy, workload, false);
    }

    /**
     * Resources for a proxy: a sidecar ({@code proxyless} false; {@code workload} gives pod IPs for inbound,
     * may be null), a proxyless gRPC client, or a gateway. A gateway gets the clusters and endpoints of its
     * scope (every service exported to its namespace, as istiod's gateway scope) and no listeners or routes:
     * those come from Gateway resources, which meshscope does not read.
     */
    public ProxyResources resourcesFor(Proxy proxy, Workload workload, boolean proxyless) {
        return resourcesFor(proxy, workload, proxyless, null);
    }

    /**
     * {@link #resourcesFor(Proxy, Workload, boolean)} for a proxy whose xDS node sends {@code nodeLocality} (may
     * be null): used when neither the proxy's labels nor its workload give a locality ({@link #localityOf}).
     */
    public ProxyResources resourcesFor(Proxy proxy, Workload workload, boolean proxyless,
                                       io.meshscope.core.model.Locality nodeLocality) {
        return resourcesFor(index.scope(proxy), proxy, workload, proxyless, localityOf(proxy, workload, nodeLocality));
    }

    /**
     * A proxy's locality as istiod's {@code setTopologyLabels} finds it: its labels', else its workload's, else
     * its xDS node's, else none ({@link LocalityView#proxyLocality}).
     */
    public static io.meshscope.core.model.Locality localityOf(Proxy proxy, Workload workload,
                                                              io.meshscope.core.model.Locality nodeLocality) {
        return LocalityView.proxyLocality(proxy, workload, nodeLocality);
    }

    private ProxyResources resourcesFor(SidecarScope scope, Proxy proxy, Workload workload, boolean proxyless,
                                        io.meshscope.core.model.Locality locality) {
        return proxyCache.computeIfAbsent(new ProxyKey(new Identity(scope), proxy, addresses(workload),
                        containerPorts(workload), proxyless, locality),
                k -> compute(scope, proxy, workload, proxyless, locality));
    }

    private static List<String> addresses(Workload workload) {
        return workload == null ? List.of() : workload.addresses();
    }

    private static List<?> containerPorts(Workload workload) {
        return workload == null ? List.of() : workload.containerPorts();
    }

    private ProxyResources compute(SidecarScope scope, Proxy proxy, Workload workload, boolean proxyless,
                                   io.meshscope.core.model.Locality locality) {
        // DestinationRules with a workloadSelector make the selection depend on the proxy's labels, gateways too.
        Map<String, DestinationRuleIndex.Entry> drs = index.destinationRules(proxy, scope);
        if (proxy.type() == ProxyType.ROUTER) {
            ScopeKey key = scopeKey(scope, drs, false, List.of());
            Scoped gw = localized(key, scopeCache.computeIfAbsent(key, k -> gateway(scope, drs)), proxy, locality);
            return new ProxyResources(gw.resources(), InboundResources.NONE, false);
        }
        List<Map<String, String>> selectors = SourceSelectors.matching(
                selectorCache.computeIfAbsent(new Identity(scope), k -> SourceSelectors.of(scope)), proxy.labels());
        ScopeKey key = scopeKey(scope, drs, proxyless, selectors);
        Scoped outbound = localized(key, scopeCache.computeIfAbsent(key,
                k -> proxyless ? proxyless(scope, drs, selectors) : sidecar(scope, drs, selectors)), proxy, locality);
        if (proxyless) {
            return new ProxyResources(outbound.resources(), InboundResources.NONE, true);
        }
        return new ProxyResources(outbound.resources(), inboundOf(scope, proxy, workload), false);
    }

    /**
     * The scope's resources as a proxy in {@code locality} sees them: the shared instance when no cluster's
     * endpoints depend on the proxy's locality (almost always), else the instance shared by every proxy of the
     * scope with the same locality and failover-priority label values, whose shaped assignments replace the
     * shared ones ({@code ApplyToLoadAssignment}; istiod keys its EDS cache by the same).
     */
    private Scoped localized(ScopeKey key, Scoped common, Proxy proxy, io.meshscope.core.model.Locality locality) {
        if (!common.shapes()) {
            return common;
        }
        LocalityView view = LocalityView.of(proxy, locality, common.priorityLabels());
        return localCache.computeIfAbsent(new LocalKey(key, view), k -> {
            List<NamedResource> endpoints = new ArrayList<>(common.resources().endpoints());
            for (int i = 0; i < common.eds().size(); i++) {
                if (common.shaping().get(i) != null) {
                    endpoints.set(i, shaped.get(common.eds().get(i), common.shaping().get(i), view));
                }
            }
            return new Scoped(common.resources().withEndpoints(endpoints), common.eds(), common.shaping(),
                    common.priorityLabels(), view);
        });
    }

    /**
     * The snapshot of an endpoint update: every cached scope, inbound and proxy result of this snapshot is carried
     * over, and only the assignments of the changed services are rebuilt. Unchanged resources keep their
     * instances — and a resource list with nothing changed keeps its instance too — so a stream finds out what
     * it must send by comparing references, not by regenerating and diffing its whole config.
     */
    public XdsSnapshot withEndpoints(EndpointUpdate update) {
        // Endpoint groups alone moved: index just those again (a moved Pod or an estimate needs the whole index).
        EndpointIndex endpoints = update.workloadsMoved() || estimating ? null
                : shared.endpointIndex().withEndpoints(update.changedGroups());
        XdsSnapshot next = new XdsSnapshot(update.index(), estimating, endpoints);
        next.selectorCache.putAll(selectorCache);
        shared.carryOver(next.shared, update);
        shaped.carryOver(next.shaped, update);
        Map<ScopeResources, ScopeResources> patched = new IdentityHashMap<>();
        scopeCache.forEach((key, scoped) -> {
            Scoped p = next.patch(scoped, update);
            patched.put(scoped.resources(), p.resources());
            next.scopeCache.put(key, p);
        });
        localCache.forEach((key, scoped) -> {
            Scoped p = next.patch(scoped, update);
            patched.put(scoped.resources(), p.resources());
            next.localCache.put(key, p);
        });
        // Results for pods that are gone are not carried: with pods coming and going they would pile up.
        Set<String> live = new HashSet<>();
        update.index().input().workloads().forEach(w -> live.addAll(w.addresses()));
        inboundCache.forEach((key, inbound) -> {
            if (live.containsAll(key.addresses())) {
                next.inboundCache.put(key, inbound);
            }
        });
        proxyCache.forEach((key, pr) -> {
            ScopeResources outbound = patched.get(pr.outbound());
            if (outbound != null && live.containsAll(key.addresses())) {
                next.proxyCache.put(key, pr.withOutbound(outbound));
            }
        });
        return next;
    }

    /** The cache key of a scope's outbound resources: the scope instance and the DestinationRules selected. */
    private static ScopeKey scopeKey(SidecarScope scope, Map<String, DestinationRuleIndex.Entry> drs,
                                     boolean proxyless, List<Map<String, String>> sourceLabels) {
        List<String> drKeys = new ArrayList<>();
        new TreeMap<>(drs).forEach((host, e) -> drKeys.add(host + "=" + e.key()));
        return new ScopeKey(new Identity(scope), List.copyOf(drKeys), proxyless, sourceLabels);
    }

    /** The scope with the changed assignments replaced in place (targets and assignments are both name-sorted). */
    private Scoped patch(Scoped scoped, EndpointUpdate update) {
        List<NamedResource> endpoints = null;
        for (int i = 0; i < scoped.eds().size(); i++) {
            ClusterBuilder.EdsTarget t = scoped.eds().get(i);
            if (update.changed(t.service())) {
                if (endpoints == null) {
                    endpoints = new ArrayList<>(scoped.resources().endpoints());
                }
                LocalityLbPolicy shaping = scoped.shaping().get(i);
                endpoints.set(i, scoped.view() == null || shaping == null ? shared.assignment(t)
                        : shaped.get(t, shaping, scoped.view()));
            }
        }
        if (endpoints == null) {
            return scoped;
        }
        return new Scoped(scoped.resources().withEndpoints(endpoints), scoped.eds(), scoped.shaping(),
                scoped.priorityLabels(), scoped.view());
    }

    /**
     * Resources for a sidecar or gateway proxy under a given {@code scope} — the size model of report, generate,
     * whatif and analyze. The scope may come from another index over the same services and endpoints (a proposed
     * set of Sidecars); with {@code index.scope(proxy)} this is {@link #resourcesFor(Proxy, Workload)} exactly.
     */
    public ProxyResources resourcesFor(SidecarScope scope, Proxy proxy, Workload workload) {
        return resourcesFor(scope, proxy, workload, false, localityOf(proxy, workload, null));
    }

    /**
     * Sizes of default-scope configs (no Sidecar applies) without generating one per namespace, when the mesh
     * allows it exactly ({@link DefaultScopeSizer#applies()}); for size reports only.
     */
    public DefaultScopeSizer defaultScopes() {
        DefaultScopeSizer d = defaultScopes;
        if (d == null) {
            synchronized (this) { // once: each sizer builds its own reference scope of the whole mesh
                d = defaultScopes;
                if (d == null) {
                    d = new DefaultScopeSizer(this);
                    defaultScopes = d;
                }
            }
        }
        return d;
    }

    /** The outbound resources of a default scope (there is no DestinationRule or VirtualService to select). */
    ScopeResources outboundOfDefaultScope(SidecarScope scope) {
        return scopeCache.computeIfAbsent(scopeKey(scope, Map.of(), false, List.of()),
                k -> sidecar(scope, Map.of(), List.of())).resources();
    }

    /** The inbound resources of a sidecar proxy of {@code workload} under {@code scope}. */
    InboundResources inboundOf(SidecarScope scope, Proxy proxy, Workload workload) {
        return inboundCache.computeIfAbsent(
                new InboundKey(scope.ingress(), proxy.namespace(), proxy.labels(), addresses(workload),
                        containerPorts(workload)),
                k -> inbound(scope, proxy, workload));
    }

    /** The same mesh as if no Sidecar existed (memoised), for scoped-versus-unscoped comparisons. */
    public XdsSnapshot withoutSidecars() {
        XdsSnapshot s = withoutSidecars;
        if (s == null) {
            // once: threads sizing workloads side by side (report) would each build the whole mesh's index
            synchronized (this) {
                s = withoutSidecars;
                if (s == null) {
                    s = new XdsSnapshot(this, index.withSidecars(List.of()));
                    withoutSidecars = s;
                }
            }
        }
        return s;
    }

    /** {@code util.IsAllowAnyOutbound}: only an explicit ALLOW_ANY (mesh dynamic DNS is treated alike). */
    static boolean allowAny(SidecarScope scope) {
        return scope.outboundMode() == OutboundMode.ALLOW_ANY || scope.outboundMode() == OutboundMode.ALLOW_ANY_DYNAMIC_DNS;
    }

    private Scoped sidecar(SidecarScope scope, Map<String, DestinationRuleIndex.Entry> drs,
                           List<Map<String, String>> sourceLabels) {
        boolean allowAny = allowAny(scope);
        SharedGeneration.Outbound built = shared.outbound(scope.services(), drs, true);
        List<NamedResource> cds = new ArrayList<>(built.clusters());
        cds.addAll(SIDECAR_CATCH_ALL);
        String catchAll = allowAny ? EgressProxyCluster.of(scope) : ResourceNames.BLACK_HOLE_CLUSTER;
        OutboundListenerBuilder lb = new OutboundListenerBuilder(mesh, shared.endpointIndex(), catchAll,
                new L4Chains(scope, Set.copyOf(sourceLabels), drs));
        OutboundListenerBuilder.Built lds = lb.build(scope);
        List<NamedResource> listeners = shared.outboundListeners(lb, lds, catchAll);
        RouteBuilder rb = new RouteBuilder(scope, mesh.domainSuffix(), allowAny, Set.copyOf(sourceLabels), drs);
        List<NamedResource> routes = new ArrayList<>();
        for (String name : lds.routeNames()) {
            routes.add(shared.route(rb.sharingKey(name), name, () -> rb.build(name)));
        }
        return scoped(new ScopeResources(cds, shared.assignments(built.eds()), listeners, routes), built.eds(), drs);
    }

    private Scoped gateway(SidecarScope scope, Map<String, DestinationRuleIndex.Entry> drs) {
        SharedGeneration.Outbound built = shared.outbound(scope.services(), drs, false);
        List<NamedResource> cds = new ArrayList<>(built.clusters());
        cds.addAll(GATEWAY_CATCH_ALL);
        return scoped(new ScopeResources(cds, shared.assignments(built.eds()), List.of(), List.of()), built.eds(),
                drs);
    }

    private Scoped proxyless(SidecarScope scope, Map<String, DestinationRuleIndex.Entry> drs,
                             List<Map<String, String>> sourceLabels) {
        ProxylessBuilder.Built b = new ProxylessBuilder(scope, drs, mesh.domainSuffix(), Set.copyOf(sourceLabels),
                shared.endpoints()::serviceAccounts)
                .build();
        return scoped(new ScopeResources(shared.namedAll(b.clusters(), Cluster::getName), shared.assignments(b.eds()),
                shared.namedAll(b.listeners(), Listener::getName),
                shared.namedAll(b.routes(), RouteConfiguration::getName)), b.eds(),
                drs);
    }

    /**
     * The scope's record of its EDS targets, sorted by cluster name like the assignments themselves, with the
     * locality setting that shapes each one per proxy ({@code getOutlierDetectionAndLoadBalancerSettings}: the
     * cluster's merged DestinationRule policy, else the mesh's setting).
     */
    private Scoped scoped(ScopeResources resources, List<ClusterBuilder.EdsTarget> eds,
                          Map<String, DestinationRuleIndex.Entry> drs) {
        List<ClusterBuilder.EdsTarget> sorted = new ArrayList<>(eds);
        sorted.sort(Comparator.comparing(ClusterBuilder.EdsTarget::cluster));
        List<LocalityLbPolicy> shaping = new ArrayList<>(sorted.size());
        Set<String> labels = new java.util.TreeSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            ClusterBuilder.EdsTarget t = sorted.get(i);
            if (!t.cluster().equals(resources.endpoints().get(i).name())) {
                throw new IllegalStateException("EDS targets and assignments differ at " + t.cluster());
            }
            LocalityLbPolicy p = shaped.shaping(t, drs);
            shaping.add(p);
            if (p != null) {
                labels.addAll(p.priorityLabels());
            }
        }
        return new Scoped(resources, List.copyOf(sorted), java.util.Collections.unmodifiableList(shaping),
                List.copyOf(labels), null);
    }

    private InboundResources inbound(SidecarScope scope, Proxy proxy, Workload workload) {
        List<InboundPorts.Port> ports = InboundPorts.compute(scope, index.ownServices(proxy), workload, mesh,
                shared.endpointIndex());
        return shared.inbound(ports, InboundPorts.wildcard(workload),
                index.peerAuthentications().effective(proxy.namespace(), proxy.labels()));
    }
}
