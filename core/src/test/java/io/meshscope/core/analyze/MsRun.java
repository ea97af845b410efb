package io.meshscope.core.analyze;

import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers for the meshscope analyzers: run one, add Namespaces and workloads the scope fixtures lack. */
final class MsRun {
    private MsRun() {
    }

    static List<AnalysisMessage> run(Analyzer a, MeshInput in) {
        return Analysis.run(in, List.of(a));
    }

    static List<String> codes(List<AnalysisMessage> messages) {
        return messages.stream().map(AnalysisMessage::code).toList();
    }

    static Namespace namespace(String name, Map<String, String> labels) {
        return new Namespace(new ObjectMeta(new ResourceId("Namespace", "", name), labels, Map.of(), 0,
                new SourceLocation("ns.yaml", 1, 1), Map.of()));
    }

    static Workload workload(WorkloadKind kind, String ns, String name, Map<String, String> labels,
                             Map<String, String> annotations) {
        return new Workload(new ObjectMeta(new ResourceId(kind.kindName(), ns, name), labels, annotations, 0,
                new SourceLocation(ns + "-" + name + ".yaml", 1, 1), Map.of()), kind, labels, annotations, 1,
                List.of(), List.of());
    }

    /** A Kubernetes Service with one port whose targetPort differs from the port. */
    static KubeService service(String ns, String name, int port, int targetPort) {
        return new KubeService(new ObjectMeta(new ResourceId("Service", ns, name), Map.of(), Map.of(), 0,
                new SourceLocation(ns + "-" + name + ".yaml", 1, 1), Map.of()),
                List.of(new KubeService.KubePort("http", port, "TCP", String.valueOf(targetPort), null)), null,
                "10.0.0.9", null, Map.of("app", name));
    }

    static MeshInput withNamespaces(MeshInput in, Namespace... namespaces) {
        List<Namespace> all = new ArrayList<>(in.namespaces());
        all.addAll(List.of(namespaces));
        return new MeshInput(in.meshConfig(), all, in.services(), in.serviceEntries(), in.endpoints(), in.workloads(),
                in.sidecars(), in.virtualServices(), in.destinationRules(), in.problems(), in.skippedKinds(),
                in.documents());
    }

    static MeshInput withWorkloads(MeshInput in, Workload... workloads) {
        List<Workload> all = new ArrayList<>(in.workloads());
        all.addAll(List.of(workloads));
        return new MeshInput(in.meshConfig(), in.namespaces(), in.services(), in.serviceEntries(), in.endpoints(), all,
                in.sidecars(), in.virtualServices(), in.destinationRules(), in.problems(), in.skippedKinds(),
                in.documents());
    }
}
