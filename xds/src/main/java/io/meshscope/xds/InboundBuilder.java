package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilterChainMatchPredicate;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.type.v3.Int32Range;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.Workload;
import io.meshscope.core.registry.Protocols;
import com.google.protobuf.BoolValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sidecar's inbound side for one workload ({@code listener_inbound.go}, {@code cluster.go
 * buildInboundClusters}): clusters {@code inbound|<port>||} and {@code virtualInbound} on 0.0.0.0:15006 with a
 * blackhole chain, the passthrough chains and one chain set per inbound port (real {@code <bind>_<port>}
 * listeners for {@code captureMode: NONE} ingress). Chains are the plaintext variants: PeerAuthentication and
 * mTLS are not modelled, so no TLS/ALPN-matched chains are generated.
 */
final class InboundBuilder {
    private static final List<String> PLAINTEXT_HTTP_ALPNS = List.of("http/1.1", "h2c");
    private static final String RAW_BUFFER = "raw_buffer";

    record Built(List<Cluster> clusters, List<Listener> listeners) {
    }

    private final MeshConfig mesh;

    InboundBuilder(MeshConfig mesh) {
        this.mesh = mesh;
    }

    Built build(List<InboundPorts.Port> ports, Workload workload) {
        List<Cluster> clusters = new ArrayList<>();
        List<FilterChain> virtualChains = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        for (InboundPorts.Port p : ports) {
            clusters.add(ClusterBuilder.inbound(p.port(), p.endpointAddress(), p.endpointPort(), p.protocol()));
            List<FilterChain> chains = chains(p);
            if (p.bindToPort()) {
                listeners.add(listener(ResourceNames.listener(p.bind(), p.port()), p.bind(), p.port(), true, chains));
            } else {
                virtualChains.addAll(chains);
            }
        }
        List<FilterChain> all = new ArrayList<>(passthroughChains());
        all.addAll(virtualChains);
        String wildcard = InboundPorts.wildcard(workload);
        listeners.add(listener(ResourceNames.VIRTUAL_INBOUND_LISTENER, wildcard, mesh.proxyInboundListenPort(), false, all));
        return new Built(clusters, listeners);
    }

    /** {@code inboundChainForOpts} with plaintext match options: HTTP, TCP, or both (protocol unknown). */
    private List<FilterChain> chains(InboundPorts.Port p) {
        String name = ResourceNames.listener(p.bind(), p.port());
        String cluster = ResourceNames.inboundCluster(p.port());
        List<FilterChain> out = new ArrayList<>();
        boolean auto = "UNSUPPORTED".equals(p.protocol());
        if (Protocols.isHttp(p.protocol()) || auto) {
            FilterChainMatch.Builder m = FilterChainMatch.newBuilder().setDestinationPort(Protos.u32(p.port()))
                    .setTransportProtocol(RAW_BUFFER);
            if (auto) {
                m.addAllApplicationProtocols(PLAINTEXT_HTTP_ALPNS);
            }
            RouteConfiguration rc = inboundRoutes(cluster, p.servicePort());
            out.add(FilterChain.newBuilder().setName(name).setFilterChainMatch(m)
                    .addFilters(ConnectionManagers.inboundInline("inbound_" + name, rc,
                            Set.of("HTTP2", "GRPC", "GRPC-WEB").contains(p.protocol())))
                    .build());
        }
        if (!Protocols.isHttp(p.protocol())) {
            out.add(FilterChain.newBuilder().setName(name)
                    .setFilterChainMatch(FilterChainMatch.newBuilder().setDestinationPort(Protos.u32(p.port()))
                            .setTransportProtocol(RAW_BUFFER))
                    .addFilters(Protos.tcpProxy(cluster, cluster)).build());
        }
        return out;
    }

    /** {@code buildSidecarInboundHTTPRouteConfig}: one wildcard virtual host, default route to the cluster. */
    static RouteConfiguration inboundRoutes(String cluster, int servicePort) {
        Route route = Route.newBuilder().setName(ResourceNames.DEFAULT_ROUTE)
                .setMatch(RouteMatch.newBuilder().setPrefix("/"))
                .setRoute(RouteAction.newBuilder().setCluster(cluster).setTimeout(Protos.ZERO)
                        .setMaxStreamDuration(RouteAction.MaxStreamDuration.newBuilder()
                                .setMaxStreamDuration(Protos.ZERO).setGrpcTimeoutHeaderMax(Protos.ZERO)))
                .build();
        return RouteConfiguration.newBuilder().setName(cluster)
                .addVirtualHosts(VirtualHost.newBuilder().setName(ResourceNames.inboundVirtualHost(servicePort))
                        .addDomains("*").addRoutes(route))
                .setValidateClusters(BoolValue.of(false)).build();
    }

