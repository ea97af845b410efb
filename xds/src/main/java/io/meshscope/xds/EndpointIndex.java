package io.meshscope.xds;

import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.Locality;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.registry.TargetPorts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mesh's endpoint sources indexed once per snapshot, answering "which (address, port, labels, locality,
 * weight) does this service port have" the way istiod's service registries do: EndpointSlices/Endpoints for
 * Kubernetes services (falling back to the Pods the selector picks when no slice exists), WorkloadEntries a
 * selector picks, and a ServiceEntry's inline endpoints (or, for DNS resolution without endpoints, the host).
 */
final class EndpointIndex {
    /**
     * One endpoint before grouping; {@code address} may be a hostname for DNS clusters. {@code tlsMode} and
     * {@code identity} are {@link EndpointIdentity}'s ("" when not mTLS-capable or unknown); {@code namespace} is
     * the workload's, which its PeerAuthentication is looked up in.
     */
    record Ep(String address, int port, Map<String, String> labels, String region, String zone, String subZone,
              int weight, String tlsMode, String identity, String namespace) {
        /** An endpoint of no known workload: plaintext, no identity. */
        Ep(String address, int port, Map<String, String> labels, String region, String zone, String subZone,
           int weight) {
            this(address, port, labels, region, zone, subZone, weight, "", "", "");
        }

        /** Whether istiod would mark it for mTLS ({@code AppendLbEndpointMetadata}: any mode but disabled). */
        boolean mtlsCapable() {
            return !tlsMode.isEmpty() && !tlsMode.equals("disabled");
        }
    }

    /** Sorted by id within each service. Never changed after construction, so an endpoint update may share it. */
    private final Map<String, List<EndpointGroup>> groupsByService;
    private final Map<String, List<Workload>> workloadsByNamespace;
    private final Map<String, Workload> podsByName;
    private final Map<String, Workload> podsByIp;
    private final Map<ResourceId, KubeService> kubeServices;
    private final Map<ResourceId, ServiceEntry> serviceEntries;
    /** Memo: namespace + selector → the only controller it selects (empty if none or several). */
    private final Map<String, Optional<Workload>> onlyController = new ConcurrentHashMap<>();
    /** Memo: service → the sorted SPIFFE identities of its endpoints and ServiceEntry SANs. */
    private final Map<String, List<String>> serviceAccounts = new ConcurrentHashMap<>();
    /** Endpoints for services without any endpoint source ({@link EndpointEstimate#NONE} but for size reports). */
    private final EndpointEstimate estimate;
    private final EndpointIdentity identity;

    EndpointIndex(MeshInput input) {
        this(input, EndpointEstimate.NONE);
    }

    EndpointIndex(MeshInput input, EndpointEstimate estimate) {
        this.estimate = estimate;
        this.identity = new EndpointIdentity(input, input.meshConfig().trustDomain());
        this.groupsByService = groupsByService(input.endpoints());
        this.workloadsByNamespace = new HashMap<>();
        this.podsByName = new HashMap<>();
        this.podsByIp = new HashMap<>();
        List<Workload> workloads = new ArrayList<>(input.workloads());
        workloads.sort(Comparator.comparing(Workload::id));
        for (Workload w : workloads) {
            workloadsByNamespace.computeIfAbsent(w.namespace(), n -> new ArrayList<>()).add(w);
            if (w.kind() == WorkloadKind.POD) {
                podsByName.put(key(w.namespace(), w.name()), w);
                w.addresses().forEach(ip -> podsByIp.putIfAbsent(ip, w));
            }
        }
        this.kubeServices = new HashMap<>();
        this.serviceEntries = new HashMap<>();
        input.services().forEach(s -> kubeServices.put(s.id(), s));
        input.serviceEntries().forEach(s -> serviceEntries.put(s.id(), s));
    }

    /** The index of an endpoint update ({@link #withEndpoints}): {@code groups} rebuilt, the rest shared. */
    private EndpointIndex(EndpointIndex shared, Map<String, List<EndpointGroup>> groups) {
        this.estimate = shared.estimate;
        this.identity = shared.identity;
        this.groupsByService = groups;
        this.workloadsByNamespace = shared.workloadsByNamespace;
        this.podsByName = shared.podsByName;
        this.podsByIp = shared.podsByIp;
        this.kubeServices = shared.kubeServices;
        this.serviceEntries = shared.serviceEntries;
    }

