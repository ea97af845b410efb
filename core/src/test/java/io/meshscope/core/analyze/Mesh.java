package io.meshscope.core.analyze;

import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.EgressProxy;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.OutboundTrafficPolicy;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.model.WorkloadSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test-only builder for a {@link MeshInput} of Namespaces, Pods (and other workloads) and Sidecars. */
final class Mesh {
    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final List<Sidecar> sidecars = new ArrayList<>();
    private final List<Diagnostic> problems = new ArrayList<>();

    static Mesh mesh() {
        return new Mesh();
    }

    static ObjectMeta meta(String kind, String ns, String name, Map<String, String> labels,
                           Map<String, String> annotations) {
        return new ObjectMeta(new ResourceId(kind, ns, name), labels, annotations, 0,
                new SourceLocation(ns + "-" + name + ".yaml", 1, 1), Map.of());
    }

    Mesh namespace(String name, Map<String, String> labels) {
        namespaces.add(new Namespace(meta("Namespace", "", name, labels, Map.of())));
        return this;
    }

    Mesh pod(String ns, String name, Map<String, String> labels) {
        return pod(ns, name, labels, Map.of());
    }

    Mesh pod(String ns, String name, Map<String, String> labels, Map<String, String> annotations) {
        return workload(WorkloadKind.POD, ns, name, labels, annotations);
    }

    Mesh workload(WorkloadKind kind, String ns, String name, Map<String, String> labels,
                  Map<String, String> annotations) {
        workloads.add(new Workload(meta(kind.kindName(), ns, name, labels, annotations), kind, labels, annotations,
                1, List.of(), List.of()));
        return this;
    }

    /** A Sidecar without {@code workloadSelector}. */
    Mesh sidecar(String ns, String name) {
        return sidecar(sidecarOf(ns, name, null));
    }

    /** A Sidecar with {@code workloadSelector.labels} (an empty map is {@code workloadSelector: {}}). */
    Mesh sidecar(String ns, String name, Map<String, String> selector) {
        return sidecar(sidecarOf(ns, name, new WorkloadSelector(selector)));
    }

    Mesh sidecar(Sidecar s) {
        sidecars.add(s);
        return this;
    }

    static Sidecar sidecarOf(String ns, String name, WorkloadSelector selector) {
        return sidecarOf(meta("Sidecar", ns, name, Map.of(), Map.of()), selector, null, List.of("./*"));
    }

    static Sidecar sidecarOf(ObjectMeta meta, WorkloadSelector selector, OutboundTrafficPolicy otp,
                             List<String> hosts) {
        return new Sidecar(meta, selector, List.of(), List.of(new EgressListener(null, "", null, hosts)), otp, null);
    }

    static OutboundTrafficPolicy egressProxy() {
        return new OutboundTrafficPolicy(null, new EgressProxy("egress.example.com", null, 443L));
    }

    /** A problem the decoder noted about the input. */
    Mesh problem(Diagnostic d) {
        problems.add(d);
        return this;
    }

    MeshInput build() {
        return new MeshInput(MeshConfig.defaults(), namespaces, List.of(), List.of(), List.of(), workloads, sidecars,
                List.of(), List.of(), problems, Map.of(), namespaces.size() + workloads.size() + sidecars.size());
    }
}
