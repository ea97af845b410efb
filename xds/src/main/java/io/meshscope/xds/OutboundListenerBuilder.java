package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.Protocols;
import io.meshscope.core.registry.ServicePort;
import io.meshscope.core.scope.EgressScope;
import io.meshscope.core.scope.SidecarScope;
import com.google.protobuf.BoolValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sidecar outbound listeners as istiod's {@code buildSidecarOutboundListeners} and
 * {@code buildSidecarOutboundListener} ({@code pilot/pkg/networking/core/listener.go}) build them: one entry per
 * (bind, port), HTTP services collapsed on {@code 0.0.0.0_<port>} with RDS {@code "<port>"}, TCP/TLS services on
 * {@code <VIP>_<port>} (or {@code 0.0.0.0_<port>} with SNI matches when there is no VIP), port-specific egress
 * listeners first, then the catch-all that may not extend the (bind, port) entries they locked. A port of
 * unknown protocol is sniffed as istiod does: the HTTP inspector picks an HTTP chain (RDS) or a TCP chain.
 */
final class OutboundListenerBuilder {
    static final String WILDCARD = "0.0.0.0";
    static final String LOCALHOST = "127.0.0.1";
    private static final List<String> PLAINTEXT_HTTP_ALPNS = List.of("http/1.1", "h2c");
    private static final String RAW_BUFFER = "raw_buffer";
    private static final String UNSUPPORTED = "UNSUPPORTED";

    /**
     * The listeners to build ({@link #listener}; virtualOutbound, the same for every scope with the same catch-all,
     * is not among them: {@link #virtualOutbound}) and the RDS route names their HTTP chains reference, sorted.
     */
    record Built(List<Shape> listeners, List<String> routeNames) {
    }

    /**
     * Everything one outbound listener is built from besides the builder's mesh and catch-all cluster: equal
     * shapes build equal listeners, whatever scope they come from, so a snapshot builds each shape once.
     */
    record Shape(String bind, int port, boolean bindToPort, List<OutboundChain> chains) {
    }

    private final MeshConfig mesh;
    private final EndpointIndex endpoints;
    /** Where unmatched TCP goes ({@code buildOutboundCatchAllNetworkFiltersOnly}). */
    private final String catchAllCluster;
    private final L4Chains l4;

    /**
     * {@code l4} builds the TCP and TLS chains (VirtualService {@code tcp}/{@code tls} routes, DestinationRule TCP
     * proxy settings) for the proxies that share these listeners.
     */
    OutboundListenerBuilder(MeshConfig mesh, EndpointIndex endpoints, String catchAllCluster, L4Chains l4) {
        this.mesh = mesh;
        this.endpoints = endpoints;
        this.catchAllCluster = catchAllCluster;
        this.l4 = l4;
    }

    private static final class Entry {
        final String bind;
        final int port;
        final boolean bindToPort;
        String protocol;
        boolean locked;
        final List<OutboundChain> chains;

        Entry(String bind, int port, boolean bindToPort, String protocol, List<OutboundChain> chains) {
            this.bind = bind;
            this.port = port;
            this.bindToPort = bindToPort;
            this.protocol = protocol;
            this.chains = new ArrayList<>(chains);
        }
    }

