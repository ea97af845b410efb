package io.meshscope.core.scope;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.OutboundTrafficPolicy;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.model.WorkloadSelector;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Test-only builder for a {@link MeshInput} of Kubernetes Services, ServiceEntries, Sidecars, workloads,
 * VirtualServices and DestinationRules, plus small helpers to read scopes back as sorted strings.
 * Shared by the scope, registry and describe tests.
 */
public final class Fixtures {
    public static final String ROOT = "istio-system";

    private MeshConfig mesh = MeshConfig.defaults();
    private final List<KubeService> services = new ArrayList<>();
    private final List<ServiceEntry> serviceEntries = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final List<Sidecar> sidecars = new ArrayList<>();
    private final List<VirtualService> virtualServices = new ArrayList<>();
    private final List<DestinationRule> destinationRules = new ArrayList<>();

    public static Fixtures mesh() {
        return new Fixtures();
    }

    /** An independent copy, so one base mesh can be combined with several different Sidecars. */
    public Fixtures copy() {
        Fixtures c = new Fixtures();
        c.mesh = mesh;
        c.services.addAll(services);
        c.serviceEntries.addAll(serviceEntries);
        c.workloads.addAll(workloads);
        c.sidecars.addAll(sidecars);
        c.virtualServices.addAll(virtualServices);
        c.destinationRules.addAll(destinationRules);
        return c;
    }

    // ---------------------------------------------------------------- time and metadata

    /** Epoch seconds of an RFC 3339 timestamp. */
    public static long t(String rfc3339) {
        return Instant.parse(rfc3339).getEpochSecond();
    }

    public static ObjectMeta meta(String kind, String ns, String name) {
        return meta(kind, ns, name, 0, Map.of(), Map.of());
    }

    public static ObjectMeta meta(String kind, String ns, String name, long created, Map<String, String> labels,
                                  Map<String, String> annotations) {
        return new ObjectMeta(new ResourceId(kind, ns, name), labels, annotations, created,
                new SourceLocation(ns + "-" + name + ".yaml", 1, 1), Map.of());
    }

    // ---------------------------------------------------------------- mesh config

    public Fixtures meshConfig(MeshConfig config) {
        this.mesh = config;
        return this;
    }

    public Fixtures outboundMode(OutboundMode mode) {
        this.mesh = mesh.withOutboundMode(mode);
        return this;
    }

    public Fixtures defaultServiceExportTo(String... exportTo) {
        this.mesh = new MeshConfig(mesh.rootNamespace(), mesh.outboundMode(), List.of(exportTo),
                mesh.defaultVirtualServiceExportTo(), mesh.defaultDestinationRuleExportTo(), mesh.domainSuffix(),
                mesh.proxyListenPort(), mesh.proxyInboundListenPort());
        return this;
    }

    // ---------------------------------------------------------------- Kubernetes Services

    /** A Kubernetes Service with one {@code http-<port>} port per number, public, created at time zero. */
    public Fixtures kube(String ns, String name, int... ports) {
        return kube(ns, name, 0, null, ports);
    }

    /** A Kubernetes Service created at {@code created}, with the exportTo annotation when non-null. */
    public Fixtures kube(String ns, String name, long created, String exportToAnnotation, int... ports) {
        Map<String, String> annotations = exportToAnnotation == null ? Map.of()
                : Map.of("networking.istio.io/exportTo", exportToAnnotation);
        List<KubeService.KubePort> kp = new ArrayList<>();
        for (int p : ports) {
            kp.add(new KubeService.KubePort("http-" + p, p, "TCP", null, null));
        }
        return kube(new KubeService(meta("Service", ns, name, created, Map.of(), annotations), kp, null, "10.0.0.1",
                null, Map.of("app", name)));
    }

    public Fixtures kube(KubeService s) {
        services.add(s);
        return this;
    }

    // ---------------------------------------------------------------- ServiceEntries

    /** A ServiceEntry named {@code name} for {@code hosts}, TLS ports, resolution NONE, mesh-default exportTo. */
    public Fixtures se(String ns, String name, List<String> hosts, int... ports) {
        return se(ns, name, 0, hosts, List.of(), "NONE", ports);
    }

    public Fixtures se(String ns, String name, long created, List<String> hosts, List<String> exportTo,
                       String resolution, int... ports) {
        List<ServiceEntry.SePort> sp = new ArrayList<>();
        for (int p : ports) {
            sp.add(new ServiceEntry.SePort(p, "TLS", "tls-" + p, 0));
        }
        serviceEntries.add(new ServiceEntry(meta("ServiceEntry", ns, name, created, Map.of(), Map.of()), hosts,
                List.of(), sp, "MESH_EXTERNAL", resolution, List.of(), null, exportTo));
        return this;
    }

