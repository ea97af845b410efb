package io.meshscope.xds;

import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.TrafficPolicy;

/**
 * A DestinationRule's {@code tunnel} as istiod applies it ({@code pilot/pkg/networking/core/tunnelingconfig/apply.go}
 * {@code Apply}): not on the cluster at all, but as the {@code tunneling_config} of the TCP proxy that sends to the
 * destination (outbound TCP and TLS chains, {@code buildOutboundNetworkFiltersWithSingleDestination}). For a subset
 * destination only the subset's own tunnel counts (the rule's top-level one is not inherited); otherwise the
 * top-level one.
 */
final class Tunnels {
    private Tunnels() {
    }

    /** The {@code tunneling_config} for a TCP proxy to {@code subset} ("" for none) of {@code rule}, or null. */
    static TcpProxy.TunnelingConfig forDestination(DestinationRule rule, String subset) {
        if (rule == null) {
            return null;
        }
        TrafficPolicy.Tunnel t = null;
        if (subset != null && !subset.isEmpty()) {
            for (DestinationRule.Subset s : rule.subsets()) {
                if (s.name().equals(subset)) {
                    t = s.trafficPolicy() == null ? null : s.trafficPolicy().tunnel();
                    break;
                }
            }
        } else if (rule.trafficPolicy() != null) {
            t = rule.trafficPolicy().tunnel();
        }
        if (t == null) {
            return null;
        }
        // net.JoinHostPort: an IPv6 literal in brackets.
        String host = t.targetHost().contains(":") ? "[" + t.targetHost() + "]" : t.targetHost();
        return TcpProxy.TunnelingConfig.newBuilder().setHostname(host + ":" + t.targetPort())
                .setUsePost("POST".equals(t.protocol())).build();
    }
}
