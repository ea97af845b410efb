package io.meshscope.core.model;

import java.util.List;
import java.util.Map;

/**
 * A DestinationRule {@code TrafficPolicy} (top level or a subset's) as written. Every block is null when absent;
 * durations are Go duration strings as written. {@code portLevelSettings} keep their written order.
 * {@code notGenerated} names (relative to the policy) fields meshscope decodes but does not generate, so
 * validation reports each one at its field instead of ignoring it silently.
 */
public record TrafficPolicy(LoadBalancer loadBalancer, ConnectionPool connectionPool,
                            OutlierDetection outlierDetection, ClientTls tls, ProxyProtocol proxyProtocol,
                            Tunnel tunnel, List<PortPolicy> portLevelSettings, RetryBudget retryBudget,
                            List<HttpMatch.NotGenerated> notGenerated) {
    /** An empty policy, as for a DestinationRule without {@code trafficPolicy}. */
    public static final TrafficPolicy NONE = new TrafficPolicy(null, null, null, null, null, null, List.of(), null,
            List.of());

    public TrafficPolicy {
        portLevelSettings = List.copyOf(portLevelSettings);
        notGenerated = List.copyOf(notGenerated);
    }

    /** True when no field at all is set ({@code validateTrafficPolicy}'s "at least one field"). */
    public boolean isEmpty() {
        return loadBalancer == null && connectionPool == null && outlierDetection == null && tls == null
                && proxyProtocol == null && tunnel == null && portLevelSettings.isEmpty() && retryBudget == null;
    }

    /** A {@code portLevelSettings} entry: {@code port} is null when {@code port.number} is absent. */
    public record PortPolicy(Integer port, LoadBalancer loadBalancer, ConnectionPool connectionPool,
                             OutlierDetection outlierDetection, ClientTls tls) {
        /** The port policy as a {@link TrafficPolicy} ({@code shadowCopyPortTrafficPolicy}): nothing else is kept. */
        public TrafficPolicy asPolicy() {
            return new TrafficPolicy(loadBalancer, connectionPool, outlierDetection, tls, null, null, List.of(),
                    null, List.of());
        }
    }

    /**
     * {@code LoadBalancerSettings}: {@code simple} ("" when absent), or {@code consistentHash};
     * {@code warmupDurationSecs} is the deprecated duration; {@code zoneAwareLbSetting} null when absent.
     */
    public record LoadBalancer(String simple, ConsistentHash consistentHash, LocalityLb localityLbSetting,
                               Warmup warmup, String warmupDurationSecs, ZoneAware zoneAwareLbSetting) {
        public LoadBalancer {
            simple = simple == null ? "" : simple;
        }

        /** Whether {@code zoneAwareLbSetting} is written. */
        public boolean zoneAware() {
            return zoneAwareLbSetting != null;
        }
    }

    /**
     * {@code ZoneAwareLoadBalancerSetting}: {@code enabled} and {@code minClusterSize} null when absent; failover
     * entries name regions.
     */
    public record ZoneAware(Boolean enabled, Long minClusterSize, List<LocalityLb.Failover> failover,
                            List<String> failoverPriority) {
        public ZoneAware {
            failover = List.copyOf(failover);
            failoverPriority = List.copyOf(failoverPriority);
        }
    }

    /**
     * {@code TrafficPolicy.RetryBudget}: {@code percent} and {@code budgetInterval} (a Go duration) null when
     * absent, {@code minRetryConcurrency} 0 when absent.
     */
    public record RetryBudget(Double percent, String budgetInterval, long minRetryConcurrency) {
    }

    /**
     * {@code ConsistentHashLB}: one hash key (the others null), and the algorithm: {@code ringHash} (its
     * {@code minimumRingSize}, 0 when absent), {@code maglev} ({@code tableSize}), or neither (deprecated top-level
     * {@code minimumRingSize}, 0 when absent).
     */
    public record ConsistentHash(String httpHeaderName, HttpCookie httpCookie, Boolean useSourceIp,
                                 String httpQueryParameterName, boolean ringHash, long ringHashMinimumRingSize,
                                 boolean maglev, long maglevTableSize, long minimumRingSize) {
    }

    /** {@code HTTPCookie}: name, path, ttl (Go duration, null when absent) and attributes in written order. */
    public record HttpCookie(String name, String path, String ttl, List<Map.Entry<String, String>> attributes) {
        public HttpCookie {
            attributes = List.copyOf(attributes);
        }
    }

    /** {@code LocalityLoadBalancerSetting}: {@code enabled} null when absent; weights by locality in written order. */
    public record LocalityLb(Boolean enabled, List<Distribute> distribute, List<Failover> failover,
                             List<String> failoverPriority) {
        public LocalityLb {
            distribute = List.copyOf(distribute);
            failover = List.copyOf(failover);
            failoverPriority = List.copyOf(failoverPriority);
        }

        /** One {@code distribute} entry. */
        public record Distribute(String from, Map<String, Long> to) {
            public Distribute {
                to = HttpMatch.ordered(to);
            }
        }

        /** One {@code failover} entry. */
        public record Failover(String from, String to) {
        }
    }

    /** {@code WarmupConfiguration}: duration (null when absent), minimumPercent and aggression (null when absent). */
    public record Warmup(String duration, Double minimumPercent, Double aggression) {
    }

    /**
     * {@code OutlierDetection}: wrapper fields are null when absent; plain ints are 0 when absent (istiod cannot
     * tell them apart either); {@code httpErrorCodes} ({@code outlierDetectionHttpErrorCodes}) in written order.
     */
    public record OutlierDetection(Long consecutive5xxErrors, Long consecutiveGatewayErrors, long consecutiveErrors,
                                   String interval, String baseEjectionTime, long maxEjectionPercent,
                                   long minHealthPercent, boolean splitExternalLocalOriginErrors,
                                   Long consecutiveLocalOriginFailures, List<Long> httpErrorCodes) {
        public OutlierDetection {
            httpErrorCodes = httpErrorCodes == null ? List.of() : List.copyOf(httpErrorCodes);
        }
    }

    /** {@code ClientTLSSettings}: strings "" when absent, {@code subjectAltNames} null when absent. */
    public record ClientTls(String mode, String clientCertificate, String privateKey, String caCertificates,
                            String credentialName, List<String> subjectAltNames, String sni,
                            Boolean insecureSkipVerify, String caCrl) {
        public ClientTls {
            mode = mode == null ? "" : mode;
            subjectAltNames = subjectAltNames == null ? null : List.copyOf(subjectAltNames);
        }
    }

    /** {@code ProxyProtocol}: version {@code V1} or {@code V2} ("" when absent, which is V1). */
    public record ProxyProtocol(String version) {
    }

    /** {@code TunnelSettings}. */
    public record Tunnel(String protocol, String targetHost, long targetPort) {
    }
}
