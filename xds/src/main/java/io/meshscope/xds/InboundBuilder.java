package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.authn.EffectiveMtls;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import com.google.protobuf.BoolValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sidecar's inbound side for one workload ({@code listener_inbound.go}, {@code cluster.go
 * buildInboundClusters}): clusters {@code inbound|<port>||} and {@code virtualInbound} on 0.0.0.0:15006 with a
 * blackhole chain, the passthrough chains and one chain set per inbound port (real {@code <bind>_<port>}
 * listeners for {@code captureMode: NONE} ingress). Each port's chains follow its effective PeerAuthentication
 * mode ({@link EffectiveMtls}, {@link InboundMtls}): TLS-terminating chains for STRICT, TLS and plaintext for
 * PERMISSIVE (istiod's default), plaintext for DISABLE.
 */
final class InboundBuilder {
    record Built(List<Cluster> clusters, List<Listener> listeners) {
    }

    /** A passthrough chain set's destination port (0: none) and mode. */
    private record PortMode(int port, MtlsMode mode) {
    }

    private final MeshConfig mesh;
    private final InboundMtls.Sockets sockets;

    InboundBuilder(MeshConfig mesh) {
        this.mesh = mesh;
        this.sockets = InboundMtls.sockets(mesh.trustDomain());
    }

    /**
     * The inbound side of a workload serving {@code ports} with the modes {@code mtls} gives them (only its
     * mode and port-level modes are read), {@code virtualInbound} bound to {@code wildcard}
     * ({@link InboundPorts#wildcard}). Nothing else about the workload goes in: proxies alike share the result.
     */
    Built build(List<InboundPorts.Port> ports, String wildcard, EffectiveMtls mtls) {
        List<Cluster> clusters = new ArrayList<>();
        List<FilterChain> virtualChains = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        for (InboundPorts.Port p : ports) {
            clusters.add(ClusterBuilder.inbound(p.port(), p.endpointAddress(), p.endpointPort(), p.protocol()));
            List<FilterChain> chains = chains(p, mtls.forPort(p.port()));
            if (p.bindToPort()) {
                listeners.add(listener(ResourceNames.listener(p.bind(), p.port()), p.bind(), p.port(), true, chains));
            } else {
                virtualChains.addAll(chains);
            }
        }
        List<FilterChain> all = new ArrayList<>(passthroughChains(mtls, ports));
        all.addAll(virtualChains);
        listeners.add(listener(ResourceNames.VIRTUAL_INBOUND_LISTENER, wildcard, mesh.proxyInboundListenPort(), false, all));
        return new Built(clusters, listeners);
    }

    /** {@code inboundChainForOpts} with the match options of the port's protocol and mode, in istiod's order. */
    private List<FilterChain> chains(InboundPorts.Port p, MtlsMode mode) {
        String name = ResourceNames.listener(p.bind(), p.port());
        String cluster = ResourceNames.inboundCluster(p.port());
        Filter http = null;
        Filter tcp = null;
        List<FilterChain> out = new ArrayList<>();
        for (InboundMtls.Option o : InboundMtls.options(mode, p.protocol())) {
            Filter filter;
            if (o.protocol() == InboundMtls.ChainProtocol.HTTP) {
                if (http == null) {
                    http = ConnectionManagers.inboundInline("inbound_" + name, inboundRoutes(cluster, p.servicePort()),
                            Set.of("HTTP2", "GRPC", "GRPC-WEB").contains(p.protocol()));
                }
                filter = http;
            } else {
                if (tcp == null) {
                    tcp = Protos.tcpProxy(cluster, cluster);
                }
                filter = tcp;
            }
            out.add(chain(name, p.port(), o, filter));
        }
        return out;
    }

    /** One chain: {@code ToFilterChainMatch} (a destination port when not 0), the filter, the TLS socket if any. */
    private FilterChain chain(String name, int port, InboundMtls.Option o, Filter filter) {
        FilterChainMatch.Builder m = FilterChainMatch.newBuilder().addAllApplicationProtocols(o.alpns())
                .setTransportProtocol(o.transport());
        if (port > 0) {
            m.setDestinationPort(Protos.u32(port));
        }
        FilterChain.Builder fc = FilterChain.newBuilder().setName(name).setFilterChainMatch(m).addFilters(filter);
        TransportSocket socket = InboundMtls.transportSocket(o, sockets);
        if (socket != null) {
            fc.setTransportSocket(socket);
        }
        return fc.build();
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
     * {@code buildInboundPassthroughChains}: a blackhole for traffic addressed to 15006 itself (no loops), then for
     * the workload's mode ({@code authn.Builder.ForPassthrough}) the sniffed ("auto") chains to
     * InboundPassthroughCluster: HTTP ones named {@code virtualInbound-catchall-http}, TCP ones
     * {@code virtualInbound}; then the same per port for each port-level mode of the workload policy whose port is
     * not served ({@code needPerPortPassthroughFilterChain}), ports ascending (istiod ranges over a Go map here,
     * in no fixed order).
     */
    private List<FilterChain> passthroughChains(EffectiveMtls mtls, List<InboundPorts.Port> served) {
        String cluster = ResourceNames.INBOUND_PASSTHROUGH_CLUSTER;
        List<FilterChain> out = new ArrayList<>();
        out.add(FilterChain.newBuilder().setName(ResourceNames.VIRTUAL_INBOUND_BLACKHOLE_CHAIN)
                .setFilterChainMatch(FilterChainMatch.newBuilder()
                        .setDestinationPort(Protos.u32(mesh.proxyInboundListenPort())))
                .addFilters(Protos.tcpProxy(ResourceNames.BLACK_HOLE_CLUSTER, ResourceNames.BLACK_HOLE_CLUSTER))
                .build());
        Filter http = ConnectionManagers.inboundInline(cluster, inboundRoutes(cluster, 0), false);
        Filter tcp = Protos.tcpProxy(cluster, cluster);
        Set<Integer> servedPorts = new HashSet<>();
        served.forEach(p -> servedPorts.add(p.port()));
        List<PortMode> portModes = new ArrayList<>();
        portModes.add(new PortMode(0, mtls.mode()));
        for (Map.Entry<Integer, MtlsMode> e : mtls.perPort().entrySet()) {
            if (!servedPorts.contains(e.getKey())) {
                portModes.add(new PortMode(e.getKey(), e.getValue()));
            }
        }
        for (PortMode pm : portModes) {
            for (InboundMtls.Option o : InboundMtls.options(pm.mode(), "UNSUPPORTED")) {
                boolean isHttp = o.protocol() == InboundMtls.ChainProtocol.HTTP;
                out.add(chain(isHttp ? ResourceNames.VIRTUAL_INBOUND_CATCH_ALL_HTTP_CHAIN
                        : ResourceNames.VIRTUAL_INBOUND_LISTENER, pm.port(), o, isHttp ? http : tcp));
            }
        }
        return out;
    }

    /** {@code buildInboundListener} + {@code populateListenerFilters}. */
    private static Listener listener(String name, String bind, int port, boolean bindToPort, List<FilterChain> chains) {
        return Listener.newBuilder().setName(name).setAddress(Protos.address(bind, port))
                .setTrafficDirection(TrafficDirection.INBOUND).setContinueOnListenerFiltersTimeout(true)
                .addAllFilterChains(chains)
                .addAllListenerFilters(InboundListenerFilters.of(chains, bindToPort))
                .setListenerFiltersTimeout(Protos.ZERO) // meshConfig.protocolDetectionTimeout defaults to 0s
                .build();
    }
}
