package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.CidrRange;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One outbound filter chain before it becomes Envoy config ({@code filterChainOpts} in istiod's
 * {@code listener.go}): its match conditions, either an HCM using RDS {@code rds} or a TCP proxy, and the
 * chain's metadata (the VirtualService a TCP or TLS route came from, or null). TCP and TLS chains are built by
 * {@link L4Chains}.
 */
record OutboundChain(List<String> sni, List<String> cidrs, List<String> alpn, String transport, String rds,
                     Filter tcp, Metadata metadata) {

    static OutboundChain http(String rds, List<String> alpn, String transport) {
        return new OutboundChain(List.of(), List.of(), alpn, transport, rds, null, null);
    }

    /** {@code isMatchAll}: no SNI (or {@code *}), no ALPN, no transport, no destination ranges. */
    boolean matchAll() {
        return (sni.isEmpty() || sni.contains("*")) && alpn.isEmpty() && transport.isEmpty() && cidrs.isEmpty();
    }

    /** {@code conflictsWith}: two chains Envoy could not tell apart. */
    boolean conflictsWith(OutboundChain o) {
        return transport.equals(o.transport) && alpn.equals(o.alpn) && sniSet(sni).equals(sniSet(o.sni))
                && new TreeSet<>(cidrs).equals(new TreeSet<>(o.cidrs));
    }

    private static Set<String> sniSet(List<String> sni) {
        Set<String> out = new TreeSet<>(sni);
        out.remove("*");
        return out;
    }

    /** {@code mergeTCPFilterChains}: add the incoming chains that do not conflict with one already there. */
    static void merge(List<OutboundChain> current, List<OutboundChain> incoming) {
        for (OutboundChain in : incoming) {
            // A conflict is reported by istiod (ProxyStatusConflictOutboundListenerTCPOverTCP) and the chain skipped.
            if (current.stream().noneMatch(existing -> existing.conflictsWith(in))) {
                current.add(in);
            }
        }
    }

    /** {@code toFilterChainMatch}: server names sorted, CIDRs as prefix ranges. */
    FilterChainMatch toMatch() {
        FilterChainMatch.Builder m = FilterChainMatch.newBuilder().addAllApplicationProtocols(alpn)
                .setTransportProtocol(transport);
        if (!sni.contains("*")) {
            m.addAllServerNames(new TreeSet<>(sni));
        }
        for (String c : new TreeSet<>(cidrs)) {
            int slash = c.indexOf('/');
            String address = slash < 0 ? c : c.substring(0, slash);
            int len = slash < 0 ? (Protos.isIpv6(c) ? 128 : 32) : Integer.parseInt(c.substring(slash + 1));
            if (!address.equals(OutboundListenerBuilder.WILDCARD)) {
                m.addPrefixRanges(CidrRange.newBuilder().setAddressPrefix(address).setPrefixLen(Protos.u32(len)));
            }
        }
        return m.build();
    }
}