    Built build(SidecarScope scope) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (EgressScope es : scope.egress()) {
            EgressListener l = es.listener();
            boolean bindToPort = l.captureMode() == CaptureMode.NONE || l.bind().startsWith(ResourceNames.UNIX_PREFIX);
            String bind = !l.bind().isEmpty() ? l.bind() : (bindToPort ? LOCALHOST : "");
            if (!l.isCatchAll()) {
                long number = l.port().numberOrZero();
                boolean uds = bind.startsWith(ResourceNames.UNIX_PREFIX);
                if (number < 0 || number > 65535 || (number == 0 && !uds)) {
                    continue; // invalid as written; validation rejects it
                }
                String protocol = Protocols.parse(l.port().protocol());
                if (!canBind(bind, (int) number, protocol)) {
                    continue;
                }
                for (MeshService svc : es.services()) {
                    add(entries, es, svc, (int) number, protocol, bind, bindToPort);
                }
                continue;
            }
            entries.values().forEach(e -> e.locked = true);
            for (MeshService svc : es.services()) {
                for (ServicePort sp : svc.ports()) {
                    if (!canBind(bind, sp.port(), sp.protocol())) {
                        continue;
                    }
                    ListenerKind kind = ListenerKind.of(sp.protocol());
                    if (bind.isEmpty() && svc.resolution() == MeshService.Resolution.PASSTHROUGH && vip(svc) == null
                            && kind != null && kind != ListenerKind.HTTP) {
                        headless(entries, es, svc, sp, bindToPort);
                    } else {
                        add(entries, es, svc, sp.port(), sp.protocol(), bind, bindToPort);
                    }
                }
            }
        }
        List<Shape> listeners = new ArrayList<>();
        Set<String> routes = new TreeSet<>();
        for (Entry e : entries.values()) {
            listeners.add(new Shape(e.bind, e.port, e.bindToPort, List.copyOf(e.chains)));
            e.chains.stream().filter(c -> c.rds() != null).forEach(c -> routes.add(c.rds()));
        }
        return new Built(listeners, List.copyOf(routes));
    }

    /**
     * Headless TCP services get one listener per endpoint IP, so each pod is reached directly; a ServiceEntry
     * with no endpoints and no selector falls back to the wildcard listener.
     */
    private void headless(Map<String, Entry> entries, EgressScope es, MeshService svc, ServicePort sp,
                          boolean bindToPort) {
        Set<String> ips = new TreeSet<>();
        endpoints.endpoints(svc, sp).stream().map(EndpointIndex.Ep::address).filter(Protos::isIpLiteral)
                .forEach(ips::add);
        if (!svc.isKubernetes() && ips.isEmpty() && svc.selector().isEmpty()) {
            add(entries, es, svc, sp.port(), sp.protocol(), "", bindToPort);
            return;
        }
        for (String ip : ips) {
            add(entries, es, svc, sp.port(), sp.protocol(), ip, bindToPort);
        }
    }

    /** {@code conflictWithReservedListener}: wildcard binds may not take Envoy's own and the virtual ports. */
    private boolean canBind(String bind, int port, String protocol) {
        if (!bind.isEmpty() && !bind.equals(WILDCARD)) {
            return true;
        }
        if (bind.isEmpty() && !Protocols.isHttp(protocol)) {
            return true;
        }
        return port != 15021 && port != 15090 && port != mesh.proxyListenPort() && port != mesh.proxyInboundListenPort();
    }

    /** The service's first non-CIDR address (its VIP), or null. */
    static String vip(MeshService svc) {
        for (String a : svc.addresses()) {
            if (!a.isEmpty() && !a.equals(WILDCARD)) {
                return a;
            }
        }
        return null;
    }

    /**
     * {@code buildSidecarOutboundListener}: the listener key is the VIP (TCP and protocol-unknown ports) or the
     * wildcard (HTTP); an existing entry of another kind is turned into a sniffed one by merging chains. A
     * protocol-unknown port gets a TCP chain and an HTTP chain matched on plaintext HTTP ALPNs; its RDS is the
     * shared {@code "<port>"} on the wildcard and {@code "<host>:<port>"} on its own VIP listener.
     */
    private void add(Map<String, Entry> entries, EgressScope es, MeshService svc, int port, String protocol,
                     String bind, boolean bindToPort) {
        if (svc.resolution() == MeshService.Resolution.ALIAS) {
            return;
        }
        ListenerKind kind = ListenerKind.of(protocol);
        if (kind == null) {
            return; // UDP and anything else Envoy listeners cannot serve
        }
        String b = bind;
        String cidr = null;
        if (kind == ListenerKind.HTTP) {
            b = b.isEmpty() ? WILDCARD : b;
        } else if (b.isEmpty()) {
            String vip = vip(svc);
            if (vip == null) {
                b = WILDCARD;
            } else if (vip.indexOf('/') >= 0) {
                b = WILDCARD;
                cidr = vip;
            } else {
                b = vip;
            }
        }
        String key = b + "|" + port;
        Entry cur = entries.get(key);
        if (cur != null && cur.locked) {
            return;
        }
        ListenerKind existing = cur == null ? null : ListenerKind.of(cur.protocol);
        boolean wildcard = b.equals(WILDCARD);
        List<OutboundChain> chains = new ArrayList<>();
        String entryProtocol = protocol;
        boolean replace = cur == null;
        boolean sniffAfterMerge = false;
        if (protocol.equals("HTTP_PROXY")) {
            chains.add(OutboundChain.http(rdsName(svc, port, b, false), List.of(), ""));
            replace = true;
        } else if (kind == ListenerKind.HTTP) {
            if (existing != null && existing != ListenerKind.TCP) {
                return; // an HTTP or sniffed listener exists: its routes are shared per port through RDS
            }
            chains.add(OutboundChain.http(rdsName(svc, port, b, false), wildcard ? PLAINTEXT_HTTP_ALPNS : List.of(),
                    wildcard ? RAW_BUFFER : ""));
            if (wildcard) {
                entryProtocol = UNSUPPORTED; // an ALPN-matched chain leaves room for a TCP fallthrough: sniffed
            }
            sniffAfterMerge = existing == ListenerKind.TCP;
        } else if (kind == ListenerKind.TCP) {
            chains.addAll(l4.chains(svc, port, protocol, b, cidr, es.virtualServices()));
            sniffAfterMerge = existing == ListenerKind.HTTP;
        } else if (existing == ListenerKind.AUTO) {
            chains.addAll(l4.chains(svc, port, protocol, b, cidr, es.virtualServices())); // the HTTP chain is there already
        } else {
            chains.addAll(l4.chains(svc, port, protocol, b, cidr, es.virtualServices()));
            chains.add(OutboundChain.http(rdsName(svc, port, b, true), PLAINTEXT_HTTP_ALPNS, RAW_BUFFER));
            entryProtocol = UNSUPPORTED;
            replace = cur == null || existing == ListenerKind.HTTP; // AutoOverHTTP replaces the entry
            sniffAfterMerge = existing == ListenerKind.TCP;
        }
        if (cur != null && !protocol.equals("HTTP_PROXY") && isWellKnownConflict(protocol, cur.protocol)) {
            return; // Mongo and MySQL cannot share a port with other protocols (isConflictWithWellKnownPort)
        }
        if (replace) {
            entries.put(key, new Entry(b, port, bindToPort, entryProtocol, chains));
            return;
        }
        OutboundChain.merge(cur.chains, chains);
        if (sniffAfterMerge) {
            cur.protocol = UNSUPPORTED;
        }
    }

    /**
     * {@code buildSidecarOutboundHTTPListenerOpts}: a UDS listener's route is named after the socket; a sniffed
     * service on its own VIP listener gets a route of its own, {@code <host>:<port>}; everything else shares
     * the port's route.
     */
    private static String rdsName(MeshService svc, int port, String bind, boolean auto) {
        if (port == 0) {
            return bind;
        }
        if (auto && !bind.equals(WILDCARD)) {
            return ResourceNames.hostPort(svc.hostname(), port);
        }
        return ResourceNames.portRoute(port);
    }

    private static boolean isWellKnownConflict(String incoming, String existing) {
        boolean special = Set.of("MONGO", "MYSQL").contains(incoming) || Set.of("MONGO", "MYSQL").contains(existing);
        return special && !incoming.equals(existing);
    }

    /** {@code buildListenerFromEntry}: match-all chain becomes the default; else PassthroughFilterChain is. */
    Listener listener(Shape e) {
        String name = ResourceNames.listener(e.bind(), e.port());
        Listener.Builder l = Listener.newBuilder().setName(name).setAddress(Protos.address(e.bind(), e.port()))
                .setTrafficDirection(TrafficDirection.OUTBOUND).setContinueOnListenerFiltersTimeout(true);
        if (!e.bindToPort()) {
            l.setBindToPort(BoolValue.of(false));
        }
        boolean needTls = e.chains().stream().anyMatch(c -> !c.sni().isEmpty());
        boolean needHttp = e.chains().stream().anyMatch(c -> !c.alpn().isEmpty());
        if (needTls) { // istiod adds it for SNI (and downstream-TLS ALPN) matches only
            l.addListenerFilters(Protos.tlsInspector());
        }
        if (needHttp) {
            l.addListenerFilters(Protos.httpInspector());
        }
        l.setListenerFiltersTimeout(Protos.ZERO); // meshConfig.protocolDetectionTimeout defaults to 0s
        FilterChain defaultChain = null;
        for (OutboundChain c : e.chains()) {
            FilterChain.Builder fc = FilterChain.newBuilder()
                    .addFilters(c.rds() != null ? ConnectionManagers.outboundRds("outbound_" + name, c.rds()) : c.tcp());
            if (c.metadata() != null) {
                fc.setMetadata(c.metadata());
            }
            if (c.matchAll()) {
                defaultChain = fc.build();
            } else {
                l.addFilterChains(fc.setFilterChainMatch(c.toMatch()));
            }
        }
        if (defaultChain != null && l.getFilterChainsCount() == 0) {
            l.addFilterChains(defaultChain);
        } else if (defaultChain != null) {
            l.setDefaultFilterChain(defaultChain);
        } else {
            l.setDefaultFilterChain(FilterChain.newBuilder().setName(ResourceNames.PASSTHROUGH_FILTER_CHAIN)
                    .setFilterChainMatch(FilterChainMatch.getDefaultInstance()).addFilters(catchAllTcp()));
        }
        return l.build();
    }

    private io.envoyproxy.envoy.config.listener.v3.Filter catchAllTcp() {
        return Protos.tcpProxy(catchAllCluster, catchAllCluster);
    }

    /**
     * {@code buildVirtualOutboundListener}: 0.0.0.0:15001 with use_original_dst, a blackhole chain for traffic
     * sent to 15001 itself (no loops), and the catch-all chain per the outbound traffic policy.
     */
    Listener virtualOutbound() {
        return Listener.newBuilder().setName(ResourceNames.VIRTUAL_OUTBOUND_LISTENER)
                .setAddress(Protos.address(WILDCARD, mesh.proxyListenPort()))
                .setUseOriginalDst(BoolValue.of(true))
                .setTrafficDirection(TrafficDirection.OUTBOUND)
                .addFilterChains(FilterChain.newBuilder().setName(ResourceNames.VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN)
                        .setFilterChainMatch(FilterChainMatch.newBuilder()
                                .setDestinationPort(Protos.u32(mesh.proxyListenPort())))
                        .addFilters(Protos.tcpProxy(ResourceNames.BLACK_HOLE_CLUSTER, ResourceNames.BLACK_HOLE_CLUSTER)))
                .addFilterChains(FilterChain.newBuilder().setName(ResourceNames.VIRTUAL_OUTBOUND_CATCH_ALL_TCP_CHAIN)
                        .addFilters(catchAllTcp()))
                .build();
    }
}
