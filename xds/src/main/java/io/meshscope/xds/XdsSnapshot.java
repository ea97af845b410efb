package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Envoy resources of one mesh snapshot, computed on demand and shared: outbound resources once per
 * (SidecarScope, DestinationRule selection, proxyless), inbound once per (scope, workload identity), each EDS
 * assignment once per (cluster, service, subset). Pure: the caches are memos of pure functions of the
 * {@link MeshIndex}, so concurrent callers at worst compute a value twice and get equal results.
 */
public final class XdsSnapshot {
    private final MeshIndex index;
    private final MeshConfig mesh;
    private final EndpointIndex endpointIndex;
    private final EndpointBuilder endpoints;
    private final ClusterBuilder clusters;
    private final Map<ScopeKey, ScopeResources> scopeCache = new ConcurrentHashMap<>();
    private final Map<InboundKey, InboundResources> inboundCache = new ConcurrentHashMap<>();
    private final Map<String, NamedResource> assignmentCache = new ConcurrentHashMap<>();
    private volatile XdsSnapshot withoutSidecars;

    /** Identity of the scope instance (scopes are memoised per (Sidecar, namespace) by the MeshIndex). */
    private record ScopeKey(Identity scope, List<String> destinationRules, boolean proxyless) {
    }

    private record InboundKey(Identity scope, String namespace, Map<String, String> labels, List<String> addresses) {
    }

