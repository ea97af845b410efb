package io.meshscope.core.scope;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.PeerAuthentication;
import io.meshscope.core.model.ResourceId;
import io.meshscope.core.model.ServiceEntry;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.MeshService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed between two mesh inputs, as the config keys istiod's push logic reasons about: a service
 * (Kubernetes Service or ServiceEntry host) is {@code ServiceEntry/<ns>/<host>}, endpoint-only changes are
 * {@code Endpoints/<ns>/<host>}, and Sidecars, VirtualServices, DestinationRules and PeerAuthentications are keyed
 * by their own name. Where a file was only re-indented or reordered nothing changes: positions are ignored.
 *
 * @param keys the changed config keys
 * @param meshConfigChanged true when MeshConfig changed: every proxy must be pushed (a forced push)
 * @param changedWorkloads workloads (by id) whose labels or addresses changed: their proxies' identity moved
 */
public record ConfigChanges(Set<ConfigKey> keys, boolean meshConfigChanged, Set<ResourceId> changedWorkloads) {

    public ConfigChanges {
        keys = Set.copyOf(keys);
        changedWorkloads = Set.copyOf(changedWorkloads);
    }

    public boolean isEmpty() {
        return keys.isEmpty() && !meshConfigChanged && changedWorkloads.isEmpty();
    }

    /** The changes that turn {@code before} into {@code after} (null before: everything is new). */
    public static ConfigChanges between(MeshIndex before, MeshIndex after) {
        if (before == null) {
            return new ConfigChanges(Set.of(), true, Set.of());
        }
        MeshInput a = before.input();
        MeshInput b = after.input();
        Set<ConfigKey> keys = new LinkedHashSet<>();
        diffObjects(a.sidecars(), b.sidecars(), ConfigChanges::sidecarSpec, ConfigKey.SIDECAR, keys);
        diffObjects(a.virtualServices(), b.virtualServices(), ConfigChanges::vsSpec, ConfigKey.VIRTUAL_SERVICE, keys);
        diffObjects(a.destinationRules(), b.destinationRules(), ConfigChanges::drSpec, ConfigKey.DESTINATION_RULE, keys);
        diffObjects(a.peerAuthentications(), b.peerAuthentications(), ConfigChanges::paSpec,
                ConfigKey.PEER_AUTHENTICATION, keys);
        diffServices(before, after, keys);
        Set<ResourceId> movedWorkloads = new HashSet<>();
        diffEndpoints(before, after, keys, movedWorkloads);
        return new ConfigChanges(keys, !a.meshConfig().equals(b.meshConfig()), movedWorkloads);
    }

    private static <T extends MeshObject> void diffObjects(List<T> before, List<T> after, Function<T, Object> spec,
                                                           String kind, Set<ConfigKey> out) {
        Map<ResourceId, Object> old = new HashMap<>();
        before.forEach(o -> old.put(o.id(), spec.apply(o)));
        Set<ResourceId> seen = new HashSet<>();
        for (T o : after) {
            seen.add(o.id());
            if (!Objects.equals(old.get(o.id()), spec.apply(o))) {
                out.add(new ConfigKey(kind, o.id().namespace(), o.id().name()));
            }
        }
        for (ResourceId id : old.keySet()) {
            if (!seen.contains(id)) {
                out.add(new ConfigKey(kind, id.namespace(), id.name()));
            }
        }
    }

    private static void diffServices(MeshIndex before, MeshIndex after, Set<ConfigKey> out) {
        Map<String, List<MeshService>> old = byHostAndNs(before);
        Map<String, List<MeshService>> now = byHostAndNs(after);
        Set<String> all = new HashSet<>(old.keySet());
        all.addAll(now.keySet());
        for (String key : all) {
            if (!Objects.equals(serviceSpecs(old.get(key)), serviceSpecs(now.get(key)))) {
                int bar = key.indexOf('|');
                out.add(new ConfigKey(ConfigKey.SERVICE_ENTRY, key.substring(0, bar), key.substring(bar + 1)));
            }
        }
    }

