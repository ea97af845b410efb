package io.meshscope.core.registry;

import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ServiceEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service registry and its visibility index, as istiod's {@code initServiceRegistry} builds them: services
 * in creation order, split into public, private-to-namespace and exported-to-namespace lists, plus the
 * {@code HostnameAndNamespace} index that makes an exact host import a lookup rather than a scan.
 */
public final class ServiceRegistry {
    /** The annotation on a Kubernetes Service that sets its visibility. */
    public static final String EXPORT_TO_ANNOTATION = "networking.istio.io/exportTo";

    private final List<MeshService> all;
    private final List<MeshService> publicServices = new ArrayList<>();
    private final Map<String, List<MeshService>> privateByNamespace = new HashMap<>();
    private final Map<String, List<MeshService>> exportedToNamespace = new HashMap<>();
    private final Map<String, Map<String, MeshService>> byHostAndNamespace = new HashMap<>();
    private final Map<String, List<MeshService>> byHost = new HashMap<>();
    private final Map<String, List<MeshService>> byNamespace = new HashMap<>();
    private final Map<MeshService, Integer> ordinal = new IdentityHashMap<>();
    private final List<MeshService> publicOnly;
    private final Map<String, List<MeshService>> exportedCache = new ConcurrentHashMap<>(); // memo only: results are pure functions of the registry

    private ServiceRegistry(List<MeshService> services) {
        List<MeshService> sorted = new ArrayList<>(services);
        sorted.sort(MeshService.CREATION_ORDER);
        this.all = List.copyOf(sorted);
        for (MeshService s : all) {
            ordinal.put(s, ordinal.size());
            indexVisibility(s);
            Map<String, MeshService> byNs = byHostAndNamespace.computeIfAbsent(s.hostname(), h -> new HashMap<>());
            MeshService existing = byNs.get(s.namespace());
            if (existing == null || (!existing.isKubernetes() && s.isKubernetes())) {
                byNs.put(s.namespace(), s);
            }
            byHost.computeIfAbsent(s.hostname(), h -> new ArrayList<>()).add(s);
            byNamespace.computeIfAbsent(s.namespace(), n -> new ArrayList<>()).add(s);
        }
        this.publicOnly = List.copyOf(publicServices);
    }

    /** Builds the registry from decoded input, applying the mesh's default exportTo. */
    public static ServiceRegistry build(MeshInput input) {
        MeshConfig mesh = input.meshConfig();
        List<MeshService> services = new ArrayList<>();
        for (KubeService ks : input.services()) {
            services.add(fromKube(ks, mesh));
        }
        for (ServiceEntry se : input.serviceEntries()) {
            services.addAll(fromServiceEntry(se, mesh));
        }
        return new ServiceRegistry(services);
    }

    /** For tests and synthetic meshes: a registry over ready-made services. */
    public static ServiceRegistry of(List<MeshService> services) {
        return new ServiceRegistry(services);
    }

    private void indexVisibility(MeshService s) {
        Set<String> exportTo = s.exportTo();
        if (exportTo.contains("*")) {
            publicServices.add(s);
            return;
        }
        if (exportTo.contains("~")) {
            return;
        }
        boolean addedPrivate = false;
        for (String e : exportTo) {
            if (e.equals(".") || e.equals(s.namespace())) {
                if (!addedPrivate) {
                    privateByNamespace.computeIfAbsent(s.namespace(), n -> new ArrayList<>()).add(s);
                    addedPrivate = true;
                }
            } else {
                exportedToNamespace.computeIfAbsent(e, n -> new ArrayList<>()).add(s);
            }
        }
    }

    /** Every service, in creation order. */
    public List<MeshService> all() {
        return all;
    }

    /**
     * istiod's {@code servicesExportedToNamespace}: private to {@code ns}, then explicitly exported to it,
     * then public, each in creation order. Cached: many scopes ask for the same namespace.
     */
    public List<MeshService> exportedTo(String ns) {
        return exportedCache.computeIfAbsent(ns, n -> {
            if (!privateByNamespace.containsKey(n) && !exportedToNamespace.containsKey(n)) {
                // One shared list for every namespace that sees only public services: without it a mesh of
                // N/25 namespaces holds N/25 copies of the N services.
                return publicOnly;
            }
            List<MeshService> out = new ArrayList<>(privateByNamespace.getOrDefault(n, List.of()));
            out.addAll(exportedToNamespace.getOrDefault(n, List.of()));
            out.addAll(publicServices);
            return List.copyOf(out);
        });
    }

    /**
     * Every service defined in namespace {@code ns}, in creation order, visible or not: an egress host
     * {@code ns/*} can only import from these, so a scope need not scan every service of the mesh for it.
     */
    public List<MeshService> inNamespace(String ns) {
        return byNamespace.getOrDefault(ns, List.of());
    }

