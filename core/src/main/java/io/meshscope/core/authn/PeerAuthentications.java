package io.meshscope.core.authn;

import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.PeerAuthentication;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective mTLS mode of a workload port, as istiod computes it for a sidecar: {@code
 * AuthenticationPolicies.GetPeerAuthenticationsForWorkload} (the PeerAuthentications of the workload's namespace
 * and of the root namespace whose selector is a subset of the workload's labels) composed by {@code
 * authn.ComposePeerAuthentication} (pilot/pkg/security/authn/policy_applier.go): the oldest mesh-wide policy (root
 * namespace, no selector labels), the oldest namespace-wide one, the oldest workload one (selector with labels,
 * not in the root namespace; a selector policy in the root namespace applies to nothing); each level's UNSET
 * inherits the level above; PERMISSIVE when nothing decides; the workload policy's port-level modes override for
 * their ports (UNSET there inherits the workload mode). "Oldest" is creation time, then name, then namespace
 * ({@code sortConfigByCreationTime}). Pure; build once per input.
 */
public final class PeerAuthentications {
    private final String rootNamespace;
    private final Map<String, List<PeerAuthentication>> byNamespace = new HashMap<>();

    /** An index of {@code all} (any order) under the mesh's {@code rootNamespace}. */
    public PeerAuthentications(List<PeerAuthentication> all, String rootNamespace) {
        this.rootNamespace = rootNamespace;
        List<PeerAuthentication> sorted = new ArrayList<>(all);
        sorted.sort(MeshObject.OLDEST_FIRST);
        for (PeerAuthentication pa : sorted) {
            byNamespace.computeIfAbsent(pa.meta().namespace(), n -> new ArrayList<>()).add(pa);
        }
    }

    /** True when there is no PeerAuthentication at all (every workload gets the default). */
    public boolean isEmpty() {
        return byNamespace.isEmpty();
    }

    /** The effective mode of {@code port} (the inbound target port) of a workload with these labels. */
    public MtlsMode mode(String namespace, Map<String, String> labels, int port) {
        return effective(namespace, labels).forPort(port);
    }

    /** {@code ComposePeerAuthentication} over the policies that apply to a workload with these labels. */
    public EffectiveMtls effective(String namespace, Map<String, String> labels) {
        PeerAuthentication mesh = null;
        PeerAuthentication ns = null;
        PeerAuthentication workload = null;
        // Candidates in oldest-first order, so the first of each level is the one istiod keeps.
        for (String n : namespace.equals(rootNamespace) ? List.of(namespace) : List.of(namespace, rootNamespace)) {
            for (PeerAuthentication pa : byNamespace.getOrDefault(n, List.of())) {
                if (!selects(pa, labels)) {
                    continue;
                }
                if (pa.namespaceWide()) {
                    if (n.equals(rootNamespace)) {
                        mesh = older(mesh, pa);
                    } else {
                        ns = older(ns, pa);
                    }
                } else if (!n.equals(rootNamespace)) {
                    workload = older(workload, pa);
                }
            }
        }
        MtlsMode mode = MtlsMode.PERMISSIVE;
        for (PeerAuthentication level : new PeerAuthentication[] {mesh, ns, workload}) {
            if (level != null && level.mode() != MtlsMode.UNSET) {
                mode = level.mode();
            }
        }
        Map<Integer, MtlsMode> perPort = new HashMap<>();
        if (workload != null) {
            for (Map.Entry<Long, MtlsMode> e : workload.portLevelMtls().entrySet()) {
                if (e.getKey() > 0 && e.getKey() <= 65535) {
                    perPort.put(e.getKey().intValue(), e.getValue() == MtlsMode.UNSET ? mode : e.getValue());
                }
            }
        }
        return new EffectiveMtls(mode, perPort, id(mesh), id(ns), id(workload));
    }

    /** {@code selector.SubsetOf(workloadLabels)}: no selector or no labels selects every workload. */
    private static boolean selects(PeerAuthentication pa, Map<String, String> labels) {
        if (pa.selector() == null) {
            return true;
        }
        for (Map.Entry<String, String> e : pa.selector().labels().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static PeerAuthentication older(PeerAuthentication kept, PeerAuthentication candidate) {
        return kept == null || MeshObject.OLDEST_FIRST.compare(candidate, kept) < 0 ? candidate : kept;
    }

    private static io.meshscope.core.model.ResourceId id(PeerAuthentication pa) {
        return pa == null ? null : pa.id();
    }
}
