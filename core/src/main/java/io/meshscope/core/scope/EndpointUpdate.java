package io.meshscope.core.scope;

import io.meshscope.core.model.EndpointGroup;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.registry.MeshService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A new input whose only changes are endpoint addresses of Kubernetes services — the most frequent change a
 * mesh sees (pods come and go) and istiod's incremental EDS push. Recognising it lets the server keep every
 * scope, cluster, listener and route and rebuild only the changed services' endpoint assignments.
 *
 * <p>Only address changes qualify. A change that could reach beyond a service's assignments takes the full
 * path: anything outside the endpoint groups, endpoint ports (they give workloads' inbound target ports), and
 * headless services (their endpoint IPs are outbound listeners).
 *
 * @param index the index of the new input, sharing everything of the previous one but the input
 * @param changes the {@code Endpoints} config keys of the changed services, as {@link ConfigChanges#between}
 * @param services the changed Kubernetes services, as {@code namespace/name}
 * @param hostnames the hostnames of those services that the registry knows (what generated config refers to)
 */
public record EndpointUpdate(MeshIndex index, ConfigChanges changes, Set<String> services, Set<String> hostnames) {

    public EndpointUpdate {
        services = Set.copyOf(services);
        hostnames = Set.copyOf(hostnames);
    }

    /** The update from {@code before} to {@code after}, or empty when {@code after} changes more than addresses. */
    public static Optional<EndpointUpdate> between(MeshIndex before, MeshInput after) {
        MeshInput a = before.input();
        if (!sameOutsideEndpoints(a, after)) {
            return Optional.empty();
        }
        Map<String, List<EndpointGroup>> old = byService(a.endpoints());
        Map<String, List<EndpointGroup>> now = byService(after.endpoints());
        Set<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        Set<String> changed = new LinkedHashSet<>();
        for (String key : keys) {
            List<EndpointGroup> x = old.getOrDefault(key, List.of());
            List<EndpointGroup> y = now.getOrDefault(key, List.of());
            if (x.equals(y)) {
                continue;
            }
            if (!ports(x).equals(ports(y))) {
                return Optional.empty();
            }
            changed.add(key);
        }
        Set<ConfigKey> configKeys = new LinkedHashSet<>();
        Set<String> hostnames = new HashSet<>();
        for (MeshService s : before.registry().all()) {
            if (!s.isKubernetes() || !changed.contains(s.namespace() + "/" + s.source().name())) {
                continue;
            }
            if (s.resolution() == MeshService.Resolution.PASSTHROUGH) {
                return Optional.empty();
            }
            configKeys.add(new ConfigKey(ConfigKey.ENDPOINTS, s.namespace(), s.hostname()));
            hostnames.add(s.hostname());
        }
        return Optional.of(new EndpointUpdate(before.withEndpoints(after),
                new ConfigChanges(configKeys, false, Set.of()), changed, hostnames));
    }

    /** Everything but the endpoint groups is equal, source positions included (so shared indexes stay exact). */
    private static boolean sameOutsideEndpoints(MeshInput a, MeshInput b) {
        return a.meshConfig().equals(b.meshConfig()) && a.namespaces().equals(b.namespaces())
                && a.services().equals(b.services()) && a.serviceEntries().equals(b.serviceEntries())
                && a.workloads().equals(b.workloads()) && a.sidecars().equals(b.sidecars())
                && a.virtualServices().equals(b.virtualServices())
                && a.destinationRules().equals(b.destinationRules());
    }

    /** Endpoint groups by {@code namespace/service}, each list in id order. */
    private static Map<String, List<EndpointGroup>> byService(List<EndpointGroup> groups) {
        Map<String, List<EndpointGroup>> out = new HashMap<>();
        for (EndpointGroup g : groups) {
            out.computeIfAbsent(g.meta().namespace() + "/" + g.serviceName(), k -> new ArrayList<>()).add(g);
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(g -> g.meta().name())));
        return out;
    }

    private static List<List<EndpointGroup.Port>> ports(List<EndpointGroup> groups) {
        List<List<EndpointGroup.Port>> out = new ArrayList<>();
        groups.forEach(g -> out.add(g.ports()));
        return out;
    }

    /** Whether {@code namespace/name} names a service whose endpoints this update changed. */
    public boolean changed(String namespace, String name) {
        return services.contains(namespace + "/" + name);
    }

    /** Whether generated config of {@code service} can differ: it is a Kubernetes service whose endpoints changed. */
    public boolean changed(MeshService service) {
        // A Kubernetes hostname names one Service (name.namespace.svc.<domain>); a ServiceEntry claiming the same
        // host has endpoints of its own, which this update did not touch.
        return service.isKubernetes() && hostnames.contains(service.hostname());
    }
}
