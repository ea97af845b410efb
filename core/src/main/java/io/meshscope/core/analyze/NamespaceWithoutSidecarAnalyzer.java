package io.meshscope.core.analyze;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.ProxyWorkloads;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.core.whatif.SizeModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MS0004: namespaces with sidecar proxies to which no Sidecar applies while the root namespace has no default
 * Sidecar, so every such proxy receives the whole visible mesh. The size of that config comes from an injected
 * {@link SizeModel}, per workload: {@link SizeModel#CLUSTERS} (outbound clusters) by default; the command line plugs
 * in the xDS report engine's bytes, the same model report, generate and whatif use.
 */
public final class NamespaceWithoutSidecarAnalyzer implements Analyzer {
    private static final int MAX_LISTED = 4;
    private final IndexCache cache;
    private final SizeModel size;

    public NamespaceWithoutSidecarAnalyzer() {
        this(new IndexCache(), SizeModel.CLUSTERS);
    }

    /** With another measure of a proxy's config, e.g. the xDS bytes of its scope. */
    public NamespaceWithoutSidecarAnalyzer(SizeModel size) {
        this(new IndexCache(), size);
    }

    NamespaceWithoutSidecarAnalyzer(IndexCache cache, SizeModel size) {
        this.cache = cache;
        this.size = size;
    }

    @Override
    public String name() {
        return "meshscope.NamespaceWithoutSidecarAnalyzer";
    }

    @Override
    public List<MessageType> produces() {
        return List.of(MeshscopeMessageTypes.NAMESPACE_WITHOUT_SIDECAR);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        MeshIndex index = cache.of(input);
        if (cache.consumers(input).rootDefault() != null) {
            return List.of();
        }
        SidecarProxies proxies = new SidecarProxies(input);
        Map<String, List<Workload>> unscoped = new TreeMap<>();
        Map<String, Integer> meshed = new TreeMap<>();
        for (Workload w : ProxyWorkloads.of(input)) {
            if (!proxies.runsSidecar(w)) {
                continue;
            }
            meshed.merge(w.namespace(), 1, Integer::sum);
            if (index.select(Describer.proxyOf(w, ProxyType.SIDECAR)).sidecar() == null) {
                unscoped.computeIfAbsent(w.namespace(), n -> new ArrayList<>()).add(w);
            }
        }
        List<AnalysisMessage> out = new ArrayList<>();
        // Counts per visible-services list, by identity: namespaces that see the same services share one list.
        Map<List<MeshService>, long[]> counts = new IdentityHashMap<>();
        boolean uniqueHosts = uniqueHostnames(index);
        unscoped.forEach((ns, workloads) -> out.add(message(input, index, ns, workloads, meshed.get(ns),
                counts, uniqueHosts)));
        return out;
    }

    private AnalysisMessage message(MeshInput input, MeshIndex index, String ns, List<Workload> sized, int meshed,
                                    Map<List<MeshService>, long[]> countsCache, boolean uniqueHosts) {
        List<String> workloads = sized.stream().map(w -> w.kind().kindName() + " " + w.name()).toList();
        Supplier<SidecarScope> scope = () -> index.scopeFor(null, ns);
        long[] counts = counts(index, ns, scope, countsCache, uniqueHosts);
        long hosts = counts[0];
        long ports = counts[1];
        String root = input.meshConfig().rootNamespace();
        String text = "no Sidecar applies to " + workloads.size() + " of " + Findings.count(meshed, "workload")
                + " with a sidecar proxy in namespace " + ns + " (" + Findings.firstOf(workloads, MAX_LISTED)
                + ") and the root namespace " + root + " has no default Sidecar, so each of their proxies receives"
                + " every service exported to " + ns + ": " + Findings.count(hosts, "service") + ", "
                + Findings.count(ports, "service port") + ", " + sizeText(scope, sized)
                + ". Add a namespace default Sidecar to " + ns + " (egress hosts \"./*\" plus what its workloads call),"
                + " or a default Sidecar without workloadSelector in " + root + ".";
        MeshObject namespace = input.namespaces().stream().filter(n -> n.meta().name().equals(ns)).findFirst()
                .map(n -> (MeshObject) n).orElse(new Namespace(ObjectMeta.of("Namespace", "", ns)));
        return Findings.at(MeshscopeMessageTypes.NAMESPACE_WITHOUT_SIDECAR, namespace, "metadata.name", text);
    }

    /**
     * Distinct service hostnames and service ports of the namespace's default scope. Without VirtualServices
     * (whose destinations a scope also imports) and with one service per hostname, that scope is exactly
     * {@code exportedTo(ns)}, a list namespaces share: counted once per list instead of building every
     * namespace's whole-mesh scope.
     */
    private static long[] counts(MeshIndex index, String ns, Supplier<SidecarScope> scope,
                                 Map<List<MeshService>, long[]> countsCache, boolean uniqueHosts) {
        List<MeshService> services;
        if (index.input().virtualServices().isEmpty() && uniqueHosts) {
            services = index.registry().exportedTo(ns);
        } else {
            services = scope.get().services();
        }
        return countsCache.computeIfAbsent(services, l -> {
            Set<String> hosts = new HashSet<>();
            long ports = 0;
            for (MeshService s : l) {
                hosts.add(s.hostname());
                ports += s.ports().size();
            }
            return new long[] {hosts.size(), ports};
        });
    }

    private static boolean uniqueHostnames(MeshIndex index) {
        Set<String> seen = new HashSet<>();
        return index.registry().all().stream().allMatch(s -> seen.add(s.hostname()));
    }

    /**
     * The size model's figure per proxy, labelled with what it counts: one number when every workload's proxy
     * gets the same, else the range (the inbound side differs per workload), as {@code report} shows per row.
     */
    private String sizeText(Supplier<SidecarScope> scope, List<Workload> workloads) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Workload w : workloads) {
            long v = size.ofDefaultScope(scope, Describer.proxyOf(w, ProxyType.SIDECAR), w);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return (min == max ? String.valueOf(min) : min + " to " + max) + " " + size.unit() + " per proxy ("
                + size.counts() + ")";
    }
}
