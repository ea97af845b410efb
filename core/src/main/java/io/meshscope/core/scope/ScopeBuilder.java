package io.meshscope.core.scope;

import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.registry.ServiceRegistry;
import io.meshscope.core.registry.VirtualServiceIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link SidecarScope} for a (Sidecar, consuming namespace) pair, as istiod's
 * {@code convertToSidecarScope}: per-listener imports, the scope union with Kubernetes-first de-duplication
 * and same-namespace port merging, VirtualService-inferred services, DestinationRules and push dependencies.
 */
final class ScopeBuilder {
    private final MeshConfig mesh;
    private final ServiceRegistry registry;
    private final DestinationRuleIndex destinationRules;
    private final VirtualServiceIndex virtualServices;
    private final EgressImporter importer;
    private final boolean defaultImportsAlike;
    /** The first shareable default scope built; the others borrow its collections (see {@link #forSidecar}). */
    private volatile SidecarScope sharedDefault;

    ScopeBuilder(MeshConfig mesh, ServiceRegistry registry, VirtualServiceIndex vses, DestinationRuleIndex drs) {
        this.mesh = mesh;
        this.registry = registry;
        this.destinationRules = drs;
        this.virtualServices = vses;
        this.importer = new EgressImporter(registry, vses);
        this.defaultImportsAlike = defaultImportsAlike(registry, vses);
    }

    /**
     * Whether every namespace's default scope (no Sidecar) imports the same services in the same order: no
     * VirtualService (they add inferred destinations per namespace), every service exported to every namespace,
     * and no hostname defined twice (so no namespace's own definition is preferred over another's).
     */
    static boolean defaultImportsAlike(ServiceRegistry registry, VirtualServiceIndex vses) {
        if (!vses.all().isEmpty()) {
            return false;
        }
        Set<String> hosts = new HashSet<>();
        for (MeshService s : registry.all()) {
            if (!s.exportTo().contains("*") || !hosts.add(s.hostname())) {
                return false;
            }
        }
        return true;
    }

    /** See {@link #defaultImportsAlike(ServiceRegistry, VirtualServiceIndex)}. */
    boolean defaultImportsAlike() {
        return defaultImportsAlike;
    }

    /**
     * The scope a sidecar proxy in {@code configNs} gets from {@code sidecar} (null: the built-in default).
     *
     * <p>Without Sidecars each namespace has a default scope holding every service of the mesh: building each
     * from scratch is quadratic (N/25 namespaces of N services, with N push dependencies each: 2 GB for
     * {@code affected} at 20,000 services). When default scopes import alike and the namespace's DestinationRule
     * lookups do not depend on it ({@link DestinationRuleIndex#lookupIndependentOf}), its scope equals the shared
     * one but for the namespace, so it borrows the shared one's immutable lists, map and dependency set.
     */
    SidecarScope forSidecar(Sidecar sidecar, String configNs) {
        if (sidecar == null && defaultImportsAlike && destinationRules.lookupIndependentOf(configNs)) {
            SidecarScope shared = sharedDefault;
            if (shared == null) {
                shared = build(null, configNs);
                sharedDefault = shared; // a race builds an equal scope twice, harmlessly
            }
            return shared.namespace().equals(configNs) ? shared : new SidecarScope(shared.name(), configNs, null,
                    shared.egress(), shared.services(), shared.outboundMode(), shared.dependencies(),
                    shared.servicesByHost());
        }
        return build(sidecar, configNs);
    }

    /** {@link #forSidecar} without sharing: every scope built from the registry and rule indexes. */
    SidecarScope build(Sidecar sidecar, String configNs) {
        List<EgressListener> listeners = sidecar == null || sidecar.egress().isEmpty()
                ? List.of(EgressListener.catchAllImportEverything())
                : sidecar.egress();
        List<EgressScope> egress = new ArrayList<>();
        Union union = new Union();
        for (int i = 0; i < listeners.size(); i++) {
            EgressListener l = listeners.get(i);
            if (l == null) {
                continue; // invalid as written; istiod cannot receive it, we skip it rather than fail
            }
            EgressScope es = importer.importFor(i, l, configNs);
            egress.add(es);
            es.services().forEach(union::append);
            Integer listenerPort = l.matchPort();
            for (ResolvedVirtualService vs : es.virtualServices()) {
                inferFromVirtualService(vs, configNs, listenerPort, union);
            }
        }
        OutboundMode otp = sidecar != null && sidecar.outboundTrafficPolicy() != null
                ? sidecar.outboundTrafficPolicy().effectiveMode()
                : mesh.outboundMode();
        String name = sidecar == null ? SidecarScope.DEFAULT_NAME : sidecar.meta().name();
        Set<ConfigKey> deps = new LinkedHashSet<>();
        if (sidecar != null) {
            deps.add(new ConfigKey(ConfigKey.SIDECAR, sidecar.meta().namespace(), sidecar.meta().name()));
        }
        for (EgressScope es : egress) {
            for (ResolvedVirtualService vs : es.virtualServices()) {
                deps.add(new ConfigKey(ConfigKey.VIRTUAL_SERVICE, vs.namespace(), vs.source().meta().name()));
                virtualServices.delegatesOf(vs).forEach(d -> deps.add(new ConfigKey(ConfigKey.VIRTUAL_SERVICE,
                        d.substring(0, d.indexOf('/')), d.substring(d.indexOf('/') + 1))));
            }
        }
        addServiceDependencies(union.services, configNs, deps);
        return new SidecarScope(name, configNs, sidecar, egress, union.services, otp, deps, union.byHost());
    }

