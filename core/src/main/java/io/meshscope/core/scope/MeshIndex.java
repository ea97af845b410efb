package io.meshscope.core.scope;

import io.meshscope.core.authn.PeerAuthentications;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServiceRegistry;
import io.meshscope.core.registry.VirtualServiceIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The immutable, indexed view of one mesh input — meshscope's counterpart of istiod's {@code PushContext}.
 * Everything a command, an admin endpoint or the server asks about scoping goes through here.
 *
 * <p>Scopes are memoised per (Sidecar, namespace) — not per proxy — so the thousands of proxies that share a
 * namespace default share one {@link SidecarScope}. The memo is the only mutable state; its values are pure
 * functions of the input, so concurrent callers can at worst compute one twice.
 */
public final class MeshIndex {
    /** Distinct proxy identities whose scope is memoised; beyond it scopes are looked up each time (still right). */
    private static final int MAX_MEMOISED_PROXIES = 100_000;
    private final MeshInput input;
    private final ServiceRegistry registry;
    private final VirtualServiceIndex virtualServices;
    private final DestinationRuleIndex destinationRules;
    private final SidecarIndex sidecars;
    private final ScopeBuilder builder;
    private final PushPolicy pushPolicy;
    private final PeerAuthentications peerAuthentications;
    private final Map<String, SidecarScope> scopes;
    /**
     * Memo of {@link #scope(Proxy)}: the server asks it for every connected identity on every endpoint change,
     * and choosing a Sidecar scans the namespace's Sidecars. Bounded, as identities come from the network.
     */
    private final Map<Proxy, SidecarScope> scopesByProxy;
    private volatile Map<String, List<MeshService>> selectingByNamespace;

    private MeshIndex(MeshInput input) {
        this.input = input;
        MeshConfig mesh = input.meshConfig();
        this.registry = ServiceRegistry.build(input);
        this.virtualServices = VirtualServiceIndex.build(input.virtualServices(), mesh);
        this.destinationRules = DestinationRuleIndex.build(input.destinationRules(), mesh);
        this.sidecars = new SidecarIndex(input.sidecars(), mesh.rootNamespace());
        this.builder = new ScopeBuilder(mesh, registry, virtualServices, destinationRules);
        this.pushPolicy = new PushPolicy(mesh.rootNamespace());
        this.peerAuthentications = new PeerAuthentications(input.peerAuthentications(), mesh.rootNamespace());
        this.scopes = new ConcurrentHashMap<>();
        this.scopesByProxy = new ConcurrentHashMap<>();
    }

    /**
     * An index of {@code input}, which differs from {@code shared}'s input in endpoint groups, Pods and
     * WorkloadEntries only (checked by {@link EndpointUpdate}). Endpoints are not part of any scope, registry or
     * rule index, so all of them — and the scope memo, whose values stay valid — are shared instead of rebuilt:
     * the server's endpoint path then recomputes no scope at all.
     */
    private MeshIndex(MeshIndex shared, MeshInput input) {
        this.input = input;
        this.registry = shared.registry;
        this.virtualServices = shared.virtualServices;
        this.destinationRules = shared.destinationRules;
        this.sidecars = shared.sidecars;
        this.builder = shared.builder;
        this.pushPolicy = shared.pushPolicy;
        this.peerAuthentications = shared.peerAuthentications;
        this.scopes = shared.scopes;
        this.scopesByProxy = shared.scopesByProxy;
        this.selectingByNamespace = shared.selectingByNamespace;
    }

    /**
     * An index of the same input with other Sidecars: the registry, rule indexes and PeerAuthentications do not
     * depend on Sidecars, so they are shared instead of rebuilt; only Sidecar selection and the scope memos are new.
     */
    private MeshIndex(MeshIndex shared, List<Sidecar> sidecars) {
        this.input = shared.input.withSidecars(sidecars);
        this.registry = shared.registry;
        this.virtualServices = shared.virtualServices;
        this.destinationRules = shared.destinationRules;
        this.sidecars = new SidecarIndex(sidecars, input.meshConfig().rootNamespace());
        this.builder = shared.builder;
        this.pushPolicy = shared.pushPolicy;
        this.peerAuthentications = shared.peerAuthentications;
        this.scopes = new ConcurrentHashMap<>();
        this.scopesByProxy = new ConcurrentHashMap<>();
        this.selectingByNamespace = shared.selectingByNamespace;
    }

    /**
     * This mesh with {@code sidecars} instead of its own Sidecars (none: what every proxy would get without
     * Sidecars), sharing every part of this index that does not depend on them: its services are the same
     * {@link MeshService} instances, so per-service results computed for one index hold for the other.
     */
    public MeshIndex withSidecars(List<Sidecar> sidecars) {
        return new MeshIndex(this, List.copyOf(sidecars));
    }

    /** This index over {@code input}, which must differ from {@link #input()} in endpoints only. */
    MeshIndex withEndpoints(MeshInput input) {
        return new MeshIndex(this, input);
    }

