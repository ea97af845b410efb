package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.cluster.v3.UpstreamConnectionOptions;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.KeepaliveSettings;
import io.envoyproxy.envoy.config.core.v3.ProxyProtocolConfig;
import io.envoyproxy.envoy.config.core.v3.RuntimeDouble;
import io.envoyproxy.envoy.config.core.v3.TcpKeepalive;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport;
import io.envoyproxy.envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.type.v3.Percent;
import io.meshscope.core.model.ConnectionPool;
import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.TrafficPolicy;
import java.util.List;
import io.meshscope.core.validate.Durations;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import java.util.Map;

/**
 * istiod's {@code applyTrafficPolicy} ({@code pilot/pkg/networking/core/cluster_traffic_policy.go}) for an outbound
 * sidecar cluster: {@code applyH2Upgrade}, {@code applyConnectionPool} (+ {@code applyTCPKeepalive}),
 * {@code applyOutlierDetection}, {@code applyLoadBalancer} (simple, warmup, {@code ApplyRingHashLoadBalancer},
 * the cluster half of the locality and zone-aware settings, {@link LocalityLbPolicy}), {@code applyUpstreamTLSSettings} ({@link UpstreamTls}) and
 * {@code applyUpstreamProxyProtocol}, in that order, on a cluster whose type, default policy and upstream
 * protocol are already set.
 */
final class ClusterPolicies {
    static final String PROXY_PROTOCOL_SOCKET = "envoy.transport_sockets.upstream_proxy_protocol";

    private ClusterPolicies() {
    }

    /**
     * Where the policy is applied: the cluster's names ({@code subset} "" for the service's cluster);
     * {@code drWithSelector}: the rule has a workloadSelector or the proxy is a gateway (credentialName TLS is sent);
     * {@code serviceAccounts}: the service's identities, the SANs of ISTIO_MUTUAL when the rule writes none.
     */
    record Target(String host, int port, String subset, String protocol, boolean drWithSelector,
                  List<String> serviceAccounts) {
        /** istiod's ISTIO_MUTUAL SNI for the cluster, {@code outbound_.port_.subset_.host}. */
        String istioSni() {
            return "outbound_." + port + "_." + subset + "_." + host;
        }
    }

    /** What a cluster gets when its policy writes no TLS mode: istiod's auto mTLS ({@link AutoMtls}). */
    interface DefaultTls {
        /** Applies it to {@code c}, whose HTTP options are explicitly HTTP/2 when {@code h2}. */
        void apply(Cluster.Builder c, boolean h2);
    }