    /**
     * Orders services of this registry as {@link #exportedTo(String) exportedTo(ns)} lists them: private to
     * {@code ns}, then explicitly exported to it, then public, each in {@link #all()} order. Puts a subset in
     * that list's order without building the list.
     */
    public Comparator<MeshService> exportOrder(String ns) {
        return Comparator.comparingInt((MeshService s) -> s.exportTo().contains("*") ? 2
                : s.namespace().equals(ns) ? 0 : 1).thenComparingInt(ordinal::get);
    }

    /** istiod's {@code IsServiceVisible}. */
    public boolean isVisible(MeshService s, String ns) {
        Set<String> e = s.exportTo();
        return e.contains("*") || (e.contains(".") && s.namespace().equals(ns)) || e.contains(ns);
    }

    /** The single service indexed for (hostname, namespace): the oldest, Kubernetes preferred; or null. */
    public MeshService lookup(String hostname, String namespace) {
        Map<String, MeshService> byNs = byHostAndNamespace.get(hostname);
        return byNs == null ? null : byNs.get(namespace);
    }

    /** All namespaces' indexed services for a hostname (namespace → service). */
    public Map<String, MeshService> byNamespace(String hostname) {
        return byHostAndNamespace.getOrDefault(hostname, Map.of());
    }

    /** Every service object with this hostname, in creation order (several per namespace possible). */
    public List<MeshService> withHostname(String hostname) {
        return byHost.getOrDefault(hostname, List.of());
    }

    static MeshService fromKube(KubeService ks, MeshConfig mesh) {
        String ns = ks.meta().namespace();
        String host = Hostnames.kubernetesHost(ks.meta().name(), ns, mesh.domainSuffix());
        List<ServicePort> ports = new ArrayList<>();
        for (KubeService.KubePort p : ks.ports()) {
            int target = parseIntOrZero(p.targetPort());
            ports.add(new ServicePort(p.name() == null ? "" : p.name(), p.port(),
                    Protocols.ofKubePort(p.name(), p.protocol(), p.appProtocol(), p.port()), target));
        }
        MeshService.Resolution resolution = MeshService.Resolution.CLIENT_SIDE_LB;
        boolean external = false;
        List<String> addresses = new ArrayList<>();
        if ("ExternalName".equals(ks.type())) {
            resolution = MeshService.Resolution.DNS_LB;
            external = true;
        } else if ("None".equals(ks.clusterIP())) {
            resolution = MeshService.Resolution.PASSTHROUGH;
        } else if (!ks.clusterIP().isEmpty()) {
            addresses.add(ks.clusterIP());
        }
        Set<String> exportTo = parseExportTo(ks.meta().annotations().get(EXPORT_TO_ANNOTATION));
        if (exportTo.isEmpty()) {
            exportTo = new LinkedHashSet<>(mesh.defaultServiceExportTo());
        }
        return new MeshService(host, ns, Registry.KUBERNETES, ports, exportTo, ks.meta().creationEpochSeconds(),
                ks.meta().name(), resolution, ks.meta().labels(), ks.selector(), addresses, external, ks.id());
    }

    static List<MeshService> fromServiceEntry(ServiceEntry se, MeshConfig mesh) {
        String ns = se.meta().namespace();
        List<ServicePort> ports = new ArrayList<>();
        for (ServiceEntry.SePort p : se.ports()) {
            ports.add(new ServicePort(p.name() == null ? "" : p.name(), p.number(), Protocols.parse(p.protocol()),
                    p.targetPort()));
        }
        MeshService.Resolution resolution = switch (se.resolution()) {
            case "STATIC" -> MeshService.Resolution.CLIENT_SIDE_LB;
            case "DNS" -> MeshService.Resolution.DNS_LB;
            case "DNS_ROUND_ROBIN" -> MeshService.Resolution.DNS_ROUND_ROBIN_LB;
            default -> MeshService.Resolution.PASSTHROUGH;
        };
        Set<String> exportTo = new LinkedHashSet<>(se.exportTo());
        if (exportTo.isEmpty()) {
            exportTo = new LinkedHashSet<>(mesh.defaultServiceExportTo());
        }
        Map<String, String> selector = se.workloadSelector() == null ? Map.of() : se.workloadSelector().labels();
        List<MeshService> out = new ArrayList<>();
        for (String host : se.hosts()) {
            out.add(new MeshService(host, ns, Registry.EXTERNAL, ports, exportTo, se.meta().creationEpochSeconds(),
                    host, resolution, se.meta().labels(), selector, se.addresses(),
                    "MESH_EXTERNAL".equals(se.location()), se.id()));
        }
        return out;
    }

    /** Splits the exportTo annotation: comma separated, trimmed, empty entries dropped. */
    public static Set<String> parseExportTo(String annotation) {
        Set<String> out = new LinkedHashSet<>();
        if (annotation == null) {
            return out;
        }
        Arrays.stream(annotation.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    private static int parseIntOrZero(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
