package io.meshscope.core.describe;

import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.Protocols;
import io.meshscope.core.registry.ResolvedVirtualService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.HostEntry;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.core.scope.SidecarSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds a {@link Description} for a workload's proxy from the mesh index; shared by CLI, admin and server. */
public final class Describer {
    private final MeshIndex index;
    private final ShownNamespaces shown;
    private final SidecarInjection injection;

    public Describer(MeshIndex index) {
        this.index = index;
        this.shown = ShownNamespaces.of(index.input());
        this.injection = SidecarInjection.of(index.input());
    }

    /** The proxy a workload runs: its namespace and labels, as the given proxy type. */
    public static Proxy proxyOf(Workload w, ProxyType type) {
        return new Proxy(type, w.namespace(), w.labels());
    }

    public Description describe(Workload w, ProxyType type) {
        Proxy proxy = proxyOf(w, type);
        SidecarSelection sel = index.select(proxy);
        SidecarScope scope = index.scope(proxy);
        Sidecar sidecar = sel.sidecar();
        List<Description.ShadowedView> shadowed = sel.shadowed().stream()
                .map(s -> new Description.ShadowedView(s.sidecar().meta().id().nsName(), s.reason()))
                .sorted((a, b) -> a.sidecar().compareTo(b.sidecar())).toList();
        List<Description.EgressView> egress = new ArrayList<>();
        for (EgressScope es : scope.egress()) {
            egress.add(egressView(es, scope.namespace()));
        }
        SortedMap<String, List<Integer>> ports = new TreeMap<>();
        SortedMap<String, String> namespaces = new TreeMap<>();
        SortedMap<String, SortedMap<Integer, String>> protocols = new TreeMap<>();
        for (MeshService s : scope.services()) {
            ports.put(s.hostname(), portNumbers(List.of(s)));
            namespaces.put(s.hostname(), s.namespace());
            SortedMap<Integer, String> byPort = protocols.computeIfAbsent(s.hostname(), h -> new TreeMap<>());
            for (ServicePort p : s.ports()) {
                byPort.putIfAbsent(p.port(), Protocols.displayName(p.protocol()));
            }
        }
        SortedMap<String, String> drs = new TreeMap<>();
        for (Map.Entry<String, DestinationRuleIndex.Entry> e : index.destinationRules(proxy, scope).entrySet()) {
            drs.put(e.getKey(), e.getValue().key());
        }
        List<Description.IngressView> ingress = new ArrayList<>();
        for (IngressListener il : scope.ingress()) {
            if (il == null || il.port() == null) {
                continue;
            }
            PortSpec p = il.port();
            ingress.add(new Description.IngressView(p.number(), p.protocol(), p.name(), emptyToNull(il.bind()),
                    il.captureMode().name(), il.defaultEndpoint()));
        }
        return new Description(
                new Description.WorkloadView(w.kind().kindName(), w.namespace(), w.name(), new TreeMap<>(w.labels())),
                type.wireName(),
                sidecar == null ? null : sidecar.meta().id().nsName(),
                sidecar == null ? null : sidecar.meta().location(),
                sel.selectedBy().wireName(),
                shadowed,
                scope.outboundMode() == null ? null : scope.outboundMode().name(),
                egress,
                new ArrayList<>(namespaces.keySet()),
                ports, namespaces, drs, ingress, protocols, injectionView(w));
    }

    private Description.InjectionView injectionView(Workload w) {
        SidecarInjection.Decision d = injection.decide(w);
        return new Description.InjectionView(d.hasProxy(), d.reason(), d.assumed());
    }

    private Description.EgressView egressView(EgressScope es, String configNs) {
        EgressListener l = es.listener();
        SortedMap<String, List<MeshService>> byHost = new TreeMap<>();
        for (MeshService s : es.services()) {
            byHost.computeIfAbsent(s.hostname(), h -> new ArrayList<>()).add(s);
        }
        SortedMap<String, List<Integer>> ports = new TreeMap<>();
        SortedMap<String, String> namespaces = new TreeMap<>();
        byHost.forEach((h, list) -> {
            ports.put(h, portNumbers(list));
            namespaces.put(h, list.get(0).namespace());
        });
        List<String> vses = es.virtualServices().stream().map(ResolvedVirtualService::key).sorted().toList();
        Map<String, List<String>> hostMatches = new LinkedHashMap<>(); // as written, so the text reads like the YAML
        List<String> unmatched = new ArrayList<>();
        List<String> unknownNamespace = new ArrayList<>();
        for (String written : l.hosts()) {
            if (written == null) {
                continue;
            }
            Optional<HostEntry> parsed = HostEntry.parse(written, configNs);
            if (parsed.isEmpty()) {
                unmatched.add(written);
                hostMatches.put(written, List.of());
                continue;
            }
            HostEntry h = parsed.get();
            if (h.exclusion()) {
                continue; // exclusions never import; they are explained by what is absent
            }
            TreeSet<String> matched = new TreeSet<>();
            for (MeshService s : es.services()) {
                if (h.matchesService(s.namespace(), s.hostname())) {
                    matched.add(s.hostname());
                }
            }
            for (ResolvedVirtualService vs : es.virtualServices()) {
                for (String vh : vs.hosts()) {
                    if (h.matchesVirtualServiceHost(vs.namespace(), vh)) {
                        matched.add("VirtualService " + vs.key());
                        break;
                    }
                }
            }
            hostMatches.put(written, new ArrayList<>(matched));
            if (matched.isEmpty()) {
                (shown.unknownNamespaceOf(h) == null ? unmatched : unknownNamespace).add(written);
            }
        }
        PortSpec p = l.port();
        return new Description.EgressView(
                p == null ? null : p.number(),
                p == null ? null : p.protocol(),
                p == null ? null : p.name(),
                emptyToNull(l.bind()),
                l.captureMode().name(),
                l.hosts(),
                new ArrayList<>(byHost.keySet()),
                ports, namespaces, vses, hostMatches, unmatched, unknownNamespace);
    }

    private static List<Integer> portNumbers(List<MeshService> services) {
        TreeSet<Integer> out = new TreeSet<>();
        for (MeshService s : services) {
            for (ServicePort p : s.ports()) {
                out.add(p.port());
            }
        }
        return new ArrayList<>(out);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