    public static MeshIndex build(MeshInput input) {
        return new MeshIndex(input);
    }

    /** The input's PeerAuthentications, asked for a workload port's effective mTLS mode. */
    public PeerAuthentications peerAuthentications() {
        return peerAuthentications;
    }

    public MeshInput input() {
        return input;
    }

    public MeshConfig mesh() {
        return input.meshConfig();
    }

    public ServiceRegistry registry() {
        return registry;
    }

    /**
     * Whether every namespace's default scope (no Sidecar) imports the same services: then one of them routes
     * every Sidecar-less proxy's calls as its own would (see {@code ScopeBuilder.defaultImportsAlike}).
     */
    public boolean defaultScopesImportAlike() {
        return builder.defaultImportsAlike();
    }

    public VirtualServiceIndex virtualServices() {
        return virtualServices;
    }

    public PushPolicy pushPolicy() {
        return pushPolicy;
    }

    /** Which Sidecar applies to the proxy. Gateways never use one: every candidate is reported as shadowed. */
    public SidecarSelection select(Proxy proxy) {
        SidecarSelection s = sidecars.select(proxy.namespace(), proxy.labels());
        if (proxy.type() == ProxyType.ROUTER) {
            List<SidecarSelection.Shadowed> ignored = new ArrayList<>();
            String why = "gateways (router proxies) ignore Sidecar resources";
            if (s.sidecar() != null) {
                ignored.add(new SidecarSelection.Shadowed(s.sidecar(), why));
            }
            s.shadowed().forEach(x -> ignored.add(new SidecarSelection.Shadowed(x.sidecar(), why)));
            return new SidecarSelection(null, SelectedBy.NONE, ignored);
        }
        return s;
    }

    /** The proxy's scope; shared with every proxy of the same type, namespace and applied Sidecar. */
    public SidecarScope scope(Proxy proxy) {
        SidecarScope known = scopesByProxy.get(proxy);
        if (known != null) {
            return known;
        }
        SidecarScope s = selectScope(proxy);
        if (scopesByProxy.size() < MAX_MEMOISED_PROXIES) {
            scopesByProxy.putIfAbsent(proxy, s);
        }
        return s;
    }

    private SidecarScope selectScope(Proxy proxy) {
        if (proxy.type() == ProxyType.ROUTER) {
            return scopes.computeIfAbsent("router|" + proxy.namespace(), k -> builder.forGateway(proxy.namespace()));
        }
        return scopeFor(select(proxy).sidecar(), proxy.namespace());
    }

    /** The scope a Sidecar (null: none) gives sidecar proxies of {@code namespace}. */
    public SidecarScope scopeFor(Sidecar sidecar, String namespace) {
        String key = (sidecar == null ? "-" : sidecar.meta().id().nsName()) + "|" + namespace;
        return scopes.computeIfAbsent(key, k -> builder.forSidecar(sidecar, namespace));
    }

    /** The DestinationRule the proxy uses for each scope service that has one (hostname → rule). */
    public Map<String, DestinationRuleIndex.Entry> destinationRules(Proxy proxy, SidecarScope scope) {
        Map<String, DestinationRuleIndex.Entry> out = new LinkedHashMap<>();
        for (MeshService s : scope.services()) {
            DestinationRuleIndex.Entry e = destinationRules.select(proxy.namespace(), proxy.labels(), s.hostname(),
                    s.namespace());
            if (e != null) {
                out.put(s.hostname(), e);
            }
        }
        return out;
    }

    /** The proxy's own services: those in its namespace whose selector matches its labels. */
    public List<MeshService> ownServices(Proxy proxy) {
        List<MeshService> out = new ArrayList<>();
        for (MeshService s : selectingServicesByNamespace().getOrDefault(proxy.namespace(), List.of())) {
            if (Labels.selects(s.selector(), proxy.labels())) {
                out.add(s);
            }
        }
        return out;
    }

    /** Services with a selector, by namespace: built once, so push decisions do not scan the whole registry. */
    private Map<String, List<MeshService>> selectingServicesByNamespace() {
        Map<String, List<MeshService>> m = selectingByNamespace;
        if (m == null) {
            m = new java.util.HashMap<>();
            for (MeshService s : registry.all()) {
                if (!s.selector().isEmpty()) {
                    m.computeIfAbsent(s.namespace(), n -> new ArrayList<>()).add(s);
                }
            }
            selectingByNamespace = m;
        }
        return m;
    }

    /** Whether a change must be pushed to the proxy, comparing with its scope under {@code previous} (or none). */
    public boolean needsPush(Proxy proxy, MeshIndex previous, List<ConfigKey> changes, boolean forced) {
        SidecarScope prevScope = previous == null ? null : previous.scope(proxy);
        return pushPolicy.needsPush(proxy, scope(proxy), prevScope, changes, forced, ownServices(proxy));
    }

    /** The DestinationRule index (client namespace → service namespace → root lookups). */
    public DestinationRuleIndex destinationRuleIndex() {
        return destinationRules;
    }
}
