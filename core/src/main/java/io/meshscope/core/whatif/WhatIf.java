package io.meshscope.core.whatif;

import io.meshscope.core.deps.CallResolver;
import io.meshscope.core.deps.Caller;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.deps.Resolution;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.core.scope.SidecarSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * For a set of Sidecars (the input's own, or a proposed set), every observed call that would lose its route:
 * the caller's Sidecar is chosen and its scope built exactly as istiod does ({@link MeshIndex}), and a call
 * whose destination that scope does not route goes to {@code BlackHoleCluster} under {@code REGISTRY_ONLY} or
 * {@code PassthroughCluster} otherwise. Also measures every proxy's config with and without Sidecars.
 */
public final class WhatIf {
    private final SizeModel size;

    public WhatIf(SizeModel size) {
        this.size = size;
    }

    /** Evaluates {@code evidence} against {@code input} as it is. */
    public WhatIfReport evaluate(MeshInput input, Evidence evidence) {
        return evaluate(MeshIndex.build(input), evidence);
    }

    /** Evaluates {@code evidence} against the mesh {@code index} was built from. */
    public WhatIfReport evaluate(MeshIndex index, Evidence evidence) {
        return evaluate(index, new CallResolver(index).resolve(evidence));
    }

    /** Evaluates {@code evidence} against {@code input} with its Sidecars replaced by {@code proposed}. */
    public WhatIfReport evaluate(MeshInput input, List<Sidecar> proposed, Evidence evidence) {
        return evaluate(MeshIndex.build(input).withSidecars(proposed), evidence);
    }

    /** Evaluates calls already resolved against the same mesh (services and workloads) as {@code index}. */
    public WhatIfReport evaluate(MeshIndex index, Resolution resolution) {
        RouteTable routes = new RouteTable(index);
        List<BrokenCall> broken = new ArrayList<>();
        for (ResolvedCall call : resolution.calls()) {
            BrokenCall b = check(index, routes, call);
            if (b != null) {
                broken.add(b);
            }
        }
        List<WorkloadSize> sizes = new ArrayList<>();
        for (Caller c : resolution.callers().all()) {
            SidecarSelection sel = index.select(c.proxy());
            long scoped;
            long unscoped;
            if (c.isSidecar()) {
                // A namespace's default scope holds every service exported to it: sized without building it where
                // the model can (building one per namespace is quadratic in the mesh).
                unscoped = size.ofDefaultScope(() -> index.scopeFor(null, c.namespace()), c.proxy(), c.workload());
                scoped = sel.sidecar() == null ? unscoped : size.of(index.scope(c.proxy()), c);
            } else {
                scoped = size.of(index.scope(c.proxy()), c);
                unscoped = scoped;
            }
            String name = sel.sidecar() == null ? null : sel.sidecar().meta().id().nsName();
            sizes.add(new WorkloadSize(c, name, unscoped, scoped));
        }
        return new WhatIfReport(resolution, broken, sizes, size.unit());
    }

    /**
     * The break each call would suffer under {@code index}'s Sidecars (null when it is routed), for many calls
     * against one index: its routing lookups are built once and shared between them.
     */
    public static Function<ResolvedCall, BrokenCall> checker(MeshIndex index) {
        RouteTable routes = new RouteTable(index);
        return call -> check(index, routes, call);
    }

    /** The break a call would suffer under {@code index}'s Sidecars, or null when it is routed. */
    private static BrokenCall check(MeshIndex index, RouteTable routes, ResolvedCall call) {
        Caller c = call.caller();
        SidecarScope scope = routes.routingScope(c.proxy());
        if (routes.routed(scope, call.service(), call.port())) {
            return null;
        }
        OutboundMode mode = scope.outboundMode();
        Outcome outcome = mode == OutboundMode.REGISTRY_ONLY ? Outcome.BLACKHOLE : Outcome.PASSTHROUGH;
        Sidecar sidecar = c.isSidecar() ? index.select(c.proxy()).sidecar() : null;
        if (!index.registry().isVisible(call.service(), c.namespace())) {
            return new BrokenCall(call, outcome, sidecar, null, -1, null, "service " + call.service().hostname()
                    + " in " + call.service().namespace() + " is not exported to namespace " + c.namespace()
                    + " (exportTo); no Sidecar host can import it");
        }
        if (sidecar == null) {
            return new BrokenCall(call, outcome, null, null, -1, null,
                    "not routed although no Sidecar applies; check the service's ports and exportTo");
        }
        EgressScope portListener = Route.listenerFor(scope, call.port());
        if (portListener == null && call.port() == null) {
            portListener = Route.lockingListener(scope, call.service());
        }
        int listener = portListener != null ? portListener.index() : catchAllIndex(sidecar);
        Integer listenerPort = portListener != null ? portListener.listener().matchPort() : null;
        String why = portListener != null
                ? "port " + listenerPort + " has its own egress listener, which does not import the host"
                : "the Sidecar's egress hosts do not import the host";
        return new BrokenCall(call, outcome, sidecar, call.hostLine(), listener, listenerPort, why);
    }

    private static int catchAllIndex(Sidecar sidecar) {
        for (int i = 0; i < sidecar.egress().size(); i++) {
            if (sidecar.egress().get(i) != null && sidecar.egress().get(i).isCatchAll()) {
                return i;
            }
        }
        return -1;
    }
}
