package io.meshscope.core.deps;

import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.describe.SidecarInjection;
import io.meshscope.core.model.Labels;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proxies of a mesh input, one {@link Caller} per logical workload: controllers (Deployment, StatefulSet,
 * ...), WorkloadEntries, and Pods that no controller in their namespace selects (a Pod whose labels carry a
 * controller's pod-template labels is one of that controller's replicas). Workloads without a proxy, by
 * {@link SidecarInjection}'s rule (the one every command uses), are left out.
 */
public final class Callers {
    private static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private final List<Caller> all;
    private final Map<String, Caller> byId = new HashMap<>();
    /** Callers per namespace: asking for one namespace's must not scan the mesh (once per namespace: quadratic). */
    private final Map<String, List<Caller>> byNamespace = new HashMap<>();

    private Callers(List<Caller> all) {
        this.all = List.copyOf(all);
        all.forEach(c -> byId.putIfAbsent(c.id(), c));
        this.all.forEach(c -> byNamespace.computeIfAbsent(c.namespace(), k -> new ArrayList<>()).add(c));
        byNamespace.replaceAll((ns, callers) -> List.copyOf(callers));
    }

    /** The callers of {@code input}, sorted by id. */
    public static Callers of(MeshInput input) {
        SidecarInjection injection = SidecarInjection.of(input);
        // Grouped by namespace: a workload is only ever compared with its own namespace's (linear in the mesh).
        Map<String, List<Workload>> controllers = new HashMap<>();
        for (Workload w : input.workloads()) {
            if (w.kind() != WorkloadKind.POD && w.kind() != WorkloadKind.WORKLOAD_ENTRY) {
                controllers.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w);
            }
        }
        Map<String, Workload> logical = new TreeMap<>();
        for (Workload w : input.workloads()) {
            if (!injection.hasProxy(w)) {
                continue;
            }
            if ((w.kind() == WorkloadKind.POD || w.kind() == WorkloadKind.REPLICA_SET)
                    && ownedBy(w, controllers.getOrDefault(w.namespace(), List.of()))) {
                continue;
            }
            String id = w.namespace() + "/" + w.name();
            Workload seen = logical.get(id);
            if (seen == null || w.kind().ordinal() > seen.kind().ordinal() && seen.kind() == WorkloadKind.POD) {
                logical.put(id, w);
            }
        }
        Map<String, Integer> appCounts = new HashMap<>();
        for (Workload w : logical.values()) {
            String app = w.labels().get("app");
            if (app != null) {
                appCounts.merge(w.namespace() + '\u0000' + app, 1, Integer::sum);
            }
        }
        List<Caller> out = new ArrayList<>();
        for (Workload w : logical.values()) {
            out.add(new Caller(w.namespace(), w.name(), w, w.labels(), selector(w, appCounts),
                    Math.max(1, w.replicas()), GatewayRecognizer.typeOf(w)));
        }
        return new Callers(out);
    }

    /** Every caller, sorted by id. */
    public List<Caller> all() {
        return all;
    }

    /** The caller {@code namespace/name}, or null. */
    public Caller get(String id) {
        return byId.get(id);
    }

    /** Callers of one namespace, sorted by name. */
    public List<Caller> in(String namespace) {
        return byNamespace.getOrDefault(namespace, List.of());
    }

    /** The callers whose labels a selector matches, in id order. */
    public List<Caller> selectedBy(String namespace, Map<String, String> selector) {
        if (selector.isEmpty()) {
            return List.of();
        }
        return byNamespace.getOrDefault(namespace, List.of()).stream()
                .filter(c -> Labels.selects(selector, c.labels())).toList();
    }

    /** Whether a controller of {@code w}'s namespace ({@code controllers}) selects it. */
    private static boolean ownedBy(Workload w, List<Workload> controllers) {
        for (Workload c : controllers) {
            if (c != w && c.kind() != WorkloadKind.REPLICA_SET
                    && !c.labels().isEmpty() && Labels.selects(c.labels(), w.labels())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Labels that select this workload and no other in its namespace: {@code app} alone when that is enough
     * ({@code appCounts}: callers per namespace and app), else every label but {@code pod-template-hash}.
     */
    private static Map<String, String> selector(Workload w, Map<String, Integer> appCounts) {
        String app = w.labels().get("app");
        if (app != null && appCounts.getOrDefault(w.namespace() + '\u0000' + app, 0) == 1) {
            return Map.of("app", app);
        }
        Map<String, String> out = new LinkedHashMap<>(new TreeMap<>(w.labels()));
        out.remove(POD_TEMPLATE_HASH);
        return out;
    }
}