    private static Map<String, List<MeshService>> byHostAndNs(MeshIndex index) {
        Map<String, List<MeshService>> out = new HashMap<>();
        for (MeshService s : index.registry().all()) {
            out.computeIfAbsent(s.namespace() + "|" + s.hostname(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The parts of a service that generated config depends on (not where it was written). */
    private static List<List<Object>> serviceSpecs(List<MeshService> services) {
        if (services == null) {
            return null;
        }
        List<List<Object>> out = new ArrayList<>();
        for (MeshService s : services) {
            out.add(List.of(s.registry(), s.ports(), s.exportTo(), s.creationEpochSeconds(), s.resolution(),
                    s.labels(), s.selector(), s.addresses(), s.meshExternal()));
        }
        return out;
    }

    /**
     * Endpoint changes: a service's endpoint groups, the workloads it selects (their addresses and labels) or a
     * ServiceEntry's inline endpoints. Workloads whose labels or addresses changed are reported too, because
     * their own proxies' identity moved.
     */
    private static void diffEndpoints(MeshIndex before, MeshIndex after, Set<ConfigKey> out, Set<ResourceId> moved) {
        Map<ResourceId, Workload> oldWorkloads = new HashMap<>();
        before.input().workloads().forEach(w -> oldWorkloads.put(w.id(), w));
        Set<Workload> changed = new HashSet<>();
        Set<ResourceId> seen = new HashSet<>();
        for (Workload w : after.input().workloads()) {
            seen.add(w.id());
            Workload o = oldWorkloads.get(w.id());
            if (o == null || !o.labels().equals(w.labels()) || !o.addresses().equals(w.addresses())) {
                changed.add(w);
                if (o != null) {
                    changed.add(o);
                    moved.add(w.id());
                }
            }
        }
        oldWorkloads.forEach((id, w) -> {
            if (!seen.contains(id)) {
                changed.add(w);
            }
        });
        Map<String, List<Workload>> changedByNamespace = new HashMap<>();
        changed.forEach(w -> changedByNamespace.computeIfAbsent(w.namespace(), n -> new ArrayList<>()).add(w));
        Map<String, Object> oldEndpoints = endpointSpecs(before.input());
        Map<String, Object> newEndpoints = endpointSpecs(after.input());
        // A service unchanged between the two inputs is one element of the set, checked once.
        for (MeshService s : new LinkedHashSet<>(union(before.registry().all(), after.registry().all()))) {
            String k = s.namespace() + "/" + (s.isKubernetes() ? s.orderName() : s.hostname());
            boolean differs = !Objects.equals(oldEndpoints.get(k), newEndpoints.get(k));
            boolean selectsChanged = !s.selector().isEmpty() && changedByNamespace.getOrDefault(s.namespace(),
                    List.of()).stream().anyMatch(w -> Labels.selects(s.selector(), w.labels()));
            if (differs || selectsChanged) {
                out.add(new ConfigKey(ConfigKey.ENDPOINTS, s.namespace(), s.hostname()));
            }
        }
    }

    private static List<MeshService> union(List<MeshService> a, List<MeshService> b) {
        List<MeshService> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Endpoint groups by {@code ns/serviceName}, and ServiceEntry endpoints by {@code ns/host}. */
    private static Map<String, Object> endpointSpecs(MeshInput in) {
        Map<String, List<Object>> out = new HashMap<>();
        for (EndpointGroup g : in.endpoints()) {
            out.computeIfAbsent(g.meta().namespace() + "/" + g.serviceName(), k -> new ArrayList<>())
                    .add(List.of(g.meta().name(), g.addresses(), g.ports()));
        }
        for (ServiceEntry se : in.serviceEntries()) {
            for (String h : se.hosts()) {
                out.computeIfAbsent(se.meta().namespace() + "/" + h, k -> new ArrayList<>()).add(se.endpoints());
            }
        }
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(Object::toString)));
        return new HashMap<>(out);
    }

    private static ObjectMeta positionless(ObjectMeta m) {
        return new ObjectMeta(m.id(), m.labels(), m.annotations(), m.creationEpochSeconds(),
                io.meshscope.core.model.SourceLocation.UNKNOWN, Map.of());
    }

    private static Object sidecarSpec(Sidecar s) {
        return new Sidecar(positionless(s.meta()), s.workloadSelector(), s.ingress(), s.egress(),
                s.outboundTrafficPolicy(), s.inboundConnectionPool());
    }

    private static Object vsSpec(VirtualService v) {
        return new VirtualService(positionless(v.meta()), v.hosts(), v.gateways(), v.exportTo(), v.http(), v.tcp(),
                v.tls());
    }

    private static Object paSpec(PeerAuthentication p) {
        return new PeerAuthentication(positionless(p.meta()), p.selector(), p.mode(), p.portLevelMtls(),
                p.portLevelWritten());
    }

    private static Object drSpec(DestinationRule d) {
        return new DestinationRule(positionless(d.meta()), d.host(), d.exportTo(), d.workloadSelector(), d.subsets(),
                d.trafficPolicy());
    }
}
