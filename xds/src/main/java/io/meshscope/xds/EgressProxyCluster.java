package io.meshscope.xds;

import io.meshscope.core.model.EgressProxy;
import io.meshscope.core.scope.SidecarScope;

/**
 * Where a scope's unmatched outbound traffic goes under ALLOW_ANY: PassthroughCluster, or the cluster of the
 * Sidecar's {@code outboundTrafficPolicy.egressProxy}, as istiod's {@code buildSidecarVirtualHostsFromConfigAndRegistry}
 * catch-all ({@code httproute.go}) and {@code buildOutboundCatchAllNetworkFiltersOnly} ({@code listener_builder.go})
 * name it with {@code GetDestinationCluster(egressProxy, nil, 0)}: {@code outbound|<port or 0>|<subset>|<host as
 * written>}. Like istiod, the cluster is only there when the scope imports that host (Envoy answers 503 otherwise);
 * the field is deprecated (IST0002), not ignored.
 */
final class EgressProxyCluster {
    private EgressProxyCluster() {
    }

    /** The catch-all cluster of an ALLOW_ANY scope. */
    static String of(SidecarScope scope) {
        EgressProxy egress = scope.sidecar() == null || scope.sidecar().outboundTrafficPolicy() == null
                ? null : scope.sidecar().outboundTrafficPolicy().egressProxy();
        if (egress == null) {
            return ResourceNames.PASSTHROUGH_CLUSTER;
        }
        if (egress.host() == null || egress.host().isEmpty()) {
            return "UnknownService";
        }
        long port = egress.port() == null ? 0 : egress.port();
        return "outbound|" + port + "|" + (egress.subset() == null ? "" : egress.subset()) + "|" + egress.host();
    }
}