    public Fixtures se(ServiceEntry e) {
        serviceEntries.add(e);
        return this;
    }

    // ---------------------------------------------------------------- workloads

    public Fixtures pod(String ns, String name, Map<String, String> labels) {
        return workload(WorkloadKind.POD, ns, name, labels);
    }

    public Fixtures workload(WorkloadKind kind, String ns, String name, Map<String, String> labels) {
        workloads.add(new Workload(meta(kind.kindName(), ns, name, 0, labels, Map.of()), kind, labels, Map.of(), 1,
                List.of(), List.of()));
        return this;
    }

    // ---------------------------------------------------------------- Sidecars

    /** Starts a Sidecar; call {@link SidecarBuilder#add()} to put it into the mesh. */
    public SidecarBuilder sidecar(String ns, String name) {
        return new SidecarBuilder(this, ns, name);
    }

    /** A selector-less Sidecar with one catch-all egress listener importing {@code hosts}. */
    public Fixtures sidecarHosts(String ns, String name, String... hosts) {
        return sidecar(ns, name).egress(hosts).add();
    }

    public Fixtures sidecar(Sidecar s) {
        sidecars.add(s);
        return this;
    }

    /** Fluent Sidecar builder. */
    public static final class SidecarBuilder {
        private final Fixtures owner;
        private final String ns;
        private final String name;
        private long created;
        private WorkloadSelector selector;
        private final List<EgressListener> egress = new ArrayList<>();
        private final List<IngressListener> ingress = new ArrayList<>();
        private OutboundTrafficPolicy otp;

        SidecarBuilder(Fixtures owner, String ns, String name) {
            this.owner = owner;
            this.ns = ns;
            this.name = name;
        }

        public SidecarBuilder created(long epochSeconds) {
            this.created = epochSeconds;
            return this;
        }

        public SidecarBuilder created(String rfc3339) {
            return created(t(rfc3339));
        }

        /** {@code workloadSelector.labels}; an empty map is {@code workloadSelector: {}}. */
        public SidecarBuilder selector(Map<String, String> labels) {
            this.selector = new WorkloadSelector(labels);
            return this;
        }

        /** A port-less (catch-all) egress listener. */
        public SidecarBuilder egress(String... hosts) {
            egress.add(new EgressListener(null, "", CaptureMode.DEFAULT, Arrays.asList(hosts)));
            return this;
        }

        /** An egress listener on a port. */
        public SidecarBuilder egressPort(long port, String protocol, String... hosts) {
            return egressBound(port, protocol, "", hosts);
        }

        /** An egress listener on a port with a {@code bind}. */
        public SidecarBuilder egressBound(long port, String protocol, String bind, String... hosts) {
            egress.add(new EgressListener(new PortSpec(port, protocol, protocol.toLowerCase() + "-" + port, null),
                    bind, CaptureMode.DEFAULT, Arrays.asList(hosts)));
            return this;
        }

        public SidecarBuilder ingress(long port) {
            ingress.add(new IngressListener(new PortSpec(port, "HTTP", "http", null), "", CaptureMode.DEFAULT,
                    "127.0.0.1:" + port, null, null));
            return this;
        }

        /** {@code outboundTrafficPolicy} present; {@code mode} null means {@code {}}. */
        public SidecarBuilder outbound(OutboundMode mode) {
            this.otp = new OutboundTrafficPolicy(mode, null);
            return this;
        }

        public Sidecar build() {
            return new Sidecar(meta("Sidecar", ns, name, created, Map.of(), Map.of()), selector, ingress, egress, otp,
                    null);
        }

        public Fixtures add() {
            return owner.sidecar(build());
        }
    }

    // ---------------------------------------------------------------- VirtualServices

    public VsBuilder vs(String ns, String name, String... hosts) {
        return new VsBuilder(this, ns, name, List.of(hosts));
    }

    /** Fluent VirtualService builder. */
    public static final class VsBuilder {
        private final Fixtures owner;
        private final String ns;
        private final String name;
        private final List<String> hosts;
        private long created;
        private List<String> gateways = List.of();
        private List<String> exportTo = List.of();
        private final List<VirtualService.Route> http = new ArrayList<>();
        private final List<VirtualService.Route> tcp = new ArrayList<>();
        private final List<VirtualService.Route> tls = new ArrayList<>();

        VsBuilder(Fixtures owner, String ns, String name, List<String> hosts) {
            this.owner = owner;
            this.ns = ns;
            this.name = name;
            this.hosts = hosts;
        }

        public VsBuilder created(long epochSeconds) {
            this.created = epochSeconds;
            return this;
        }

        public VsBuilder gateways(String... gws) {
            this.gateways = List.of(gws);
            return this;
        }

        public VsBuilder exportTo(String... ns) {
            this.exportTo = List.of(ns);
            return this;
        }