    /**
     * Applies {@code policy} (may be null: istiod still applies the defaults) to {@code c}; {@code mesh} gives the
     * mesh-wide locality and zone-aware settings a policy without its own falls back to; {@code defaultTls} takes
     * the place of a TLS mode the policy does not write, before a proxy protocol wraps it as istiod orders them.
     */
    static void apply(Cluster.Builder c, TrafficPolicy policy, Target t, MeshConfig mesh, DefaultTls defaultTls) {
        if (policy == null) {
            // The defaults applyTrafficPolicy would set are the cluster's already; most clusters stop here, after
            // the mesh's locality or zone-aware setting (applyLoadBalancer applies it to every cluster) and TLS.
            if (c.getType() != Cluster.DiscoveryType.ORIGINAL_DST) {
                LocalityLbPolicy.applyToCluster(c, LocalityLbPolicy.effective(mesh, null));
            }
            defaultTls.apply(c, AutoMtls.isHttp2(c));
            return;
        }
        HttpProtocolOptions.Builder http = httpOptions(c);
        ConnectionPool pool = policy == null ? null : policy.connectionPool();
        if (shouldH2Upgrade(pool, t.protocol()) && !http.hasExplicitHttpConfig() && !http.hasUseDownstreamProtocolConfig()) {
            http.setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                    .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()));
        }
        if (pool != null || policy.retryBudget() != null) {
            // applyTrafficPolicy defaults a missing pool to an empty one, so a retry budget alone still applies.
            connectionPool(c, http, pool == null ? new ConnectionPool(null, null) : pool, policy.retryBudget());
        }
        if (policy != null && policy.outlierDetection() != null) {
            outlierDetection(c, policy.outlierDetection());
        }
        loadBalancer(c, policy.loadBalancer(), LocalityLbPolicy.effective(mesh, policy));
        if (policy.tls() != null) {
            UpstreamTls.apply(c, http, policy.tls(), t);
        } else {
            defaultTls.apply(c, http.getExplicitHttpConfig().hasHttp2ProtocolOptions());
        }
        if (policy != null && policy.proxyProtocol() != null) {
            proxyProtocol(c, policy.proxyProtocol());
        }
        if (c.getType() == Cluster.DiscoveryType.ORIGINAL_DST) {
            c.setLbPolicy(Cluster.LbPolicy.CLUSTER_PROVIDED);
        }
        HttpProtocolOptions built = http.build();
        if (!built.equals(HttpProtocolOptions.getDefaultInstance())) {
            c.putTypedExtensionProtocolOptions(Protos.HTTP_PROTOCOL_OPTIONS_KEY, Protos.any(built));
        }
    }

    private static HttpProtocolOptions.Builder httpOptions(Cluster.Builder c) {
        com.google.protobuf.Any any = c.getTypedExtensionProtocolOptionsMap().get(Protos.HTTP_PROTOCOL_OPTIONS_KEY);
        if (any == null) {
            return HttpProtocolOptions.newBuilder();
        }
        c.removeTypedExtensionProtocolOptions(Protos.HTTP_PROTOCOL_OPTIONS_KEY);
        try {
            return any.unpack(HttpProtocolOptions.class).toBuilder();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e); // we packed it ourselves
        }
    }

    /** {@code shouldH2Upgrade}: the pool's h2UpgradePolicy decides (mesh default DO_NOT_UPGRADE). */
    static boolean shouldH2Upgrade(ConnectionPool pool, String protocol) {
        Map<String, Object> h = pool == null ? null : pool.http();
        if (h == null) {
            return false;
        }
        if (Boolean.TRUE.equals(get(h, "useClientProtocol", "use_client_protocol"))) {
            return false;
        }
        return "UPGRADE".equals(String.valueOf(get(h, "h2UpgradePolicy", "h2_upgrade_policy")));
    }

    /** {@code applyConnectionPool}: circuit breaker limits, connect timeout, HTTP options, TCP keepalive. */
    private static void connectionPool(Cluster.Builder c, HttpProtocolOptions.Builder http, ConnectionPool pool,
                                       TrafficPolicy.RetryBudget retryBudget) {
        CircuitBreakers.Thresholds.Builder th = ClusterBuilder.defaultCircuitBreakers().getThresholds(0).toBuilder();
        retryBudget(th, retryBudget);
        Duration idle = null;
        long maxRequestsPerConnection = 0;
        long maxConcurrentStreams = 0;
        Duration maxConnectionDuration = null;
        Duration keepInterval = null;
        Duration keepTimeout = null;
        boolean keepalive = false;
        Map<String, Object> h = pool.http();
        if (h != null) {
            long v = number(h, "http2MaxRequests", "http2_max_requests");
            if (v > 0) {
                th.setMaxRequests(u32(v));
            }
            v = number(h, "http1MaxPendingRequests", "http1_max_pending_requests");
            if (v > 0) {
                th.setMaxPendingRequests(u32(v));
            }
            v = number(h, "maxRetries", "max_retries");
            if (v > 0) {
                th.setMaxRetries(u32(v));
            }
            idle = duration(h, "idleTimeout", "idle_timeout");
            maxRequestsPerConnection = number(h, "maxRequestsPerConnection", "max_requests_per_connection");
            maxConcurrentStreams = number(h, "maxConcurrentStreams", "max_concurrent_streams");
            keepInterval = duration(h, "http2KeepAlive.interval", "http2_keep_alive.interval");
            keepTimeout = duration(h, "http2KeepAlive.timeout", "http2_keep_alive.timeout");
            keepalive = h.keySet().stream().anyMatch(k -> k.startsWith("http2KeepAlive.") || k.startsWith("http2_keep_alive."));
        }
        c.setConnectTimeout(Protos.CONNECT_TIMEOUT); // applyDefaultConnectionPool: the mesh connectTimeout
        Map<String, Object> tcp = pool.tcp();
        if (tcp != null) {
            Duration connect = duration(tcp, "connectTimeout", "connect_timeout");
            if (connect != null) {
                c.setConnectTimeout(connect);
            }
            long v = number(tcp, "maxConnections", "max_connections");
            if (v > 0) {
                th.setMaxConnections(u32(v));
            }
            maxConnectionDuration = duration(tcp, "maxConnectionDuration", "max_connection_duration");
            if (idle == null) {
                idle = duration(tcp, "idleTimeout", "idle_timeout");
            }
            tcpKeepalive(c, tcp);
        }
        c.setCircuitBreakers(CircuitBreakers.newBuilder().addThresholds(th));
        if (maxConnectionDuration != null || idle != null || maxRequestsPerConnection > 0 || maxConcurrentStreams > 0
                || keepalive) {
            io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.Builder common = http.getCommonHttpProtocolOptionsBuilder();
            if (idle != null) {
                common.setIdleTimeout(idle);
            }
            if (maxRequestsPerConnection > 0) {
                common.setMaxRequestsPerConnection(u32(maxRequestsPerConnection));
            }
            if (maxConnectionDuration != null) {
                common.setMaxConnectionDuration(maxConnectionDuration);
            }
            if (http.getExplicitHttpConfig().hasHttp2ProtocolOptions()) {
                Http2ProtocolOptions.Builder h2 = http.getExplicitHttpConfigBuilder().getHttp2ProtocolOptionsBuilder();
                if (maxConcurrentStreams > 0) {
                    h2.setMaxConcurrentStreams(u32(maxConcurrentStreams));
                }
                if (keepalive) {
                    KeepaliveSettings.Builder k = KeepaliveSettings.newBuilder();
                    if (keepInterval != null) {
                        k.setInterval(keepInterval);
                    }
                    if (keepTimeout != null) {
                        k.setTimeout(keepTimeout);
                    }
                    h2.setConnectionKeepalive(k);
                }
            }
        }
        if (h != null && Boolean.TRUE.equals(get(h, "useClientProtocol", "use_client_protocol"))) {
            // setUseDownstreamProtocol: HTTP/1.1 options inherited from an explicit HTTP/1.1 config
            io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions h1 = http.getExplicitHttpConfig().hasHttpProtocolOptions()
                    ? http.getExplicitHttpConfig().getHttpProtocolOptions()
                    : io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions.getDefaultInstance();
            http.setUseDownstreamProtocolConfig(HttpProtocolOptions.UseDownstreamHttpConfig.newBuilder()
                    .setHttpProtocolOptions(h1).setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()));
        }
    }

    /**
     * {@code applyRetryBudget}: 20% and a minimum concurrency of 3 unless written. istiod also copies
     * {@code budgetInterval}, a field the Envoy API meshscope builds against does not have yet: it is reported as
     * not generated.
     */
    private static void retryBudget(CircuitBreakers.Thresholds.Builder th, TrafficPolicy.RetryBudget rb) {
        if (rb == null) {
            return;
        }
        CircuitBreakers.Thresholds.RetryBudget.Builder b = CircuitBreakers.Thresholds.RetryBudget.newBuilder()
                .setBudgetPercent(Percent.newBuilder().setValue(rb.percent() == null ? 20.0 : rb.percent()))
                .setMinRetryConcurrency(u32(rb.minRetryConcurrency() > 0 ? rb.minRetryConcurrency() : 3));
        th.setRetryBudget(b);
    }

    /** {@code setKeepAliveSettings} with the DestinationRule's {@code tcpKeepalive} (the mesh sets none). */
    private static void tcpKeepalive(Cluster.Builder c, Map<String, Object> tcp) {
        boolean present = tcp.keySet().stream().anyMatch(k -> k.startsWith("tcpKeepalive.") || k.startsWith("tcp_keepalive."));
        if (!present) {
            return;
        }
        TcpKeepalive.Builder k = TcpKeepalive.newBuilder();
        long probes = number(tcp, "tcpKeepalive.probes", "tcp_keepalive.probes");
        if (probes > 0) {
            k.setKeepaliveProbes(u32(probes));
        }
        Duration time = duration(tcp, "tcpKeepalive.time", "tcp_keepalive.time");
        if (time != null) {
            k.setKeepaliveTime(u32(time.getSeconds()));
        }
        Duration interval = duration(tcp, "tcpKeepalive.interval", "tcp_keepalive.interval");
        if (interval != null) {
            k.setKeepaliveInterval(u32(interval.getSeconds()));
        }
        c.setUpstreamConnectionOptions(UpstreamConnectionOptions.newBuilder().setTcpKeepalive(k));
    }

    /** {@code applyOutlierDetection}: success-rate ejection off, consecutive errors enforced at 100%. */
    private static void outlierDetection(Cluster.Builder c, TrafficPolicy.OutlierDetection o) {
        OutlierDetection.Builder out = OutlierDetection.newBuilder().setEnforcingSuccessRate(u32(0));
        if (o.consecutive5xxErrors() != null) {
            long v = o.consecutive5xxErrors();
            out.setConsecutive5Xx(u32(v)).setEnforcingConsecutive5Xx(u32(v > 0 ? 100 : 0));
        }
        if (o.consecutiveGatewayErrors() != null) {
            long v = o.consecutiveGatewayErrors();
            out.setConsecutiveGatewayFailure(u32(v)).setEnforcingConsecutiveGatewayFailure(u32(v > 0 ? 100 : 0));
        }
        Duration interval = duration(o.interval());
        if (interval != null) {
            out.setInterval(interval);
        }
        Duration base = duration(o.baseEjectionTime());
        if (base != null) {
            out.setBaseEjectionTime(base);
        }
        if (o.maxEjectionPercent() > 0) {
            out.setMaxEjectionPercent(u32(o.maxEjectionPercent()));
        }
        if (o.splitExternalLocalOriginErrors()) {
            out.setSplitExternalLocalOriginErrors(true);
            if (o.consecutiveLocalOriginFailures() != null && o.consecutiveLocalOriginFailures() > 0) {
                out.setConsecutiveLocalOriginFailure(u32(o.consecutiveLocalOriginFailures()))
                        .setEnforcingConsecutiveLocalOriginFailure(u32(100));
            }
            out.setEnforcingLocalOriginSuccessRate(u32(0));
        }
        c.setOutlierDetection(out);
        if (o.minHealthPercent() >= 0) {
            // The panic threshold is the minimum health percent, 0 (disabled) when unset.
            c.getCommonLbConfigBuilder().setHealthyPanicThreshold(Percent.newBuilder().setValue(o.minHealthPercent()));
        }
    }

    /**
     * {@code applyLoadBalancer} for a non-ORIGINAL_DST cluster: the cluster half of the effective locality or
     * zone-aware setting ({@link LocalityLbPolicy}), the simple policy, {@code ApplyRingHashLoadBalancer}.
     */
    private static void loadBalancer(Cluster.Builder c, TrafficPolicy.LoadBalancer lb, LocalityLbPolicy locality) {
        if (c.getType() == Cluster.DiscoveryType.ORIGINAL_DST) {
            c.setLbPolicy(Cluster.LbPolicy.CLUSTER_PROVIDED);
            return;
        }
        LocalityLbPolicy.applyToCluster(c, locality);
        String simple = lb == null ? "" : lb.simple();
        switch (simple) {
            case "RANDOM" -> c.setLbPolicy(Cluster.LbPolicy.RANDOM);
            case "ROUND_ROBIN" -> {
                c.setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN);
                Cluster.SlowStartConfig slow = slowStart(lb);
                if (slow != null) {
                    c.setRoundRobinLbConfig(Cluster.RoundRobinLbConfig.newBuilder().setSlowStartConfig(slow));
                }
            }
            case "PASSTHROUGH" -> c.setLbPolicy(Cluster.LbPolicy.CLUSTER_PROVIDED)
                    .setType(Cluster.DiscoveryType.ORIGINAL_DST).clearLoadAssignment();
            default -> { // UNSPECIFIED, LEAST_CONN, LEAST_REQUEST
                c.setLbPolicy(Cluster.LbPolicy.LEAST_REQUEST);
                Cluster.SlowStartConfig slow = slowStart(lb);
                if (slow != null) {
                    c.setLeastRequestLbConfig(Cluster.LeastRequestLbConfig.newBuilder().setSlowStartConfig(slow));
                }
            }
        }
        ringHash(c, lb == null ? null : lb.consistentHash());
    }

    /** {@code setWarmup} (aggression 1 and 10% by default), else the deprecated {@code setSlowStartConfig}. */
    private static Cluster.SlowStartConfig slowStart(TrafficPolicy.LoadBalancer lb) {
        if (lb == null) {
            return null;
        }
        if (lb.warmup() != null) {
            TrafficPolicy.Warmup w = lb.warmup();
            Cluster.SlowStartConfig.Builder s = Cluster.SlowStartConfig.newBuilder()
                    .setAggression(RuntimeDouble.newBuilder()
                            .setDefaultValue(w.aggression() == null ? 1 : w.aggression()).setRuntimeKey("("))
                    .setMinWeightPercent(Percent.newBuilder()
                            .setValue(w.minimumPercent() == null ? 10 : w.minimumPercent()));
            Duration d = duration(w.duration());
            if (d != null) {
                s.setSlowStartWindow(d);
            }
            return s.build();
        }
        Duration d = duration(lb.warmupDurationSecs());
        return d == null ? null : Cluster.SlowStartConfig.newBuilder().setSlowStartWindow(d).build();
    }

    /** {@code ApplyRingHashLoadBalancer}: MAGLEV or RING_HASH (ring size 1024 unless written). */
    static void ringHash(Cluster.Builder c, TrafficPolicy.ConsistentHash hash) {
        if (hash == null) {
            return;
        }
        if (hash.maglev()) {
            c.setLbPolicy(Cluster.LbPolicy.MAGLEV);
            if (hash.maglevTableSize() != 0) {
                c.setMaglevLbConfig(Cluster.MaglevLbConfig.newBuilder()
                        .setTableSize(UInt64Value.of(hash.maglevTableSize())));
            }
        } else if (hash.ringHash()) {
            c.setLbPolicy(Cluster.LbPolicy.RING_HASH);
            if (hash.ringHashMinimumRingSize() != 0) {
                c.setRingHashLbConfig(Cluster.RingHashLbConfig.newBuilder()
                        .setMinimumRingSize(UInt64Value.of(hash.ringHashMinimumRingSize())));
            }
        } else {
            long size = hash.minimumRingSize() != 0 ? hash.minimumRingSize() : 1024;
            c.setLbPolicy(Cluster.LbPolicy.RING_HASH)
                    .setRingHashLbConfig(Cluster.RingHashLbConfig.newBuilder().setMinimumRingSize(UInt64Value.of(size)));
        }
    }

    /** {@code applyUpstreamProxyProtocol}: wraps the transport socket (raw buffer when none). */
    private static void proxyProtocol(Cluster.Builder c, TrafficPolicy.ProxyProtocol pp) {
        ProxyProtocolConfig.Version version = "V2".equals(pp.version()) || "1".equals(pp.version())
                ? ProxyProtocolConfig.Version.V2 : ProxyProtocolConfig.Version.V1;
        if (!c.hasTransportSocket() && c.getTransportSocketMatchesCount() == 0) {
            c.setTransportSocket(proxyProtocolSocket(PROXY_PROTOCOL_SOCKET, version, rawBuffer()));
            return;
        }
        if (c.hasTransportSocket()) {
            // wellknown.TransportSocketPROXY is the same name.
            c.setTransportSocket(proxyProtocolSocket(PROXY_PROTOCOL_SOCKET, version, c.getTransportSocket()));
        }
        for (Cluster.TransportSocketMatch.Builder m : c.getTransportSocketMatchesBuilderList()) {
            m.setTransportSocket(proxyProtocolSocket(PROXY_PROTOCOL_SOCKET, version, m.getTransportSocket()));
        }
    }

    private static TransportSocket proxyProtocolSocket(String name, ProxyProtocolConfig.Version v, TransportSocket inner) {
        return TransportSocket.newBuilder().setName(name).setTypedConfig(Protos.any(ProxyProtocolUpstreamTransport
                .newBuilder().setConfig(ProxyProtocolConfig.newBuilder().setVersion(v)).setTransportSocket(inner)
                .build())).build();
    }

    /** {@code util.RawBufferTransport}. */
    static TransportSocket rawBuffer() {
        return TransportSocket.newBuilder().setName("raw_buffer").setTypedConfig(Protos.any(RawBuffer.getDefaultInstance()))
                .build();
    }

    private static Object get(Map<String, Object> m, String json, String proto) {
        Object v = m.get(json);
        return v != null ? v : m.get(proto);
    }

    private static long number(Map<String, Object> m, String json, String proto) {
        Object v = get(m, json, proto);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return 0; // validation reports it
            }
        }
        return 0;
    }

    private static Duration duration(Map<String, Object> m, String json, String proto) {
        Object v = get(m, json, proto);
        return v == null ? null : duration(String.valueOf(v));
    }

    static Duration duration(String text) {
        Long nanos = Durations.nanosOrNull(text);
        return nanos == null ? null : RetryPolicies.duration(nanos);
    }

    private static UInt32Value u32(long v) {
        return UInt32Value.of((int) v);
    }
}
