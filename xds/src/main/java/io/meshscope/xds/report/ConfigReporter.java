package io.meshscope.xds.report;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarSelection;
import io.meshscope.core.whatif.SizeModel;
import io.meshscope.xds.EndpointEstimate;
import io.meshscope.xds.XdsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

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

    public ConfigReporter(MeshIndex index) {
        this.index = index;
        this.scoped = XdsSnapshot.forSizing(index);
    }

    public WorkloadReport report(Workload w) {
        ProxyType type = GatewayRecognizer.typeOf(w);
        Proxy proxy = Describer.proxyOf(w, type);
        SidecarSelection sel = index.select(proxy);
        return new WorkloadReport(w, type, Math.max(1, w.replicas()),
                sel.sidecar() == null ? null : sel.sidecar().meta().id().nsName(),
                ConfigSize.of(scoped.resourcesFor(proxy, w, false)),
                ConfigSize.of(unscoped().resourcesFor(proxy, w, false)));
    }

    /** Reports every workload, calling {@code progress} with the count done after each. */
    public List<WorkloadReport> reportAll(List<Workload> workloads, IntConsumer progress) {
        List<WorkloadReport> out = new ArrayList<>(workloads.size());
        for (Workload w : workloads) {
            out.add(report(w));
            progress.accept(out.size());
        }
        return out;
    }

    /**
     * The size model every command uses: {@link ConfigSize#bytes()} of the proxy's resources under any scope
     * over this mesh's services (the input's Sidecars, none, or a proposed set), exactly what {@link #report}
     * gives for the same workload and scope.
     */
    public SizeModel sizeModel() {
        return new SizeModel((scope, proxy, workload) -> ConfigSize.of(scoped.resourcesFor(scope, proxy, workload))
                .bytes(), UNIT, COUNTS);
    }

    /** The services whose endpoints are estimated from replicas (the input has none for them). */
    public EndpointEstimate endpointEstimate() {
        return scoped.endpointEstimate();
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
