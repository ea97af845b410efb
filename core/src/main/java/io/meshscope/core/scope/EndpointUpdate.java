package io.meshscope.core.scope;

import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.registry.MeshService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A new input whose only changes are service endpoints — EndpointSlices, Pods and WorkloadEntries coming, going or
 * moving, the most frequent change a mesh sees — which istiod answers with an incremental EDS push. Recognising
 * it lets the server keep every scope, cluster, listener and route and rebuild only the affected services'
 * endpoint assignments.
 *
 * <p>A service is affected when its endpoint groups changed, when it selects a changed Pod or WorkloadEntry
 * (before or after the change), or when its endpoint groups name such a Pod. A change that could reach beyond
 * assignments takes the full path: anything else in the input (Services, ServiceEntries, workload controllers,
 * Sidecars, rules, mesh config), endpoint ports (they give workloads' inbound target ports), and affected services
 * whose endpoints are not EDS assignments (headless services, whose endpoint IPs are outbound listeners, and DNS
 * ServiceEntries, whose endpoints are inside the cluster).
 *
 * <p>Holds the index of the new input (sharing everything of the previous one but the input) and the changes:
 * {@code Endpoints} keys of the affected services and the Pods/WorkloadEntries whose labels or addresses changed
 * (their own proxies' identity moved), as {@link ConfigChanges#between} would report them.
 */
public final class EndpointUpdate {
    private final MeshIndex index;
    private final ConfigChanges changes;
    /** The affected services' namespaces by hostname: what generated config refers to, looked up per EDS cluster. */
    private final Map<String, Set<String>> affected = new HashMap<>();
    private final Map<String, List<EndpointGroup>> changedGroups;
    private final boolean workloadsMoved;

    private EndpointUpdate(MeshIndex index, ConfigChanges changes, Map<String, List<EndpointGroup>> changedGroups,
                           boolean workloadsMoved) {
        this.index = index;
        this.changes = changes;
        this.changedGroups = Map.copyOf(changedGroups);
        this.workloadsMoved = workloadsMoved;
        changes.keys().forEach(k -> affected.computeIfAbsent(k.name(), h -> new HashSet<>()).add(k.namespace()));
    }

    /**
     * The services ({@code namespace/name}) whose endpoint groups differ between the two inputs, each with its
     * groups in the new input (empty when all went): what an endpoint index must take over, found once here.
     */
    public Map<String, List<EndpointGroup>> changedGroups() {
        return changedGroups;
    }

    /** Whether a Pod or WorkloadEntry came, went or changed (else the inputs' workloads are equal). */
    public boolean workloadsMoved() {
        return workloadsMoved;
    }

    /** The index of the new input. */
    public MeshIndex index() {
        return index;
    }

    /** What changed, as config keys. */
    public ConfigChanges changes() {
        return changes;
    }

    /** The update from {@code before} to {@code after}, or empty when {@code after} changes more than endpoints. */
    public static Optional<EndpointUpdate> between(MeshIndex before, MeshInput after) {
        MeshInput a = before.input();
        if (!sameOutsideEndpoints(a, after) || !controllers(a.workloads()).equals(controllers(after.workloads()))) {
            return Optional.empty();
        }
        Map<String, List<EndpointGroup>> groupsChanged = changedGroups(a.endpoints(), after.endpoints());
        if (groupsChanged == null) {
            return Optional.empty();
        }
        List<Workload> moved = new ArrayList<>();
        Set<ResourceId> identityMoved = new HashSet<>();
        changedEndpointWorkloads(a.workloads(), after.workloads(), moved, identityMoved);
        Set<String> named = servicesNaming(moved, a.endpoints());
        named.addAll(servicesNaming(moved, after.endpoints()));

        Set<ConfigKey> configKeys = new LinkedHashSet<>();
        for (MeshService s : before.registry().all()) {
            String name = s.namespace() + "/" + s.source().name();
            boolean affected = (s.isKubernetes() && (groupsChanged.containsKey(name) || named.contains(name)))
                    || selectsAny(s, moved);
            if (!affected) {
                continue;
            }
            if (s.resolution() != MeshService.Resolution.CLIENT_SIDE_LB) {
                return Optional.empty(); // headless, DNS or alias: endpoints outside EDS assignments
            }
            configKeys.add(new ConfigKey(ConfigKey.ENDPOINTS, s.namespace(), s.hostname()));
        }
        return Optional.of(new EndpointUpdate(before.withEndpoints(after),
                new ConfigChanges(configKeys, false, identityMoved), groupsChanged, !moved.isEmpty()));
    }

    /** Whether generated config of {@code service} can differ: its endpoints are among the changed ones. */
    public boolean changed(MeshService service) {
        Set<String> namespaces = affected.get(service.hostname());
        return namespaces != null && namespaces.contains(service.namespace());
    }

    /** Everything but endpoint groups and workloads is equal, source positions included (shared indexes stay exact). */
    private static boolean sameOutsideEndpoints(MeshInput a, MeshInput b) {
        return a.meshConfig().equals(b.meshConfig()) && a.namespaces().equals(b.namespaces())
                && a.services().equals(b.services()) && a.serviceEntries().equals(b.serviceEntries())
                && a.sidecars().equals(b.sidecars()) && a.virtualServices().equals(b.virtualServices())
                && a.destinationRules().equals(b.destinationRules())
                && a.peerAuthentications().equals(b.peerAuthentications());
    }

    private static boolean isEndpoint(Workload w) {
        return w.kind() == WorkloadKind.POD || w.kind() == WorkloadKind.WORKLOAD_ENTRY;
    }

    /** Workload controllers (Deployments, ...): their pod templates label endpoints without Pods, so must not move. */
    private static List<Workload> controllers(List<Workload> workloads) {
        return workloads.stream().filter(w -> !isEndpoint(w)).toList();
    }

    /**
     * The {@code namespace/service} keys whose endpoint groups changed, each with its new groups, or null when a
     * changed service's endpoint ports changed too.
     */
    private static Map<String, List<EndpointGroup>> changedGroups(List<EndpointGroup> before,
                                                                  List<EndpointGroup> after) {
        Set<String> candidates = differing(before, after);
        Map<String, List<EndpointGroup>> old = byService(before, candidates);
        Map<String, List<EndpointGroup>> now = byService(after, candidates);
        Set<String> all = new TreeSet<>(old.keySet());
        all.addAll(now.keySet());
        Map<String, List<EndpointGroup>> changed = new HashMap<>();
        for (String key : all) {
            List<EndpointGroup> x = old.getOrDefault(key, List.of());
            List<EndpointGroup> y = now.getOrDefault(key, List.of());
            if (x.equals(y)) {
                continue;
            }
            if (!ports(x).equals(ports(y))) {
                return null;
            }
            changed.put(key, y);
        }
        return changed;
    }

    /**
     * Pods and WorkloadEntries added, removed or changed (each version, old and new, goes to {@code moved}); those
     * that exist on both sides with other labels, addresses or container ports go to {@code identityMoved}.
     */
    private static void changedEndpointWorkloads(List<Workload> before, List<Workload> after, List<Workload> moved,
                                                 Set<ResourceId> identityMoved) {
        Map<ResourceId, Workload> old = new LinkedHashMap<>();
        before.stream().filter(EndpointUpdate::isEndpoint).forEach(w -> old.put(w.id(), w));
        for (Workload w : after) {
            if (!isEndpoint(w)) {
                continue;
            }
            Workload o = old.remove(w.id());
            if (w.equals(o)) {
                continue;
            }
            moved.add(w);
            if (o != null) {
                moved.add(o);
                // Container ports too: a named targetPort makes the workload's own inbound port depend on them.
                if (!o.labels().equals(w.labels()) || !o.addresses().equals(w.addresses())
                        || !o.containerPorts().equals(w.containerPorts())) {
                    identityMoved.add(w.id());
                }
            }
        }
        moved.addAll(old.values());
    }

    /** Services ({@code namespace/name}) whose endpoint groups name one of the workloads by pod name or address. */
    private static Set<String> servicesNaming(Collection<Workload> workloads, List<EndpointGroup> groups) {
        Set<String> out = new HashSet<>();
        if (workloads.isEmpty()) {
            return out;
        }
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (Workload w : workloads) {
            names.add(w.namespace() + "/" + w.name());
            addresses.addAll(w.addresses());
        }
        for (EndpointGroup g : groups) {
            for (EndpointGroup.Address ad : g.addresses()) {
                if (addresses.contains(ad.ip()) || names.contains(g.meta().namespace() + "/" + ad.podName())) {
                    out.add(g.meta().namespace() + "/" + g.serviceName());
                    break;
                }
            }
        }
        return out;
    }

    private static boolean selectsAny(MeshService s, List<Workload> workloads) {
        if (s.selector().isEmpty()) {
            return false;
        }
        for (Workload w : workloads) {
            if (w.namespace().equals(s.namespace()) && Labels.selects(s.selector(), w.labels())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The services ({@code namespace/name}) of the groups that differ position by position, or null (every
     * service) when the lists differ in length. Unchanged files give the same group instances in the same places
     * (the server's decode cache hands them back), so this costs a reference comparison per group instead of
     * indexing both inputs' groups by service; a service none of whose groups moved cannot have changed.
     */
    private static Set<String> differing(List<EndpointGroup> before, List<EndpointGroup> after) {
        if (before.size() != after.size()) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i < before.size(); i++) {
            EndpointGroup x = before.get(i);
            EndpointGroup y = after.get(i);
            if (x != y && !x.equals(y)) {
                out.add(serviceKey(x));
                out.add(serviceKey(y));
            }
        }
        return out;
    }

    private static String serviceKey(EndpointGroup g) {
        return g.meta().namespace() + "/" + g.serviceName();
    }

    /** Endpoint groups by {@code namespace/service}, each list in name order; only {@code only}'s (null: all). */
    private static Map<String, List<EndpointGroup>> byService(List<EndpointGroup> groups, Set<String> only) {
        Map<String, List<EndpointGroup>> out = new HashMap<>();
        if (only != null && only.isEmpty()) {
            return out;
        }
        for (EndpointGroup g : groups) {
            String key = serviceKey(g);
            if (only == null || only.contains(key)) {
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(g -> g.meta().name())));
        return out;
    }

    private static List<List<EndpointGroup.Port>> ports(List<EndpointGroup> groups) {
        List<List<EndpointGroup.Port>> out = new ArrayList<>();
        groups.forEach(g -> out.add(g.ports()));
        return out;
    }
}