    private record Identity(Object ref) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }

    private XdsSnapshot(MeshIndex index) {
        this.index = index;
        this.mesh = index.mesh();
        this.endpointIndex = new EndpointIndex(index.input());
        this.endpoints = new EndpointBuilder(endpointIndex);
        this.clusters = new ClusterBuilder(mesh, endpoints);
    }

    public static XdsSnapshot build(MeshIndex index) {
        return new XdsSnapshot(index);
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
        SidecarScope scope = index.scope(proxy);
        if (proxy.type() == ProxyType.ROUTER) {
            Map<String, DestinationRuleIndex.Entry> drs = index.destinationRules(proxy, scope);
            ScopeResources gw = scopeCache.computeIfAbsent(new ScopeKey(new Identity(scope), List.of("router"), false),
                    k -> gateway(scope, drs));
            return new ProxyResources(gw, InboundResources.NONE, false);
        }
        Map<String, DestinationRuleIndex.Entry> drs = index.destinationRules(proxy, scope);
        List<String> drKeys = new ArrayList<>();
        new TreeMap<>(drs).forEach((host, e) -> drKeys.add(host + "=" + e.key()));
        ScopeResources outbound = scopeCache.computeIfAbsent(new ScopeKey(new Identity(scope), List.copyOf(drKeys),
                proxyless), k -> proxyless ? proxyless(scope, drs) : sidecar(scope, drs));
        if (proxyless) {
            return new ProxyResources(outbound, InboundResources.NONE, true);
        }
        List<String> addresses = workload == null ? List.of() : workload.addresses();
        InboundResources inbound = inboundCache.computeIfAbsent(
                new InboundKey(new Identity(scope), proxy.namespace(), proxy.labels(), addresses),
                k -> inbound(scope, proxy, workload));
        return new ProxyResources(outbound, inbound, false);
    }

    /**
     * Wire bytes of the outbound config (clusters, endpoints, listeners, routes) that {@code scope} gives one
     * sidecar proxy — the byte size model of generate, whatif and analyze. The scope may come from another index
     * over the same services and endpoints (a proposed set of Sidecars); it is generated once per scope instance.
     */
    public long outboundBytes(SidecarScope scope) {
        Map<String, DestinationRuleIndex.Entry> drs = index.destinationRules(
                new Proxy(ProxyType.SIDECAR, scope.namespace(), Map.of()), scope);
        List<String> drKeys = new ArrayList<>();
        new TreeMap<>(drs).forEach((host, e) -> drKeys.add(host + "=" + e.key()));
        ScopeResources r = scopeCache.computeIfAbsent(new ScopeKey(new Identity(scope), List.copyOf(drKeys), false),
                k -> sidecar(scope, drs));
        long bytes = 0;
        for (XdsType t : XdsType.values()) {
            for (NamedResource n : r.resources(t)) {
                bytes += n.wireBytes();
            }
        }
        return bytes;
    }

    /** The same mesh as if no Sidecar existed (memoised), for scoped-versus-unscoped comparisons. */
    public XdsSnapshot withoutSidecars() {
        XdsSnapshot s = withoutSidecars;
        if (s == null) {
            s = new XdsSnapshot(MeshIndexes.withoutSidecars(index.input()));
            withoutSidecars = s;
        }
        return s;
    }

    /** {@code util.IsAllowAnyOutbound}: only an explicit ALLOW_ANY (mesh dynamic DNS is treated alike). */
    static boolean allowAny(SidecarScope scope) {
        return scope.outboundMode() == OutboundMode.ALLOW_ANY || scope.outboundMode() == OutboundMode.ALLOW_ANY_DYNAMIC_DNS;
    }

    private ScopeResources sidecar(SidecarScope scope, Map<String, DestinationRuleIndex.Entry> drs) {
        boolean allowAny = allowAny(scope);
        ClusterBuilder.Built built = clusters.sidecarOutbound(scope.services(), drs);
        List<NamedResource> cds = new ArrayList<>();
        built.clusters().forEach(c -> cds.add(NamedResource.of(c.getName(), c)));
        for (Cluster c : List.of(ClusterBuilder.blackHole(), ClusterBuilder.passthrough(),
                ClusterBuilder.inboundPassthrough())) {
            cds.add(NamedResource.of(c.getName(), c));
        }
        OutboundListenerBuilder.Built lds = new OutboundListenerBuilder(mesh, endpointIndex, allowAny).build(scope);
        List<NamedResource> listeners = new ArrayList<>();
        for (Listener l : lds.listeners()) {
            listeners.add(NamedResource.of(l.getName(), l));
        }
        RouteBuilder rb = new RouteBuilder(scope, mesh.domainSuffix(), allowAny);
        List<NamedResource> routes = new ArrayList<>();
        for (String name : lds.routeNames()) {
            routes.add(NamedResource.of(name, rb.build(name)));
        }
        return new ScopeResources(cds, assignments(built.eds()), listeners, routes);
    }

    private ScopeResources gateway(SidecarScope scope, Map<String, DestinationRuleIndex.Entry> drs) {
        ClusterBuilder.Built built = clusters.sidecarOutbound(scope.services(), drs);
        List<NamedResource> cds = new ArrayList<>();
        built.clusters().forEach(c -> cds.add(NamedResource.of(c.getName(), c)));
        for (Cluster c : List.of(ClusterBuilder.blackHole(), ClusterBuilder.passthrough())) {
            cds.add(NamedResource.of(c.getName(), c));
        }
        return new ScopeResources(cds, assignments(built.eds()), List.of(), List.of());
    }

    private ScopeResources proxyless(SidecarScope scope, Map<String, DestinationRuleIndex.Entry> drs) {
        ProxylessBuilder.Built b = new ProxylessBuilder(scope, drs, mesh.domainSuffix()).build();
        List<NamedResource> cds = new ArrayList<>();
        b.clusters().forEach(c -> cds.add(NamedResource.of(c.getName(), c)));
        List<NamedResource> listeners = new ArrayList<>();
        b.listeners().forEach(l -> listeners.add(NamedResource.of(l.getName(), l)));
        List<NamedResource> routes = new ArrayList<>();
        for (RouteConfiguration rc : b.routes()) {
            routes.add(NamedResource.of(rc.getName(), rc));
        }
        return new ScopeResources(cds, assignments(b.eds()), listeners, routes);
    }

    private List<NamedResource> assignments(List<ClusterBuilder.EdsTarget> targets) {
        List<NamedResource> out = new ArrayList<>();
        for (ClusterBuilder.EdsTarget t : targets) {
            out.add(assignmentCache.computeIfAbsent(t.cacheKey(), k -> NamedResource.of(t.cluster(),
                    endpoints.assignment(t.cluster(), t.service(), t.port(), t.subsetLabels()))));
        }
        return out;
    }

    private InboundResources inbound(SidecarScope scope, Proxy proxy, Workload workload) {
        List<InboundPorts.Port> ports = InboundPorts.compute(scope, index.ownServices(proxy), workload, mesh,
                endpointIndex);
        InboundBuilder.Built built = new InboundBuilder(mesh).build(ports, workload);
        List<NamedResource> cds = new ArrayList<>();
        built.clusters().forEach(c -> cds.add(NamedResource.of(c.getName(), c)));
        List<NamedResource> lds = new ArrayList<>();
        built.listeners().forEach(l -> lds.add(NamedResource.of(l.getName(), l)));
        return new InboundResources(cds, lds);
    }
}
