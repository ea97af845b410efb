package io.meshscope.xds;

import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilterChainMatchPredicate;
import io.envoyproxy.envoy.type.v3.Int32Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * istiod's {@code populateListenerFilters} (pilot/pkg/networking/core/listener_inbound.go) for an inbound
 * listener: {@code original_dst} unless it binds to its port, then the TLS inspector where some chain matches
 * {@code transport_protocol: tls} and the HTTP inspector where some chain matches an HTTP ALPN, each disabled
 * (or enabled) per destination port exactly as {@code buildTLSInspector} and {@code buildHTTPInspector} decide.
 */
final class InboundListenerFilters {
    /** Which inspectors the chains of one destination port (0: no port match) need. */
    private record Needs(boolean tls, boolean http) {
        Needs or(Needs o) {
            return new Needs(tls || o.tls, http || o.http);
        }
    }

    private InboundListenerFilters() {
    }

    static List<ListenerFilter> of(List<FilterChain> chains, boolean bindToPort) {
        List<ListenerFilter> out = new ArrayList<>();
        if (!bindToPort) {
            out.add(Protos.originalDst());
        }
        Map<Integer, Needs> byPort = new TreeMap<>();
        for (FilterChain fc : chains) {
            int port = fc.getFilterChainMatch().hasDestinationPort()
                    ? fc.getFilterChainMatch().getDestinationPort().getValue() : 0;
            boolean tls = InboundMtls.TLS.equals(fc.getFilterChainMatch().getTransportProtocol());
            boolean http = fc.getFilterChainMatch().getApplicationProtocolsList().stream()
                    .anyMatch(a -> a.equals("http/1.1") || a.equals("h2c"));
            byPort.merge(port, new Needs(tls, http), Needs::or);
        }
        // The HTTP inspector comes after the TLS inspector: once TLS is detected it does not inspect.
        if (byPort.values().stream().anyMatch(Needs::tls)) {
            out.add(tlsInspector(byPort));
        }
        if (byPort.values().stream().anyMatch(Needs::http)) {
            out.add(httpInspector(byPort));
        }
        return out;
    }

    /**
     * {@code buildTLSInspector}: when the port-less chains need it, enabled everywhere but the ports that do not;
     * otherwise enabled only on the ports that do ({@code not_match} of their ranges).
     */
    private static ListenerFilter tlsInspector(Map<Integer, Needs> byPort) {
        boolean defaultEnabled = byPort.getOrDefault(0, new Needs(false, false)).tls();
        List<Integer> ports = new ArrayList<>();
        byPort.forEach((port, needs) -> {
            if (port != 0 && needs.tls() != defaultEnabled) {
                ports.add(port);
            }
        });
        ListenerFilter inspector = Protos.tlsInspector();
        if (ports.isEmpty()) {
            return inspector;
        }
        ListenerFilterChainMatchPredicate exclude = excludePorts(ports);
        return inspector.toBuilder().setFilterDisabled(defaultEnabled ? exclude
                : ListenerFilterChainMatchPredicate.newBuilder().setNotMatch(exclude).build()).build();
    }

    /** {@code buildHTTPInspector}: disabled on every port (0 included) whose chains do not sniff HTTP. */
    private static ListenerFilter httpInspector(Map<Integer, Needs> byPort) {
        List<Integer> ports = new ArrayList<>();
        byPort.forEach((port, needs) -> {
            if (!needs.http()) {
                ports.add(port);
            }
        });
        ListenerFilter inspector = Protos.httpInspector();
        return ports.isEmpty() ? inspector : inspector.toBuilder().setFilterDisabled(excludePorts(ports)).build();
    }

    /** {@code listenerPredicateExcludePorts}: one {@code [p, p+1)} range, or an {@code or_match} of them. */
    private static ListenerFilterChainMatchPredicate excludePorts(List<Integer> ports) {
        List<ListenerFilterChainMatchPredicate> ranges = new ArrayList<>();
        for (int p : ports) {
            ranges.add(ListenerFilterChainMatchPredicate.newBuilder()
                    .setDestinationPortRange(Int32Range.newBuilder().setStart(p).setEnd(p + 1)).build());
        }
        return ranges.size() == 1 ? ranges.get(0) : ListenerFilterChainMatchPredicate.newBuilder().setOrMatch(
                ListenerFilterChainMatchPredicate.MatchSet.newBuilder().addAllRules(ranges)).build();
    }
}
