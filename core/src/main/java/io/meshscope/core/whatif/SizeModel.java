package io.meshscope.core.whatif;

import io.meshscope.core.deps.Caller;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.SidecarScope;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * How big the config one proxy receives under a scope is, in what unit, and what it counts — the one measure
 * report, generate's {@code auto} strategy, whatif's "saved" and MS0004 give. A proxy's config depends on its
 * scope and on the proxy itself (its DestinationRule selection, its inbound listeners and clusters), so the
 * measure takes both. The command line always uses the xDS report engine's bytes (every resource the proxy
 * receives: clusters, endpoints, listeners, routes, inbound included); {@link #CLUSTERS} is the core's
 * dependency-free stand-in for tests and embedders without the xDS module.
 *
 * @param unit   the unit figures are printed in ({@code bytes}, {@code clusters})
 * @param counts what one figure counts, for labels in text and JSON output
 */
public record SizeModel(Measure measure, String unit, String counts, DefaultScopeMeasure defaultScope) {
    /** Outbound clusters: the sum of service ports over {@link SidecarScope#services()}, UDP ports excluded. */
    public static final SizeModel CLUSTERS = new SizeModel((scope, proxy, workload) -> clusters(scope), "clusters",
            "outbound clusters: one per service port of the scope, UDP skipped");

    /** The size of the config one proxy receives. */
    @FunctionalInterface
    public interface Measure {
        /**
         * @param scope    the proxy's scope (may come from a proposed set of Sidecars over the same services)
         * @param proxy    the proxy as scoping sees it
         * @param workload the workload the proxy belongs to (its addresses and ports shape the inbound side)
         */
        long of(SidecarScope scope, Proxy proxy, Workload workload);
    }

    /**
     * The size of a sidecar proxy's config when no Sidecar applies to it (its namespace's default scope),
     * computed without that scope; null when the model has no such shortcut and needs the scope. A default
     * scope holds every service exported to the namespace: building one per namespace is quadratic in the mesh.
     */
    @FunctionalInterface
    public interface DefaultScopeMeasure {
        /** The size, or a negative value when this proxy needs its scope after all. */
        long of(Proxy proxy, Workload workload);
    }

    public SizeModel {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(counts, "counts");
    }

    /** A model that measures default scopes like any other (from the scope). */
    public SizeModel(Measure measure, String unit, String counts) {
        this(measure, unit, counts, null);
    }

    /** A model that depends on the scope only (tests and simple embedders); it counts what its unit says. */
    public SizeModel(ToLongFunction<SidecarScope> perScope, String unit) {
        this((scope, proxy, workload) -> perScope.applyAsLong(scope), unit, unit + " of the scope");
    }

    /** The size of the config {@code proxy} of {@code workload} receives under {@code scope}. */
    public long of(SidecarScope scope, Proxy proxy, Workload workload) {
        return measure.of(scope, proxy, workload);
    }

    /**
     * The size of the config a sidecar proxy receives under its namespace's default scope, which is only built
     * (through {@code scope}) when the model has no shortcut for it.
     */
    public long ofDefaultScope(Supplier<SidecarScope> scope, Proxy proxy, Workload workload) {
        long v = defaultScope == null ? -1 : defaultScope.of(proxy, workload);
        return v >= 0 ? v : measure.of(scope.get(), proxy, workload);
    }

    /** The size of the config one proxy of {@code caller} receives under {@code scope}. */
    public long of(SidecarScope scope, Caller caller) {
        return measure.of(scope, caller.proxy(), caller.workload());
    }

    static long clusters(SidecarScope scope) {
        long n = 0;
        for (MeshService s : scope.services()) {
            for (ServicePort p : s.ports()) {
                if (!"UDP".equals(p.protocol().toUpperCase(Locale.ROOT))) {
                    n++;
                }
            }
        }
        return n;
    }
}
