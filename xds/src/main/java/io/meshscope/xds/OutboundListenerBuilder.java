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
 * listeners first, then the catch-all that may not extend the (bind, port) entries they locked. Protocol
 * sniffing is not generated: a port of unknown protocol is treated as TCP.
 */
final class OutboundListenerBuilder {
    static final String WILDCARD = "0.0.0.0";
    static final String LOCALHOST = "127.0.0.1";
    private static final Set<String> TCP = Set.of("TCP", "HTTPS", "TLS", "MONGO", "REDIS", "MYSQL", "UNSUPPORTED");
    private static final List<String> PLAINTEXT_HTTP_ALPNS = List.of("http/1.1", "h2c");

    /** Listeners (virtualOutbound included) and the RDS route names their HTTP chains reference, sorted. */
    record Built(List<Listener> listeners, List<String> routeNames) {
    }

    private final MeshConfig mesh;
    private final EndpointIndex endpoints;
    private final boolean allowAny;

    OutboundListenerBuilder(MeshConfig mesh, EndpointIndex endpoints, boolean allowAny) {
        this.mesh = mesh;
        this.endpoints = endpoints;
        this.allowAny = allowAny;
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
                    add(entries, svc, (int) number, protocol, bind, bindToPort);
                }
                continue;
            }
            entries.values().forEach(e -> e.locked = true);
            for (MeshService svc : es.services()) {
                for (ServicePort sp : svc.ports()) {
                    if (!canBind(bind, sp.port(), sp.protocol())) {
                        continue;
                    }
                    if (bind.isEmpty() && svc.resolution() == MeshService.Resolution.PASSTHROUGH && vip(svc) == null
                            && TCP.contains(sp.protocol())) {
                        headless(entries, svc, sp, bindToPort);
                    } else {
                        add(entries, svc, sp.port(), sp.protocol(), bind, bindToPort);
                    }
                }
            }
        }
        List<Listener> listeners = new ArrayList<>();
        Set<String> routes = new TreeSet<>();
        for (Entry e : entries.values()) {
            listeners.add(listener(e));
            e.chains.stream().filter(c -> c.rds() != null).forEach(c -> routes.add(c.rds()));
        }
        listeners.add(virtualOutbound());
        return new Built(listeners, List.copyOf(routes));
    }

    /**
     * Headless TCP services get one listener per endpoint IP, so each pod is reached directly; a ServiceEntry
     * with no endpoints and no selector falls back to the wildcard listener.
     */
    private void headless(Map<String, Entry> entries, MeshService svc, ServicePort sp, boolean bindToPort) {
        Set<String> ips = new TreeSet<>();
        endpoints.endpoints(svc, sp).stream().map(EndpointIndex.Ep::address).filter(Protos::isIpLiteral)
                .forEach(ips::add);
        if (!svc.isKubernetes() && ips.isEmpty() && svc.selector().isEmpty()) {
            add(entries, svc, sp.port(), sp.protocol(), "", bindToPort);
            return;
        }
        for (String ip : ips) {
            add(entries, svc, sp.port(), sp.protocol(), ip, bindToPort);
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

    private void add(Map<String, Entry> entries, MeshService svc, int port, String protocol, String bind,
                     boolean bindToPort) {
        if (svc.resolution() == MeshService.Resolution.ALIAS) {
            return;
        }
        boolean http = Protocols.isHttp(protocol);
        if (!http && !TCP.contains(protocol)) {
            return; // UDP and anything else Envoy listeners cannot serve
        }
        String b = bind;
        String cidr = null;
        if (!http && b.isEmpty()) {
            String vip = vip(svc);
            if (vip == null) {
                b = WILDCARD;
            } else if (vip.indexOf('/') >= 0) {
                b = WILDCARD;
                cidr = vip;
            } else {
                b = vip;
            }
        } else if (http && b.isEmpty()) {
            b = WILDCARD;
        }
        String key = b + "|" + port;
        Entry cur = entries.get(key);
        if (cur != null && cur.locked) {
            return;
        }
        List<OutboundChain> chains;
        String protocolOfEntry = protocol;
        if (http) {
            if (cur != null && (!TCP.contains(cur.protocol) || "UNSUPPORTED".equals(cur.protocol))) {
                return; // an HTTP (or already sniffed) listener exists: routes are shared per port through RDS
            }
            String rds = port == 0 ? b : ResourceNames.portRoute(port);
            boolean wildcard = b.equals(WILDCARD);
            chains = List.of(OutboundChain.http(rds, wildcard ? PLAINTEXT_HTTP_ALPNS : List.of(),
                    wildcard ? "raw_buffer" : ""));
            if (wildcard) {
                protocolOfEntry = "UNSUPPORTED"; // a TCP fallthrough chain makes it a sniffed listener
            }
        } else {
            chains = OutboundChain.tcp(svc, port, protocol, b, cidr);
        }
        if (cur == null) {
            entries.put(key, new Entry(b, port, bindToPort, protocolOfEntry, chains));
            return;
        }
        if (isWellKnownConflict(protocol, cur.protocol)) {
            return; // Mongo and MySQL cannot share a port with other protocols (isConflictWithWellKnownPort)
        }
        OutboundChain.merge(cur.chains, chains);
        if (http || Protocols.isHttp(cur.protocol)) {
            cur.protocol = "UNSUPPORTED";
        }
    }

    private static boolean isWellKnownConflict(String incoming, String existing) {
        boolean special = Set.of("MONGO", "MYSQL").contains(incoming) || Set.of("MONGO", "MYSQL").contains(existing);
        return special && !incoming.equals(existing);
    }

    /** {@code buildListenerFromEntry}: match-all chain becomes the default; else PassthroughFilterChain is. */
    private Listener listener(Entry e) {
        String name = ResourceNames.listener(e.bind, e.port);
        Listener.Builder l = Listener.newBuilder().setName(name).setAddress(Protos.address(e.bind, e.port))
                .setTrafficDirection(TrafficDirection.OUTBOUND).setContinueOnListenerFiltersTimeout(true);
        if (!e.bindToPort) {
            l.setBindToPort(BoolValue.of(false));
        }
        boolean needTls = e.chains.stream().anyMatch(c -> !c.sni().isEmpty());
        boolean needHttp = e.chains.stream().anyMatch(c -> !c.alpn().isEmpty());
        if (needTls || needHttp) {
            l.addListenerFilters(Protos.tlsInspector());
        }
        if (needHttp) {
            l.addListenerFilters(Protos.httpInspector());
        }
        l.setListenerFiltersTimeout(Protos.ZERO); // meshConfig.protocolDetectionTimeout defaults to 0s
        FilterChain defaultChain = null;
        for (OutboundChain c : e.chains) {
            FilterChain.Builder fc = FilterChain.newBuilder()
                    .addFilters(c.rds() != null ? ConnectionManagers.outboundRds("outbound_" + name, c.rds()) : c.tcp());
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
        String cluster = allowAny ? ResourceNames.PASSTHROUGH_CLUSTER : ResourceNames.BLACK_HOLE_CLUSTER;
        return Protos.tcpProxy(cluster, cluster);
    }

    /**
     * {@code buildVirtualOutboundListener}: 0.0.0.0:15001 with use_original_dst, a blackhole chain for traffic
     * sent to 15001 itself (no loops), and the catch-all chain per the outbound traffic policy.
     */
    private Listener virtualOutbound() {
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