    /**
     * This index after an endpoint update that changed only the groups of {@code changed}'s services
     * ({@code namespace/name} → their groups now; no Pod or WorkloadEntry moved, nothing else changed:
     * {@code EndpointUpdate}). Only those services' groups are taken over; the rest, workloads included, is
     * shared. An endpoint change then costs what it touches instead of sorting the mesh's endpoints and workloads
     * again.
     */
    EndpointIndex withEndpoints(Map<String, List<EndpointGroup>> changed) {
        Map<String, List<EndpointGroup>> groups = new HashMap<>(groupsByService);
        changed.forEach((service, now) -> {
            if (now.isEmpty()) {
                groups.remove(service);
            } else {
                groups.put(service, byId(now));
            }
        });
        return new EndpointIndex(this, groups);
    }

    /** Groups by {@code namespace/service}, sorted by id within each. */
    private static Map<String, List<EndpointGroup>> groupsByService(List<EndpointGroup> all) {
        Map<String, List<EndpointGroup>> out = new HashMap<>();
        for (EndpointGroup g : all) {
            out.computeIfAbsent(key(g.meta().namespace(), g.serviceName()), k -> new ArrayList<>()).add(g);
        }
        out.replaceAll((service, groups) -> byId(groups));
        return out;
    }

    private static List<EndpointGroup> byId(List<EndpointGroup> groups) {
        List<EndpointGroup> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparing((EndpointGroup g) -> g.meta().id()));
        return sorted;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** Every endpoint of a service port, in a stable order (not yet filtered to IP literals or subsets). */
    List<Ep> endpoints(MeshService svc, ServicePort port) {
        List<Ep> out = new ArrayList<>();
        if (svc.isKubernetes()) {
            kubernetes(svc, port, out);
        } else {
            serviceEntry(svc, port, out);
        }
        return out;
    }

    private void kubernetes(MeshService svc, ServicePort port, List<Ep> out) {
        if (svc.resolution() == MeshService.Resolution.DNS_LB) {
            // ExternalName: the kube controller resolves to the external name itself.
            KubeService ks = kubeServices.get(svc.source());
            if (ks != null && !ks.externalName().isEmpty()) {
                out.add(new Ep(ks.externalName(), port.port(), Map.of(), "", "", "", 1));
            }
            return;
        }
        List<EndpointGroup> groups = groupsByService.getOrDefault(key(svc.namespace(), svc.source().name()), List.of());
        if (!groups.isEmpty()) {
            for (EndpointGroup g : groups) {
                int number = groupPort(g, port);
                if (number <= 0) {
                    continue;
                }
                for (EndpointGroup.Address a : g.addresses()) {
                    // istiod does not send unready endpoints (PILOT_SEND_UNHEALTHY_ENDPOINTS defaults to false).
                    if (a.ready()) {
                        Workload w = workloadOf(svc, a);
                        out.add(w == null ? new Ep(a.ip(), number, Map.of(), "", a.zone(), "", 1)
                                : new Ep(a.ip(), number, w.labels(), "", a.zone(), "", 1, identity.tlsMode(w),
                                        identity.spiffe(w.namespace(), w.serviceAccount()), w.namespace()));
                    }
                }
            }
        } else {
            selected(svc, port, WorkloadKind.POD, out);
            if (out.isEmpty()) {
                estimate.add(svc, port, out, this);
            }
        }
        selected(svc, port, WorkloadKind.WORKLOAD_ENTRY, out);
    }

    private void serviceEntry(MeshService svc, ServicePort port, List<Ep> out) {
        ServiceEntry se = serviceEntries.get(svc.source());
        int defaultPort = TargetPorts.numericTarget(port);
        if (se != null) {
            for (ServiceEntry.SeEndpoint e : se.endpoints()) {
                Integer mapped = e.ports().get(port.name());
                String[] loc = (e.locality() + "//").split("/", -1);
                out.add(new Ep(e.address(), mapped != null ? mapped : defaultPort, e.labels(), loc[0], loc[1], loc[2],
                        e.weight(), EndpointIdentity.tlsMode(e.labels(), e.serviceAccount()),
                        identity.spiffe(svc.namespace(), e.serviceAccount()), svc.namespace()));
            }
            if (!se.endpoints().isEmpty()) {
                return;
            }
        }
        if (!svc.selector().isEmpty()) {
            selected(svc, port, WorkloadKind.POD, out);
            selected(svc, port, WorkloadKind.WORKLOAD_ENTRY, out);
        } else if (svc.resolution() == MeshService.Resolution.DNS_LB
                || svc.resolution() == MeshService.Resolution.DNS_ROUND_ROBIN_LB) {
            // serviceentry conversion: DNS without endpoints resolves the host itself.
            out.add(new Ep(svc.hostname(), defaultPort, Map.of(), "", "", "", 1));
        }
    }