    /** istiod's {@code DefaultSidecarScopeForGateway}: every service exported to the namespace, no Sidecar. */
    SidecarScope forGateway(String configNs) {
        Union union = new Union();
        registry.exportedTo(configNs).forEach(union::append);
        Set<ConfigKey> deps = new LinkedHashSet<>();
        addServiceDependencies(union.services, configNs, deps);
        // istiod's gateway listener wrapper carries only the mesh VirtualServices, no services.
        EgressScope implicit = new EgressScope(0, EgressListener.catchAllImportEverything(), List.of(),
                virtualServices.visibleTo(configNs));
        return new SidecarScope(SidecarScope.DEFAULT_NAME, configNs, null, List.of(implicit), union.services,
                mesh.outboundMode(), deps, union.byHost());
    }

    private void addServiceDependencies(List<MeshService> services, String configNs, Set<ConfigKey> deps) {
        for (MeshService s : services) {
            deps.add(new ConfigKey(ConfigKey.SERVICE_ENTRY, s.namespace(), s.hostname()));
            deps.add(new ConfigKey(ConfigKey.ENDPOINTS, s.namespace(), s.hostname()));
            for (DestinationRuleIndex.Entry e : destinationRules.lookup(configNs, s.hostname(), s.namespace())) {
                deps.add(new ConfigKey(ConfigKey.DESTINATION_RULE, e.rule().meta().namespace(), e.rule().meta().name()));
            }
        }
    }

    /**
     * Adds a VirtualService's destination services to the union (never to the listener): the one in the
     * consuming namespace if any (visibility and {@code hosts} are not checked, as in istiod), else the best
     * visible namespace (Kubernetes first, then the oldest), trimmed to the listener port when the listener
     * has one, else to the destination ports.
     */
    private void inferFromVirtualService(ResolvedVirtualService vs, String configNs, Integer listenerPort,
                                         Union union) {
        for (Map.Entry<String, Set<Integer>> d : vs.destinationsFor(configNs).entrySet()) {
            Map<String, MeshService> byNs = registry.byNamespace(d.getKey());
            if (byNs.isEmpty()) {
                continue;
            }
            MeshService s = byNs.get(configNs);
            if (s == null) {
                s = pickBestVisible(byNs, configNs);
            }
            if (s != null) {
                // On a port listener istiod trims to the listener port, as for explicit imports.
                MeshService trimmed = listenerPort != null
                        ? EgressImporter.filterPort(s, listenerPort)
                        : matchDestinationPorts(s, d.getValue());
                if (trimmed != null) {
                    union.append(trimmed);
                }
            }
        }
    }

    private MeshService pickBestVisible(Map<String, MeshService> byNs, String configNs) {
        MeshService best = null;
        for (MeshService s : byNs.values()) {
            if (!registry.isVisible(s, configNs)) {
                continue;
            }
            if (best == null
                    || (s.isKubernetes() && !best.isKubernetes())
                    || (s.isKubernetes() == best.isKubernetes() && MeshService.CREATION_ORDER.compare(s, best) < 0)) {
                best = s;
            }
        }
        return best;
    }

    /** istiod's {@code serviceMatchingVirtualServicePorts}: 0 means "every port". */
    private static MeshService matchDestinationPorts(MeshService s, Set<Integer> ports) {
        if (ports.isEmpty() || ports.contains(0)) {
            return s;
        }
        List<ServicePort> found = new ArrayList<>();
        for (ServicePort p : s.ports()) {
            if (ports.contains(p.port())) {
                found.add(p);
            }
        }
        if (found.size() == s.ports().size()) {
            return s;
        }
        return found.isEmpty() ? null : s.withPorts(found);
    }

    /** The scope union (istiod's {@code appendSidecarServices}), in insertion order. */
    private static final class Union {
        final List<MeshService> services = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        void append(MeshService s) {
            Integer at = index.get(s.hostname());
            if (at == null) {
                index.put(s.hostname(), services.size());
                services.add(s);
                return;
            }
            MeshService existing = services.get(at);
            if (existing == s) {
                return;
            }
            if (existing.isKubernetes() && !s.isKubernetes()) {
                return;
            }
            if (!existing.isKubernetes() && s.isKubernetes()) {
                services.set(at, s); // anti-squatting: a Kubernetes service replaces a ServiceEntry
                return;
            }
            if (existing.ports().equals(s.ports())) {
                return;
            }
            if (canMerge(existing, s)) {
                List<ServicePort> merged = new ArrayList<>(existing.ports());
                for (ServicePort p : s.ports()) {
                    if (existing.port(p.port()) == null) {
                        merged.add(p);
                    }
                }
                services.set(at, existing.withPorts(merged));
            }
        }

        Map<String, MeshService> byHost() {
            Map<String, MeshService> out = new LinkedHashMap<>();
            services.forEach(s -> out.put(s.hostname(), s));
            return out;
        }

        private static boolean canMerge(MeshService a, MeshService b) {
            return a.namespace().equals(b.namespace())
                    && a.resolution() == b.resolution()
                    && a.registry() == b.registry()
                    && a.labels().equals(b.labels())
                    && a.selector().equals(b.selector())
                    && Objects.equals(a.exportTo(), b.exportTo());
        }
    }
}