    /**
     * {@code buildInboundPassthroughChains}: a blackhole for traffic addressed to 15006 itself (no loops), then
     * catch-all HTTP ({@code virtualInbound-catchall-http}) and TCP ({@code virtualInbound}) chains to
     * InboundPassthroughCluster.
     */
    private List<FilterChain> passthroughChains() {
        String cluster = ResourceNames.INBOUND_PASSTHROUGH_CLUSTER;
        FilterChain blackhole = FilterChain.newBuilder().setName(ResourceNames.VIRTUAL_INBOUND_BLACKHOLE_CHAIN)
                .setFilterChainMatch(FilterChainMatch.newBuilder()
                        .setDestinationPort(Protos.u32(mesh.proxyInboundListenPort())))
                .addFilters(Protos.tcpProxy(ResourceNames.BLACK_HOLE_CLUSTER, ResourceNames.BLACK_HOLE_CLUSTER))
                .build();
        FilterChain http = FilterChain.newBuilder().setName(ResourceNames.VIRTUAL_INBOUND_CATCH_ALL_HTTP_CHAIN)
                .setFilterChainMatch(FilterChainMatch.newBuilder().addAllApplicationProtocols(PLAINTEXT_HTTP_ALPNS)
                        .setTransportProtocol(RAW_BUFFER))
                .addFilters(ConnectionManagers.inboundInline(cluster, inboundRoutes(cluster, 0), false))
                .build();
        FilterChain tcp = FilterChain.newBuilder().setName(ResourceNames.VIRTUAL_INBOUND_LISTENER)
                .setFilterChainMatch(FilterChainMatch.newBuilder().setTransportProtocol(RAW_BUFFER))
                .addFilters(Protos.tcpProxy(cluster, cluster))
                .build();
        return List.of(blackhole, http, tcp);
    }

    /** {@code buildInboundListener} + {@code populateListenerFilters}. */
    private static Listener listener(String name, String bind, int port, boolean bindToPort, List<FilterChain> chains) {
        Listener.Builder l = Listener.newBuilder().setName(name).setAddress(Protos.address(bind, port))
                .setTrafficDirection(TrafficDirection.INBOUND).setContinueOnListenerFiltersTimeout(true)
                .addAllFilterChains(chains);
        if (!bindToPort) {
            l.addListenerFilters(Protos.originalDst());
        }
        ListenerFilter http = httpInspector(chains);
        if (http != null) {
            l.addListenerFilters(http);
        }
        l.setListenerFiltersTimeout(Protos.ZERO); // meshConfig.protocolDetectionTimeout defaults to 0s
        return l.build();
    }

    /**
     * {@code buildHTTPInspector}: enabled when some chain matches on HTTP ALPNs, and disabled (by destination
     * port range) on the ports where no chain needs it.
     */
    private static ListenerFilter httpInspector(List<FilterChain> chains) {
        Map<Integer, Boolean> needs = new TreeMap<>();
        for (FilterChain fc : chains) {
            int port = fc.getFilterChainMatch().hasDestinationPort() ? fc.getFilterChainMatch().getDestinationPort().getValue() : 0;
            boolean http = fc.getFilterChainMatch().getApplicationProtocolsList().stream()
                    .anyMatch(a -> a.equals("http/1.1") || a.equals("h2c"));
            needs.merge(port, http, Boolean::logicalOr);
        }
        if (!needs.containsValue(true)) {
            return null;
        }
        Set<Integer> disabled = new TreeSet<>();
        needs.forEach((port, http) -> {
            if (!http) {
                disabled.add(port);
            }
        });
        ListenerFilter inspector = Protos.httpInspector();
        if (disabled.isEmpty()) {
            return inspector;
        }
        List<ListenerFilterChainMatchPredicate> ranges = new ArrayList<>();
        for (int p : disabled) {
            ranges.add(ListenerFilterChainMatchPredicate.newBuilder()
                    .setDestinationPortRange(Int32Range.newBuilder().setStart(p).setEnd(p + 1)).build());
        }
        ListenerFilterChainMatchPredicate predicate = ranges.size() == 1 ? ranges.get(0)
                : ListenerFilterChainMatchPredicate.newBuilder().setOrMatch(
                        ListenerFilterChainMatchPredicate.MatchSet.newBuilder().addAllRules(ranges)).build();
        return inspector.toBuilder().setFilterDisabled(predicate).build();
    }
}
