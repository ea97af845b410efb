package io.meshscope.core.deps;

import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.Labels;
import io.meshscope.core.registry.Hostnames;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServiceRegistry;
import io.meshscope.core.scope.MeshIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Ties evidence to the manifests. A source {@code ns/name} is the workload of that name, else the single workload
 * the Service {@code ns/name} selects (dependency maps name services). A destination is the registry service with
 * that hostname: in the namespace the evidence names when it names one, else the one istiod would pick for the
 * caller (its own namespace, then Kubernetes, then the oldest visible); an external host may also fall under a
 * wildcard ServiceEntry host. Calls with the same caller, service and port are merged (counts added).
 */
public final class CallResolver {
    private final MeshIndex index;
    private final Callers callers;

    public CallResolver(MeshIndex index) {
        this.index = index;
        this.callers = Callers.of(index.input());
    }

    public Callers callers() {
        return callers;
    }

    /** Resolves every call of {@code evidence}; the result lists calls in (caller, host, port) order. */
    public Resolution resolve(Evidence evidence) {
        Map<Key, Acc> merged = new LinkedHashMap<>();
        List<Unresolved> unresolved = new ArrayList<>();
        for (Call call : evidence.calls()) {
            Caller caller = caller(call.sourceNamespace(), call.sourceWorkload());
            if (caller == null) {
                unresolved.add(new Unresolved(call, Unresolved.Reason.UNKNOWN_SOURCE,
                        call.sourceId() + " is not a workload (or the Service of one workload) in the manifests"));
                continue;
            }
            String host = fqdn(call);
            MeshService service = service(host, call.hostNamespace(), caller.namespace());
            if (service == null) {
                boolean cluster = host.endsWith(".svc." + index.mesh().domainSuffix());
                unresolved.add(cluster
                        ? new Unresolved(call, Unresolved.Reason.UNKNOWN_SERVICE,
                                "service " + host + " is not in the manifests")
                        : new Unresolved(call, Unresolved.Reason.NO_SERVICE_ENTRY,
                                "external host " + host + " has no ServiceEntry in the manifests; add one, then "
                                        + "import it from the ServiceEntry's namespace"));
                continue;
            }
            Key key = new Key(caller.id(), service.namespace(), service.hostname(), call.port());
            merged.computeIfAbsent(key, k -> new Acc(caller, service, call.port())).add(call);
        }
        List<ResolvedCall> calls = new ArrayList<>();
        merged.values().forEach(a -> calls.add(new ResolvedCall(a.caller, a.service, a.port, a.count, a.sources)));
        calls.sort(Comparator.comparing((ResolvedCall c) -> c.caller().id())
                .thenComparing(c -> c.service().hostname()).thenComparing(c -> c.service().namespace())
                .thenComparing(c -> c.port() == null ? -1 : c.port()));
        return new Resolution(calls, unresolved, callers, evidence);
    }

    /** The caller {@code namespace/name}: a workload, or the one workload a Service of that name selects. */
    public Caller caller(String namespace, String name) {
        Caller c = callers.get(namespace + "/" + name);
        if (c != null) {
            return c;
        }
        for (KubeService s : index.input().services()) {
            if (s.meta().namespace().equals(namespace) && s.meta().name().equals(name) && !s.selector().isEmpty()) {
                List<Caller> selected = callers.all().stream()
                        .filter(x -> x.namespace().equals(namespace) && Labels.selects(s.selector(), x.labels()))
                        .toList();
                return selected.size() == 1 ? selected.get(0) : null;
            }
        }
        return null;
    }

    private String fqdn(Call call) {
        if (call.hostNamespace() != null && !call.host().contains(".")) {
            return Hostnames.kubernetesHost(call.host(), call.hostNamespace(), index.mesh().domainSuffix());
        }
        return call.host();
    }

    /** The registry service for a host as the caller's proxy would see it, or null. */
    MeshService service(String host, String hint, String callerNs) {
        ServiceRegistry registry = index.registry();
        if (hint != null) {
            MeshService s = registry.lookup(host, hint);
            if (s != null) {
                return s;
            }
        }
        MeshService best = pick(registry.byNamespace(host).values(), callerNs, registry);
        if (best != null) {
            return best;
        }
        // An external host may be declared by a wildcard ServiceEntry host (*.example.com): the most specific.
        List<MeshService> wild = new ArrayList<>();
        for (MeshService s : registry.all()) {
            if (Hostnames.isWildcard(s.hostname()) && !Hostnames.isWildcard(host)
                    && Hostnames.subsetOf(host, s.hostname())) {
                wild.add(s);
            }
        }
        wild.sort(Comparator.comparingInt((MeshService s) -> -s.hostname().length()));
        if (!wild.isEmpty()) {
            String longest = wild.get(0).hostname();
            return pick(wild.stream().filter(s -> s.hostname().equals(longest)).toList(), callerNs, registry);
        }
        return null;
    }

    private static MeshService pick(Iterable<MeshService> candidates, String callerNs, ServiceRegistry registry) {
        MeshService best = null;
        for (MeshService s : candidates) {
            if (!registry.isVisible(s, callerNs)) {
                continue;
            }
            if (s.namespace().equals(callerNs)) {
                return s;
            }
            if (best == null || (s.isKubernetes() && !best.isKubernetes())
                    || (s.isKubernetes() == best.isKubernetes() && MeshService.CREATION_ORDER.compare(s, best) < 0)) {
                best = s;
            }
        }
        if (best == null) {
            // Not visible from the caller: still name it, so whatif can say why it is unreachable.
            for (MeshService s : candidates) {
                if (best == null || MeshService.CREATION_ORDER.compare(s, best) < 0) {
                    best = s;
                }
            }
        }
        return best;
    }

    private record Key(String caller, String namespace, String host, Integer port) {
    }

    private static final class Acc {
        final Caller caller;
        final MeshService service;
        final Integer port;
        long count;
        final TreeSet<EvidenceSource> sources = new TreeSet<>();

        Acc(Caller caller, MeshService service, Integer port) {
            this.caller = caller;
            this.service = Objects.requireNonNull(service);
            this.port = port;
        }

        void add(Call c) {
            count += c.count();
            sources.add(c.source());
        }
    }
}