    /**
     * Pods or WorkloadEntries of the service's namespace that its selector picks: first address, the port
     * that workload serves the service port on (a named targetPort resolved per workload; none: no endpoint), and
     * its locality ({@link Workload#locality}: its topology or locality labels, a WorkloadEntry's {@code locality}).
     */
    private void selected(MeshService svc, ServicePort port, WorkloadKind kind, List<Ep> out) {
        if (svc.selector().isEmpty()) {
            return;
        }
        for (Workload w : workloadsByNamespace.getOrDefault(svc.namespace(), List.of())) {
            if (w.kind() == kind && !w.addresses().isEmpty() && Labels.selects(svc.selector(), w.labels())) {
                int number = portOn(svc, port, w);
                if (number > 0) {
                    out.add(endpointOf(w, w.addresses().get(0), number));
                }
            }
        }
    }

    /** The port {@code workload} serves a service port on ({@link TargetPorts}), or {@link TargetPorts#NONE}. */
    private int portOn(MeshService svc, ServicePort port, Workload workload) {
        if (!svc.isKubernetes()) {
            return TargetPorts.ofServiceEntry(port, workload);
        }
        KubeService.KubePort spec = specPort(svc, port);
        return spec == null ? TargetPorts.numericTarget(port) : TargetPorts.ofKubernetes(spec, workload);
    }

    /** The Kubernetes Service's {@code spec.ports} entry behind a registry port, or null (a ServiceEntry's). */
    private KubeService.KubePort specPort(MeshService svc, ServicePort port) {
        KubeService ks = svc.isKubernetes() ? kubeServices.get(svc.source()) : null;
        return ks == null ? null : TargetPorts.specPort(ks, port);
    }

    /**
     * The endpoint port for a service port: the slice port with the service port's name (Kubernetes names
     * them alike), else the one whose number is the target port (or the service port when no target is given).
     */
    private static int groupPort(EndpointGroup g, ServicePort port) {
        for (EndpointGroup.Port p : g.ports()) {
            if (p.name().equals(port.name())) {
                return p.port();
            }
        }
        int target = TargetPorts.numericTarget(port);
        for (EndpointGroup.Port p : g.ports()) {
            if (p.port() == target) {
                return p.port();
            }
        }
        return -1;
    }

    /** An endpoint of a known workload: its labels, locality, mTLS mode and identity. */
    Ep endpointOf(Workload w, String address, int port) {
        // istiod's getPodLocality / a WorkloadEntry's locality: the workload's, when known.
        Locality l = w.locality() == null ? Locality.EMPTY : w.locality();
        return new Ep(address, port, w.labels(), l.region(), l.zone(), l.subZone(), 1, identity.tlsMode(w),
                identity.spiffe(w.namespace(), w.serviceAccount()), w.namespace());
    }

    /**
     * istiod's {@code push.ServiceAccounts(host, namespace)}: the identities of the service's endpoints (every
     * port), of the controllers it selects, and a ServiceEntry's {@code subjectAltNames}, sorted and de-duplicated.
     * They are the SANs an ISTIO_MUTUAL client checks.
     */
    List<String> serviceAccounts(MeshService svc) {
        return serviceAccounts.computeIfAbsent(svc.source() + "|" + svc.hostname(), k -> {
            java.util.TreeSet<String> out = new java.util.TreeSet<>();
            for (ServicePort port : svc.ports()) {
                for (Ep ep : endpoints(svc, port)) {
                    if (!ep.identity().isEmpty()) {
                        out.add(ep.identity());
                    }
                }
            }
            // The pods a controller (Deployment, ...) will run have its service account: the input's manifests
            // often hold the controller without its Pods, and the identity is known all the same.
            for (Workload w : controllers(svc)) {
                String id = identity.spiffe(w.namespace(), w.serviceAccount());
                if (!id.isEmpty()) {
                    out.add(id);
                }
            }
            ServiceEntry se = svc.isKubernetes() ? null : serviceEntries.get(svc.source());
            if (se != null) {
                out.addAll(se.subjectAltNames());
            }
            return List.copyOf(out);
        });
    }

