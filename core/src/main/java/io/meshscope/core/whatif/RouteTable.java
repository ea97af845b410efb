package io.meshscope.core.whatif;

import io.meshscope.core.registry.MeshService;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import io.meshscope.core.scope.SidecarScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing lookups of one what-if evaluation, so its cost follows the calls checked, not calls times mesh size.
 *
 * <p>Two things were quadratic at 20,000 services without Sidecars (whatif 1.8x the per-service CPU of 5,000):
 * deciding whether a scope routes a call scanned every service of the scope, and every namespace's default scope
 * (each holding the whole mesh) was built to decide its callers' calls. Now each scope's egress services are
 * indexed by (hostname, namespace) once, and when every namespace's default scope imports the same services
 * ({@link MeshIndex#defaultScopesImportAlike}) one of them decides for all. The scope engine shares default scopes
 * too, but only where their DestinationRule dependencies also agree; routing does not depend on rules, so this
 * sharing also covers meshes whose rules are exported to some namespaces only.
 */
final class RouteTable {
    private final MeshIndex index;
    private final Map<SidecarScope, Indexed> indexed = new IdentityHashMap<>();
    private final boolean defaultScopesAlike;
    private SidecarScope sharedDefault;

    RouteTable(MeshIndex index) {
        this.index = index;
        this.defaultScopesAlike = index.defaultScopesImportAlike();
    }

    /** The scope whose routes decide the calls of {@code proxy}. */
    SidecarScope routingScope(Proxy proxy) {
        if (defaultScopesAlike && proxy.type() == ProxyType.SIDECAR && index.select(proxy).sidecar() == null) {
            if (sharedDefault == null) {
                sharedDefault = index.scopeFor(null, proxy.namespace());
            }
            return sharedDefault;
        }
        return index.scope(proxy);
    }

    /** {@link Route#routed} over {@code scope}, its services looked up instead of scanned. */
    boolean routed(SidecarScope scope, MeshService target, Integer port) {
        return Route.routed(scope, indexed.computeIfAbsent(scope, Indexed::of), target, port);
    }

    /** A scope's egress services, per listener, by hostname and namespace (in the listener's order). */
    record Indexed(List<Map<String, List<MeshService>>> byEgress) {
        static Indexed of(SidecarScope scope) {
            List<Map<String, List<MeshService>>> out = new ArrayList<>(scope.egress().size());
            for (EgressScope es : scope.egress()) {
                Map<String, List<MeshService>> byKey = new HashMap<>();
                for (MeshService s : es.services()) {
                    byKey.computeIfAbsent(key(s), k -> new ArrayList<>(1)).add(s);
                }
                out.add(byKey);
            }
            return new Indexed(out);
        }

        /** The services of egress listener {@code i} (position in {@link SidecarScope#egress()}) that are {@code target}. */
        List<MeshService> matching(int i, MeshService target) {
            return byEgress.get(i).getOrDefault(key(target), List.of());
        }

        private static String key(MeshService s) {
            return s.namespace() + '/' + s.hostname();
        }
    }
}
