package io.meshscope.core.whatif;

import io.meshscope.core.model.EgressListener;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.SidecarScope;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a proxy's scope routes a call to a service, as istiod builds outbound listeners: a port declared on a
 * port-specific egress listener is served only by that listener's services ("locked"); every other port by the
 * first catch-all listener's services. A call of unknown port is routed when at least one of the service's
 * ports is. A service only in the scope union (inferred from an imported VirtualService) counts as routed, since
 * it is reached through that VirtualService's host.
 */
final class Route {
    private Route() {
    }

    static boolean routed(SidecarScope scope, RouteTable.Indexed services, MeshService target, Integer port) {
        Set<Integer> locked = new HashSet<>();
        EgressScope catchAll = null;
        for (EgressScope es : scope.egress()) {
            Integer p = es.listener().matchPort();
            if (p != null) {
                locked.add(p);
            } else if (catchAll == null && es.listener().isCatchAll()) {
                catchAll = es;
            }
        }
        boolean inAnyListener = false;
        for (int i = 0; i < scope.egress().size(); i++) {
            EgressScope es = scope.egress().get(i);
            Integer listenerPort = es.listener().matchPort();
            for (MeshService s : services.matching(i, target)) {
                inAnyListener = true;
                for (ServicePort sp : s.ports()) {
                    boolean served = listenerPort != null ? sp.port() == listenerPort
                            : es == catchAll && !locked.contains(sp.port());
                    if (served && (port == null || sp.port() == port)) {
                        return true;
                    }
                }
                if (listenerPort == null && es == catchAll && s.ports().isEmpty() && port == null) {
                    return true;
                }
            }
        }
        if (!inAnyListener) {
            MeshService inferred = scope.service(target.hostname());
            return inferred != null && inferred.namespace().equals(target.namespace())
                    && (port == null || inferred.port(port) != null);
        }
        return false;
    }

    /** The listener a fix belongs on: the port-specific one for the call's port, else null (the catch-all). */
    static EgressScope listenerFor(SidecarScope scope, Integer port) {
        if (port == null) {
            return null;
        }
        for (EgressScope es : scope.egress()) {
            Integer p = es.listener().matchPort();
            if (p != null && p.equals(port)) {
                return es;
            }
        }
        return null;
    }

    /**
     * For a call of unknown port: the port-specific listener that serves the service's first port when every
     * port of the service is locked by port-specific listeners, else null (the catch-all serves some port).
     */
    static EgressScope lockingListener(SidecarScope scope, MeshService target) {
        EgressScope first = null;
        for (ServicePort sp : target.ports()) {
            EgressScope l = listenerFor(scope, sp.port());
            if (l == null) {
                return null;
            }
            if (first == null) {
                first = l;
            }
        }
        return first;
    }
}