        /** An HTTP route to {@code host} (port 0 = none). */
        public VsBuilder http(String host, int port) {
            http.add(new VirtualService.Route("", List.of(), List.of(dest(host, port)), List.of()));
            return this;
        }

        /** An HTTP route to {@code host} that only applies to these source namespaces ("" = a match without one). */
        public VsBuilder httpFrom(String host, int port, String... sourceNamespaces) {
            List<VirtualService.Match> matches = new ArrayList<>();
            for (String sn : sourceNamespaces) {
                matches.add(new VirtualService.Match(sn, "", "", "", 0));
            }
            http.add(new VirtualService.Route("", matches, List.of(dest(host, port)), List.of()));
            return this;
        }

        public VsBuilder httpMirror(String host, int port, String mirrorHost) {
            http.add(new VirtualService.Route("", List.of(), List.of(dest(host, port)),
                    List.of(dest(mirrorHost, 0))));
            return this;
        }

        public VsBuilder tcp(String host, int port) {
            tcp.add(new VirtualService.Route("", List.of(), List.of(dest(host, port)), List.of()));
            return this;
        }

        public VsBuilder tls(String host, int port) {
            tls.add(new VirtualService.Route("", List.of(), List.of(dest(host, port)), List.of()));
            return this;
        }

        private static VirtualService.Destination dest(String host, int port) {
            return new VirtualService.Destination(host, "", port, 0);
        }

        public VirtualService build() {
            return new VirtualService(meta("VirtualService", ns, name, created, Map.of(), Map.of()), hosts, gateways,
                    exportTo, http, tcp, tls);
        }

        public Fixtures add() {
            owner.virtualServices.add(build());
            return owner;
        }
    }

    // ---------------------------------------------------------------- DestinationRules

    public Fixtures dr(String ns, String name, String host, String... exportTo) {
        return dr(ns, name, 0, host, null, exportTo);
    }

    public Fixtures dr(String ns, String name, long created, String host, Map<String, String> selector,
                       String... exportTo) {
        destinationRules.add(new DestinationRule(meta("DestinationRule", ns, name, created, Map.of(), Map.of()), host,
                List.of(exportTo), selector == null ? null : new WorkloadSelector(selector), List.of(), null, null));
        return this;
    }

    // ---------------------------------------------------------------- build

    public MeshInput build() {
        return new MeshInput(mesh, List.of(), services, serviceEntries, List.of(), workloads, sidecars,
                virtualServices, destinationRules, List.of(), Map.of(), 0);
    }

    public MeshIndex index() {
        return MeshIndex.build(build());
    }

    // ---------------------------------------------------------------- reading results

    public static Proxy proxy(String ns) {
        return Proxy.sidecar(ns, Map.of("app", "p"));
    }

    public static Proxy proxy(String ns, Map<String, String> labels) {
        return Proxy.sidecar(ns, labels);
    }

    public static Proxy router(String ns) {
        return new Proxy(ProxyType.ROUTER, ns, Map.of("istio", "ingressgateway"));
    }

    /** FQDN of a Kubernetes service in the default domain. */
    public static String fqdn(String name, String ns) {
        return name + "." + ns + ".svc.cluster.local";
    }

    /** Hostnames as a sorted set (duplicates from one namespace collapse). */
    public static List<String> hosts(List<MeshService> services) {
        return new ArrayList<>(new TreeSet<>(services.stream().map(MeshService::hostname).toList()));
    }

    /** hostname → sorted union of port numbers. */
    public static Map<String, List<Integer>> ports(List<MeshService> services) {
        Map<String, TreeSet<Integer>> acc = new TreeMap<>();
        for (MeshService s : services) {
            TreeSet<Integer> set = acc.computeIfAbsent(s.hostname(), h -> new TreeSet<>());
            for (ServicePort p : s.ports()) {
                set.add(p.port());
            }
        }
        Map<String, List<Integer>> out = new TreeMap<>();
        acc.forEach((h, set) -> out.put(h, new ArrayList<>(set)));
        return out;
    }

    /** hostname → namespaces of the service objects kept for it. */
    public static Map<String, String> namespaces(List<MeshService> services) {
        Map<String, TreeSet<String>> acc = new TreeMap<>();
        for (MeshService s : services) {
            acc.computeIfAbsent(s.hostname(), h -> new TreeSet<>()).add(s.namespace());
        }
        Map<String, String> out = new TreeMap<>();
        acc.forEach((h, set) -> out.put(h, String.join(",", set)));
        return out;
    }

    /** Sorted {@code ns/name} keys of a listener's VirtualServices. */
    public static List<String> vsKeys(EgressScope es) {
        return es.virtualServices().stream().map(v -> v.key()).sorted().toList();
    }
}
