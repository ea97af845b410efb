package io.meshscope.core.registry;

import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.VirtualService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VirtualServices bound to the {@code mesh} gateway, indexed by visibility as istiod's
 * {@code initVirtualServices} does, with hosts and destination hosts resolved to FQDNs.
 */
public final class VirtualServiceIndex {
    private final List<ResolvedVirtualService> publicMesh = new ArrayList<>();
    private final Map<String, List<ResolvedVirtualService>> privateMesh = new HashMap<>();
    private final Map<String, List<ResolvedVirtualService>> exportedMesh = new HashMap<>();
    private final List<ResolvedVirtualService> all = new ArrayList<>();
    /** {@link #visibleTo} per namespace: asked once per listener of every scope built, and by the analyzers. */
    private final Map<String, List<ResolvedVirtualService>> visible = new java.util.concurrent.ConcurrentHashMap<>();

    /** Root VirtualService → the {@code namespace/name} of each delegate it names (istiod merges them in). */
    private final Map<ResolvedVirtualService, List<String>> delegates = new java.util.IdentityHashMap<>();

    private VirtualServiceIndex() {
    }

    /**
     * The delegate VirtualServices ({@code namespace/name}) whose routes {@code vs} carries merged in, found or
     * not: a change to any of them changes the routes of {@code vs}.
     */
    public List<String> delegatesOf(ResolvedVirtualService vs) {
        return delegates.getOrDefault(vs, List.of());
    }

    /** Indexes the VirtualServices of the input, oldest first. */
    public static VirtualServiceIndex build(List<VirtualService> vses, MeshConfig mesh) {
        VirtualServiceIndex idx = new VirtualServiceIndex();
        List<VirtualService> sorted = new ArrayList<>(vses);
        sorted.sort(MeshObject.OLDEST_FIRST);
        DelegateMerger delegates = new DelegateMerger(sorted, mesh);
        for (VirtualService vs : sorted) {
            ResolvedVirtualService r = ResolvedVirtualService.of(delegates.merge(vs), mesh.domainSuffix());
            List<String> keys = DelegateMerger.delegateKeys(vs);
            if (!keys.isEmpty()) {
                idx.delegates.put(r, keys);
            }
            idx.all.add(r);
            if (!r.boundToMesh()) {
                continue;
            }
            Set<String> exportTo = exportTo(vs, mesh);
            if (exportTo.contains("*")) {
                idx.publicMesh.add(r);
            } else if (!exportTo.contains("~")) {
                for (String ns : exportTo) {
                    if (ns.equals(vs.meta().namespace())) {
                        idx.privateMesh.computeIfAbsent(ns, n -> new ArrayList<>()).add(r);
                    } else {
                        idx.exportedMesh.computeIfAbsent(ns, n -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        return idx;
    }

    /** The namespaces {@code vs} is exported to: written, else the mesh default; {@code .} is its own namespace. */
    static Set<String> exportTo(VirtualService vs, MeshConfig mesh) {
        Set<String> exportTo = new LinkedHashSet<>();
        List<String> written = vs.exportTo().isEmpty() ? mesh.defaultVirtualServiceExportTo() : vs.exportTo();
        for (String e : written) {
            exportTo.add(e.equals(".") ? vs.meta().namespace() : e);
        }
        return exportTo;
    }

    /** Mesh-bound VirtualServices visible to {@code ns}: private, then exported to it, then public. */
    public List<ResolvedVirtualService> visibleTo(String ns) {
        return visible.computeIfAbsent(ns, n -> {
            List<ResolvedVirtualService> out = new ArrayList<>(privateMesh.getOrDefault(n, List.of()));
            out.addAll(exportedMesh.getOrDefault(n, List.of()));
            out.addAll(publicMesh);
            return List.copyOf(out);
        });
    }

    /** Every VirtualService, oldest first. */
    public List<ResolvedVirtualService> all() {
        return all;
    }
}
