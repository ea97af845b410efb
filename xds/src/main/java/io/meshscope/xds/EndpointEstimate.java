package io.meshscope.xds;

import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.registry.TargetPorts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Endpoints estimated for Kubernetes services the input gives none for: manifests from Git have no
 * EndpointSlices, Endpoints or Pods, so a selector service would otherwise have no endpoints at all and every size
 * figure would miss its EDS entries. Each workload the service selects (a controller's pod template, or a Pod
 * without an IP) stands for {@code replicas} endpoints, as the Kubernetes endpoint controller would create (a
 * Deployment's {@code spec.replicas} defaults to 1; 0 gives none). Addresses are placeholders from the
 * benchmarking range 198.18.0.0/15 (RFC 2544), sequential in workload id order, so the size of an estimated
 * endpoint is that of a real IPv4 one and the result is deterministic. Only size reports use this
 * ({@link XdsSnapshot#forSizing}); config dumps and the control plane never send invented addresses.
 */
public final class EndpointEstimate {
    /** No estimate: a service without endpoint sources has no endpoints. */
    static final EndpointEstimate NONE = new EndpointEstimate(Map.of());

    private static final int RANGE_SIZE = 1 << 17;

    /** Per estimated service ({@code namespace/name}): the selected workloads and the first address of each. */
    private final Map<String, List<Share>> byService;

    /** One selected workload of an estimated service and where its placeholder addresses start. */
    private record Share(Workload workload, int replicas, int firstAddress) {
    }

    /** One service whose endpoints are estimated, and how many. */
    public record Estimated(String service, int endpoints) {
    }

    private EndpointEstimate(Map<String, List<Share>> byService) {
        this.byService = byService;
    }

    /** The estimate for every selector service of {@code input} without EndpointSlices, Endpoints or Pod IPs. */
    public static EndpointEstimate fromReplicas(MeshInput input) {
        Set<String> withGroups = new HashSet<>();
        for (EndpointGroup g : input.endpoints()) {
            withGroups.add(g.meta().namespace() + "/" + g.serviceName());
        }
        List<Workload> candidates = ProxyWorkloads.of(input).stream()
                .filter(w -> w.kind() != WorkloadKind.WORKLOAD_ENTRY).toList();
        Map<Workload, Integer> first = new IdentityHashMap<>();
        int next = 0;
        for (Workload w : candidates) {
            first.put(w, next);
            next += Math.max(0, w.replicas());
        }
        Map<String, List<Workload>> byNamespace = new HashMap<>();
        input.workloads().forEach(w -> byNamespace.computeIfAbsent(w.namespace(), n -> new ArrayList<>()).add(w));
        Map<String, List<Share>> out = new TreeMap<>();
        for (KubeService s : input.services()) {
            String id = s.meta().namespace() + "/" + s.meta().name();
            List<Workload> local = byNamespace.getOrDefault(s.meta().namespace(), List.of());
            if (s.selector().isEmpty() || !s.externalName().isEmpty() || withGroups.contains(id)
                    || selectsPodWithAddress(local, s)) {
                continue;
            }
            List<Share> shares = new ArrayList<>();
            for (Workload w : local) {
                if (first.containsKey(w) && w.addresses().isEmpty() && Labels.selects(s.selector(), w.labels())) {
                    shares.add(new Share(w, Math.max(0, w.replicas()), first.get(w)));
                }
            }
            if (!shares.isEmpty()) {
                out.put(id, List.copyOf(shares));
            }
        }
        return new EndpointEstimate(out);
    }

    /** Whether the input has real endpoints for the service: a Pod with an IP that it selects. */
    private static boolean selectsPodWithAddress(List<Workload> namespace, KubeService s) {
        for (Workload w : namespace) {
            if (w.kind() == WorkloadKind.POD && !w.addresses().isEmpty() && Labels.selects(s.selector(), w.labels())) {
                return true;
            }
        }
        return false;
    }

    /** The estimated services, sorted, with their endpoint counts (services whose selected workloads have 0 replicas included). */
    public List<Estimated> services() {
        List<Estimated> out = new ArrayList<>();
        byService.forEach((id, shares) -> out.add(new Estimated(id,
                shares.stream().mapToInt(Share::replicas).sum())));
        return out;
    }

    /** Whether nothing is estimated. */
    public boolean isEmpty() {
        return byService.isEmpty();
    }

    /**
     * Adds the estimated endpoints of a Kubernetes service port to {@code out} (nothing when the service has real
     * endpoint sources): one per replica, on the port the workload listens on.
     */
    void add(MeshService svc, ServicePort port, List<EndpointIndex.Ep> out, EndpointIndex index) {
        List<Share> shares = byService.get(svc.namespace() + "/" + svc.source().name());
        if (shares == null) {
            return;
        }
        int number = TargetPorts.numericTarget(port);
        for (Share s : shares) {
            for (int i = 0; i < s.replicas(); i++) {
                out.add(index.endpointOf(s.workload(), address(s.firstAddress() + i), number));
            }
        }
    }

    /** The n-th placeholder address of 198.18.0.0/15 (wrapping, which only matters past 131,072 proxies). */
    static String address(int n) {
        int k = Math.floorMod(n, RANGE_SIZE);
        return "198." + (18 + (k >> 16)) + "." + ((k >> 8) & 0xff) + "." + (k & 0xff);
    }
}
