package io.meshscope.xds.report;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarSelection;
import io.meshscope.core.whatif.SizeModel;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.xds.DefaultScopeSizer;
import io.meshscope.xds.EndpointEstimate;
import io.meshscope.xds.XdsSnapshot;
import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Sidecar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The size report engine behind {@code report}, MS0004's size figure and {@code generate}'s and {@code whatif}'s
 * sizes — one model for all of them ({@link #sizeModel()}): the wire bytes of every resource a proxy receives,
 * outbound and inbound, with the mesh's Sidecars and without any. Kubernetes services without endpoint sources get
 * endpoints estimated from replicas ({@link EndpointEstimate}), which {@link #endpointEstimate()} lists. Generation
 * is shared per scope, so a report over N workloads costs one generation per distinct scope, not per workload.
 */
public final class ConfigReporter {
    /** The unit of {@link #sizeModel()}. */
    public static final String UNIT = "bytes";
    /** What one figure of {@link #sizeModel()} counts, for labels in every output. */
    public static final String COUNTS = "xDS wire bytes of every resource one proxy receives: clusters, endpoints,"
            + " listeners and routes, inbound included";

    private final MeshIndex index;
    private final XdsSnapshot scoped;
    /** Names each floor's Sidecar apart; atomic, as commands sharing this engine may run side by side. */
    private final AtomicInteger floors = new AtomicInteger();

    public ConfigReporter(MeshIndex index) {
        this.index = index;
        this.scoped = XdsSnapshot.forSizing(index);
    }

    /** {@code w}'s row: its proxies' config with the mesh's Sidecars and without any. */
    public WorkloadReport report(Workload w) {
        return report(w, scopedSize(w));
    }

    /**
     * {@code w}'s row given its {@link #scopedSize}: a caller sizing many workloads can size all of them with
     * Sidecars while the reference for sizes without is built ({@link #prepareUnscoped}), then finish each here.
     */
    public WorkloadReport report(Workload w, ConfigSize scopedSize) {
        ProxyType type = GatewayRecognizer.typeOf(w);
        Proxy proxy = Describer.proxyOf(w, type);
        SidecarSelection sel = index.select(proxy);
        ConfigSize unscopedSize = type == ProxyType.SIDECAR ? defaultScope(unscoped(), proxy, w)
                : ConfigSize.of(unscoped().resourcesFor(proxy, w, false));
        return new WorkloadReport(w, type, Math.max(1, w.replicas()),
                sel.sidecar() == null ? null : sel.sidecar().meta().id().nsName(), scopedSize, unscopedSize);
    }

    /** The config {@code w}'s proxies get with the mesh's Sidecars. */
    public ConfigSize scopedSize(Workload w) {
        ProxyType type = GatewayRecognizer.typeOf(w);
        Proxy proxy = Describer.proxyOf(w, type);
        return index.select(proxy).sidecar() == null && type == ProxyType.SIDECAR
                ? defaultScope(scoped, proxy, w) : ConfigSize.of(scoped.resourcesFor(proxy, w, false));
    }

    /**
     * Builds now what the sizes without Sidecars share — the mesh without Sidecars and, where the sizes add up
     * ({@link DefaultScopeSizer}), its one fully generated default scope: the whole mesh's config, a large part of
     * a report's work and done by one thread, so callers run it beside {@link #scopedSize} instead of after it.
     */
    public void prepareUnscoped() {
        DefaultScopeSizer sizer = unscoped().defaultScopes();
        if (sizer.applies()) {
            sizer.prepare();
        }
    }

    /** The scope a workload's proxies get, and the services it imports (hostname, and the namespace they are of). */
    public record Imports(String scope, List<Imported> services) {
    }

    /** One imported service. */
    public record Imported(String host, String namespace) {
    }

    /**
     * What {@code w}'s proxies import: its scope's name ({@code namespace/sidecar-name}, {@code namespace/default-sidecar}
     * without a Sidecar, prefixed {@code router:} for gateways) and the scope's services, by hostname. The scope is
     * the one the server and {@code describe} compute (memoised per Sidecar and namespace).
     */
    public Imports importsOf(Workload w) {
        ProxyType type = GatewayRecognizer.typeOf(w);
        SidecarScope scope = index.scope(Describer.proxyOf(w, type));
        List<Imported> services = new ArrayList<>(scope.services().size());
        scope.services().forEach(s -> services.add(new Imported(s.hostname(), s.namespace())));
        services.sort(java.util.Comparator.comparing(Imported::host).thenComparing(Imported::namespace));
        return new Imports((type == ProxyType.ROUTER ? "router:" : "") + scope.namespace() + "/" + scope.name(),
                services);
    }

    /**
     * A sidecar proxy's size when no Sidecar applies to it: summed from shared parts where that is exact
     * ({@link DefaultScopeSizer}), since generating every namespace's whole-mesh config is quadratic.
     */
    private static ConfigSize defaultScope(XdsSnapshot snapshot, Proxy proxy, Workload w) {
        DefaultScopeSizer sizer = snapshot.defaultScopes();
        if (!sizer.applies()) {
            return ConfigSize.of(snapshot.resourcesFor(proxy, w, false));
        }
        DefaultScopeSizer.Size s = sizer.sizeOf(proxy, w);
        return new ConfigSize(s.clusters(), s.endpoints(), s.listeners(), s.routes(), s.bytes());
    }

    /**
     * The floor of a sidecar workload: the size of the config its proxy would receive from a Sidecar importing
     * exactly {@code hosts} ({@code namespace/dnsName} lines, as {@code generate} writes them; none imports
     * nothing), built by the real scope engine over the mesh without its Sidecars. Null for gateways, which
     * Sidecars do not scope.
     */
    public ConfigSize floor(Workload w, Collection<String> hosts) {
        ProxyType type = GatewayRecognizer.typeOf(w);
        if (type != ProxyType.SIDECAR) {
            return null;
        }
        List<String> sorted = new ArrayList<>(new TreeSet<>(hosts));
        if (sorted.isEmpty()) {
            sorted.add("~/*"); // an egress listener must list a host: this one imports nothing
        }
        // A distinct name per call: the index memoises scopes per (Sidecar, namespace).
        ObjectMeta meta = ObjectMeta.of("Sidecar", w.namespace(), "meshscope-floor-" + floors.getAndIncrement());
        Sidecar exact = new Sidecar(meta, null, List.of(),
                List.of(new EgressListener(null, "", CaptureMode.DEFAULT, sorted)), null, null);
        SidecarScope scope = unscoped().index().scopeFor(exact, w.namespace());
        return ConfigSize.of(scoped.resourcesFor(scope, Describer.proxyOf(w, type), w));
    }

    /**
     * {@link #sizeModel()} of the engine {@code reporter} gives, asked for (and so built) only when a first size is:
     * building the engine indexes every endpoint and builds the shared resources, which analyzers that size no
     * config need not wait for. {@code reporter} is called once.
     */
    public static SizeModel sizeModelOf(Supplier<ConfigReporter> reporter) {
        Supplier<SizeModel> model = new Supplier<>() {
            private volatile SizeModel built;

            @Override
            public SizeModel get() {
                SizeModel m = built;
                if (m == null) {
                    synchronized (this) {
                        if (built == null) {
                            built = reporter.get().sizeModel();
                        }
                        m = built;
                    }
                }
                return m;
            }
        };
        return new SizeModel((scope, proxy, workload) -> model.get().of(scope, proxy, workload), UNIT, COUNTS,
                (proxy, workload) -> model.get().defaultScope().of(proxy, workload));
    }

    /**
     * The size model every command uses: {@link ConfigSize#bytes()} of the proxy's resources under any scope
     * over this mesh's services (the input's Sidecars, none, or a proposed set), exactly what {@link #report}
     * gives for the same workload and scope.
     */
    public SizeModel sizeModel() {
        return new SizeModel((scope, proxy, workload) -> isDefault(scope) && proxy.type() == ProxyType.SIDECAR
                ? defaultScope(scoped, proxy, workload).bytes()
                : ConfigSize.of(scoped.resourcesFor(scope, proxy, workload)).bytes(), UNIT, COUNTS,
                (proxy, workload) -> proxy.type() == ProxyType.SIDECAR && scoped.defaultScopes().applies()
                        ? scoped.defaultScopes().sizeOf(proxy, workload).bytes() : -1);
    }

    /** A scope no Sidecar shapes: every service exported to the namespace, through the implicit catch-all. */
    private static boolean isDefault(SidecarScope scope) {
        return scope.sidecar() == null && scope.name().equals(SidecarScope.DEFAULT_NAME) && scope.egress().size() == 1
                && scope.egress().get(0).listener().equals(EgressListener.catchAllImportEverything());
    }

    /** The services whose endpoints are estimated from replicas (the input has none for them). */
    public EndpointEstimate endpointEstimate() {
        return scoped.endpointEstimate();
    }

    /** The index every size here is of. */
    public MeshIndex index() {
        return index;
    }

    /** The scoped snapshot (with the mesh's Sidecars). */
    public XdsSnapshot scoped() {
        return scoped;
    }

    /** The same mesh as if no Sidecar existed. */
    public XdsSnapshot unscoped() {
        return scoped.withoutSidecars();
    }
}
