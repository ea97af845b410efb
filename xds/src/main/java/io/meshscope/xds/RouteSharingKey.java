package io.meshscope.xds;

import java.util.Objects;

/**
 * Everything {@link RouteBuilder#build} reads for a route whose listener imports no VirtualService
 * ({@link RouteBuilder#sharingKey}): scopes that agree on it get the same route configuration (istiod's
 * {@code istiod.istio-system:15010} route is the same for every scope of a namespace). {@code inputs}: each service
 * of the port and the DestinationRule its default route reads, compared by instance — held as a bare array because
 * a scope without Sidecar imports every service, and a key per namespace wrapping each in an object would cost
 * tens of MB at 5,000 services.
 */
final class RouteSharingKey {
    private final String routeName;
    private final int listenerPort;
    private final String proxyDomain;
    private final boolean allowAny;
    private final String egressCluster;
    private final Object[] inputs;
    private final int hash;

    RouteSharingKey(String routeName, int listenerPort, String proxyDomain, boolean allowAny, String egressCluster,
                    Object[] inputs) {
        this.routeName = routeName;
        this.listenerPort = listenerPort;
        this.proxyDomain = proxyDomain;
        this.allowAny = allowAny;
        this.egressCluster = egressCluster;
        this.inputs = inputs;
        int h = Objects.hash(routeName, listenerPort, proxyDomain, allowAny, egressCluster);
        for (Object input : inputs) {
            h = 31 * h + System.identityHashCode(input);
        }
        this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RouteSharingKey k) || k.hash != hash || k.listenerPort != listenerPort
                || k.allowAny != allowAny || k.inputs.length != inputs.length || !k.routeName.equals(routeName)
                || !k.proxyDomain.equals(proxyDomain) || !Objects.equals(k.egressCluster, egressCluster)) {
            return false;
        }
        for (int i = 0; i < inputs.length; i++) {
            if (k.inputs[i] != inputs[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