    /**
     * The workload behind an endpoint address: the Pod by name or IP, else the single controller (Deployment, ...)
     * whose pod template the service selects. Null otherwise (its labels are unknown, so subsets cannot match it).
     */
    private Workload workloadOf(MeshService svc, EndpointGroup.Address a) {
        Workload pod = a.podName().isEmpty() ? null : podsByName.get(key(svc.namespace(), a.podName()));
        if (pod == null) {
            pod = podsByIp.get(a.ip());
        }
        if (pod != null) {
            return pod;
        }
        return onlyController(svc).orElse(null);
    }

    /** The only controller (Deployment, ...) of the service's namespace whose pod template its selector picks. */
    private Optional<Workload> onlyController(MeshService svc) {
        if (svc.selector().isEmpty()) {
            return Optional.empty();
        }
        return onlyController.computeIfAbsent(svc.namespace() + "|" + Labels.render(svc.selector()), k -> {
            List<Workload> selected = controllers(svc);
            return selected.size() == 1 ? Optional.of(selected.get(0)) : Optional.empty();
        });
    }

    /** The controllers (Deployment, ...) of the service's namespace whose pod template its selector picks. */
    private List<Workload> controllers(MeshService svc) {
        if (svc.selector().isEmpty()) {
            return List.of();
        }
        List<Workload> out = new ArrayList<>();
        for (Workload w : workloadsByNamespace.getOrDefault(svc.namespace(), List.of())) {
            if (w.kind() != WorkloadKind.POD && w.kind() != WorkloadKind.WORKLOAD_ENTRY
                    && Labels.selects(svc.selector(), w.labels())) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The port a workload listens on for one of its services' ports (istiod's {@code ServiceTarget.Port.TargetPort},
     * which names its inbound cluster and chain), or {@link TargetPorts#NONE} when istiod gives it no target.
     *
     * <p>Resolved on the workload itself, as istiod's {@code GetProxyServiceTargetsByPod} reads the proxy's Pod:
     * its declared container ports (a controller's pod template when the input has no Pods). When they have none
     * that fits, an EndpointSlice of the service that lists the workload's pods, carrying the port under the
     * service port's name, is the endpoint controller's record of the same lookup on the real pods: the same
     * answer for consistent input, and the right one for a Pod written without its spec. A Pod's slices are those
     * that list it; a controller's, any slice when it is the only controller the service selects (as
     * {@link #workloadOf} attributes them); an unknown workload's ({@code null}), any slice.
     */
    int targetPort(MeshService svc, ServicePort port, Workload workload) {
        KubeService.KubePort spec = specPort(svc, port);
        if (spec == null || TargetPorts.targetName(spec) == null) {
            return workload == null ? TargetPorts.numericTarget(port) : portOn(svc, port, workload);
        }
        int number = workload == null ? TargetPorts.NONE : portOn(svc, port, workload);
        return number > 0 || !slicesSpeakFor(svc, workload) ? number : slicePort(svc, port, workload);
    }

    /** Whether the service's EndpointSlices can say which port the workload's pods serve (see targetPort). */
    private boolean slicesSpeakFor(MeshService svc, Workload workload) {
        if (workload == null || workload.kind() == WorkloadKind.POD) {
            return true;
        }
        return workload.kind() != WorkloadKind.WORKLOAD_ENTRY
                && onlyController(svc).filter(c -> c.id().equals(workload.id())).isPresent();
    }

    /** The port named like the service port in a slice of the service (listing the Pod, for a Pod), or NONE. */
    private int slicePort(MeshService svc, ServicePort port, Workload workload) {
        boolean pod = workload != null && workload.kind() == WorkloadKind.POD;
        for (EndpointGroup g : groupsByService.getOrDefault(key(svc.namespace(), svc.source().name()), List.of())) {
            if (pod && !lists(g, workload)) {
                continue;
            }
            for (EndpointGroup.Port p : g.ports()) {
                if (p.name().equals(port.name()) && p.port() > 0) {
                    return p.port();
                }
            }
        }
        return TargetPorts.NONE;
    }

    /** Whether a slice lists the pod, by pod name or by one of its addresses. */
    private static boolean lists(EndpointGroup g, Workload pod) {
        for (EndpointGroup.Address a : g.addresses()) {
            if (a.podName().equals(pod.name()) || pod.addresses().contains(a.ip())) {
                return true;
            }
        }
        return false;
    }
}
