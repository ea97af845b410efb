package io.meshscope.xds.report;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarSelection;
import io.meshscope.xds.XdsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The size report engine behind {@code report}, the analyzers' size figures and {@code generate}'s choices:
 * for a workload, its proxy's generated config with the mesh's Sidecars and without any. Generation is shared
 * per scope, so a report over N workloads costs one generation per distinct scope, not per workload.
 */
public final class ConfigReporter {
    private final MeshIndex index;
    private final XdsSnapshot scoped;
    private final XdsSnapshot unscoped;

    public ConfigReporter(MeshIndex index) {
        this.index = index;
        this.scoped = XdsSnapshot.build(index);
        this.unscoped = scoped.withoutSidecars();
    }

    public WorkloadReport report(Workload w) {
        ProxyType type = GatewayRecognizer.typeOf(w);
        Proxy proxy = Describer.proxyOf(w, type);
        SidecarSelection sel = index.select(proxy);
        return new WorkloadReport(w, type, Math.max(1, w.replicas()),
                sel.sidecar() == null ? null : sel.sidecar().meta().id().nsName(),
                ConfigSize.of(scoped.resourcesFor(proxy, w, false)),
                ConfigSize.of(unscoped.resourcesFor(proxy, w, false)));
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

    /** The scoped snapshot (with the mesh's Sidecars). */
    public XdsSnapshot scoped() {
        return scoped;
    }

    /** The same mesh as if no Sidecar existed. */
    public XdsSnapshot unscoped() {
        return unscoped;
    }
}
