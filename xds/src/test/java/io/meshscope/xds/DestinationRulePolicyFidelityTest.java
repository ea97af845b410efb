package io.meshscope.xds;

import static io.meshscope.xds.DrPolicyFixture.C80;
import static io.meshscope.xds.DrPolicyFixture.HOST;
import static io.meshscope.xds.DrPolicyFixture.assertCluster;
import static io.meshscope.xds.DrPolicyFixture.assertJson;
import static io.meshscope.xds.DrPolicyFixture.base;
import static io.meshscope.xds.DrPolicyFixture.plainBase;
import static io.meshscope.xds.DrPolicyFixture.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import org.junit.jupiter.api.Test;

/**
 * Golden clusters for each DestinationRule traffic-policy feature. Each expected Envoy JSON was derived by hand from
 * the istiod function named in the test ({@code pilot/pkg/networking/core/cluster_traffic_policy.go},
 * {@code cluster_tls.go}, {@code cluster_builder.go}, {@code pilot/pkg/networking/util/util.go},
 * {@code pilot/pkg/model/destination_rule.go}), for a sidecar in the DestinationRule's namespace. The expected
 * cluster is istiod's policy-free cluster ({@link DrPolicyFixture#base}) merged with what the policy adds.
 */
class DestinationRulePolicyFidelityTest {
    private static final String C9080 = "outbound|9080||" + HOST;

    @Test
    void applyLoadBalancerRoundRobinWithWarmupSetsSlowStart() {
        // applyRoundRobinLoadBalancer + setWarmup: aggression 1 and minimum 10% when not written.
        Cluster c = cluster("""
                  trafficPolicy:
                    loadBalancer: {simple: ROUND_ROBIN, warmup: {duration: 60s}}
                """, C80);
        assertCluster(c, base(C80), """
                {"lb_policy": "ROUND_ROBIN", "round_robin_lb_config": {"slow_start_config": {"slow_start_window": "60s",
                  "aggression": {"default_value": 1, "runtime_key": "("}, "min_weight_percent": {"value": 10}}}}""");
    }

    @Test
    void applyLoadBalancerLeastRequestWithDeprecatedWarmupDurationSecs() {
        // applyLeastRequestLoadBalancer + setSlowStartConfig (warmupDurationSecs): only the window.
        Cluster c = cluster("""
                  trafficPolicy:
                    loadBalancer: {simple: LEAST_CONN, warmupDurationSecs: 15s}
                """, C80);
        assertCluster(c, base(C80), """
                {"least_request_lb_config": {"slow_start_config": {"slow_start_window": "15s"}}}""");
    }

    @Test
    void applyRingHashLoadBalancerForRingHashMaglevAndTheDeprecatedRingSize() {
        // ApplyRingHashLoadBalancer: ringHash with a size, maglev with a table size, neither: RING_HASH 1024.
        assertCluster(cluster("""
                  trafficPolicy:
                    loadBalancer: {consistentHash: {httpHeaderName: x-user, ringHash: {minimumRingSize: 2048}}}
                """, C80), base(C80), """
                {"lb_policy": "RING_HASH", "ring_hash_lb_config": {"minimum_ring_size": "2048"}}""");
        assertCluster(cluster("""
                  trafficPolicy:
                    loadBalancer: {consistentHash: {useSourceIp: true, maglev: {tableSize: 65537}}}
                """, C80), base(C80), """
                {"lb_policy": "MAGLEV", "maglev_lb_config": {"table_size": "65537"}}""");
        assertCluster(cluster("""
                  trafficPolicy:
                    loadBalancer: {consistentHash: {httpHeaderName: x-user}}
                """, C80), base(C80), """
                {"lb_policy": "RING_HASH", "ring_hash_lb_config": {"minimum_ring_size": "1024"}}""");
    }

    @Test
    void applyConnectionPoolSetsLimitsTimeoutsKeepaliveAndH2Upgrade() {
        // applyH2Upgrade (UPGRADE), applyConnectionPool (thresholds, connect timeout, idle timeout, max requests per
        // connection, max concurrent streams on the h2 options) and applyTCPKeepalive.
        Cluster c = cluster("""
                  trafficPolicy:
                    connectionPool:
                      tcp: {maxConnections: 100, connectTimeout: 3s, tcpKeepalive: {time: 7200s, interval: 75s, probes: 9}}
                      http: {http1MaxPendingRequests: 10, http2MaxRequests: 1000, maxRequestsPerConnection: 1,
                             maxRetries: 3, idleTimeout: 30s, h2UpgradePolicy: UPGRADE, maxConcurrentStreams: 50}
                """, C80);
        assertThat(DrPolicyFixture.print(c.getCircuitBreakers())).isEqualTo(DrPolicyFixture.print(
                expectedBreakers("""
                        {"thresholds": [{"max_connections": 100, "max_pending_requests": 10, "max_requests": 1000,
                          "max_retries": 3, "track_remaining": true}]}""")));
        // The upgrade makes it an HTTP/2 cluster, so auto mTLS advertises h2 too (isHttp2Cluster).
        String upgraded = base(C80).replace("\"istio\"]", "\"istio\", \"h2\"]");
        assertCluster(c.toBuilder().clearCircuitBreakers().build(), upgraded.replace("\"circuit_breakers\"",
                "\"_cb\"").replaceAll("\"_cb\": \\{[^}]*}]},", ""), """
                {"connect_timeout": "3s",
                 "upstream_connection_options": {"tcp_keepalive": {"keepalive_probes": 9, "keepalive_time": 7200,
                   "keepalive_interval": 75}},
                 "typed_extension_protocol_options": {"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                   "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                   "common_http_protocol_options": {"idle_timeout": "30s", "max_requests_per_connection": 1},
                   "explicit_http_config": {"http2_protocol_options": {"max_concurrent_streams": 50}}}}}""");
    }

    private static CircuitBreakers expectedBreakers(String json) {
        CircuitBreakers.Builder b = CircuitBreakers.newBuilder();
        DrPolicyFixture.merge(json, b);
        return b.build();
    }

    @Test
    void applyConnectionPoolUseClientProtocolOnAGrpcPortUsesTheDownstreamProtocol() {
        // setUseDownstreamProtocol replaces the explicit HTTP/2 config of a gRPC port; shouldH2Upgrade is false.
        Cluster c = cluster("""
                  trafficPolicy:
                    connectionPool: {http: {useClientProtocol: true}}
                """, C9080);
        assertThat(DrPolicyFixture.print(c.getTypedExtensionProtocolOptionsOrThrow(Protos.HTTP_PROTOCOL_OPTIONS_KEY)))
                .contains("use_downstream_protocol_config").doesNotContain("explicit_http_config");
    }

    @Test
    void applyOutlierDetectionDisablesSuccessRateAndSetsThePanicThreshold() {
        // applyOutlierDetection: enforcing_success_rate 0, enforcing 100% for the consecutive errors written,
        // healthy_panic_threshold = minHealthPercent (0 when unset).
        Cluster c = cluster("""
                  trafficPolicy:
                    outlierDetection: {consecutive5xxErrors: 5, consecutiveGatewayErrors: 0, interval: 10s,
                                       baseEjectionTime: 30s, maxEjectionPercent: 50,
                                       splitExternalLocalOriginErrors: true, consecutiveLocalOriginFailures: 2}
                """, C80);
        assertCluster(c, base(C80), """
                {"outlier_detection": {"consecutive_5xx": 5, "interval": "10s", "base_ejection_time": "30s",
                   "max_ejection_percent": 50, "enforcing_consecutive_5xx": 100, "enforcing_success_rate": 0,
                   "consecutive_gateway_failure": 0, "enforcing_consecutive_gateway_failure": 0,
                   "split_external_local_origin_errors": true, "consecutive_local_origin_failure": 2,
                   "enforcing_consecutive_local_origin_failure": 100, "enforcing_local_origin_success_rate": 0},
                 "common_lb_config": {"healthy_panic_threshold": {}}}""");
    }

    @Test
    void applyRetryBudgetDefaultsToTwentyPercentAndThreeRetriesAndNeedsNoConnectionPool() {
        // applyTrafficPolicy defaults a missing connectionPool to an empty one, so applyConnectionPool runs and
        // applyRetryBudget adds retry_budget to the default thresholds: 20% and min_retry_concurrency 3 unless
        // written (cluster_builder_test.go's "destination rule with retry budget" cases).
        Cluster defaults = cluster("""
                  trafficPolicy:
                    retryBudget: {}
                """, C80);
        assertThat(DrPolicyFixture.print(defaults.getCircuitBreakers())).isEqualTo(DrPolicyFixture.print(
                expectedBreakers("""
                        {"thresholds": [{"max_connections": 4294967295, "max_pending_requests": 4294967295,
                          "max_requests": 4294967295, "max_retries": 4294967295, "track_remaining": true,
                          "retry_budget": {"budget_percent": {"value": 20}, "min_retry_concurrency": 3}}]}""")));
        // Nothing else changes.
        assertCluster(defaults.toBuilder().setCircuitBreakers(ClusterBuilder.defaultCircuitBreakers()).build(),
                base(C80), "{}");
        // Written values, on a subset (MergeTrafficPolicy: the subset's retryBudget wins), with maxRetries.
        Cluster c = cluster("""
                  trafficPolicy:
                    retryBudget: {percent: 50}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      connectionPool: {http: {maxRetries: 10}}
                      retryBudget: {percent: 0.3, minRetryConcurrency: 4}
                """, "outbound|80|v1|" + HOST);
        assertThat(DrPolicyFixture.print(c.getCircuitBreakers())).isEqualTo(DrPolicyFixture.print(expectedBreakers("""
                {"thresholds": [{"max_connections": 4294967295, "max_pending_requests": 4294967295,
                  "max_requests": 4294967295, "max_retries": 10, "track_remaining": true,
                  "retry_budget": {"budget_percent": {"value": 0.3}, "min_retry_concurrency": 4}}]}""")));
    }

    @Test
    void localityLbSettingDistributeTurnsOnLocalityWeightedLb() {
        // LocalityLBSettings.ApplyToCluster: distribute (or failover with outlier detection) sets
        // locality_weighted_lb_config; failover without outlier detection does not.
        assertCluster(cluster("""
                  trafficPolicy:
                    loadBalancer:
                      localityLbSetting: {distribute: [{from: us-west/*, to: {"us-west/*": 80, "us-east/*": 20}}]}
                """, C80), base(C80), """
                {"common_lb_config": {"locality_weighted_lb_config": {}}}""");
        assertCluster(cluster("""
                  trafficPolicy:
                    loadBalancer:
                      localityLbSetting: {failover: [{from: us-west, to: us-east}]}
                """, C80), base(C80), "{}");
    }

    @Test
    void buildUpstreamClusterTlsContextIstioMutual() {
        // buildUpstreamTLSSettings + buildUpstreamClusterTLSContext (ISTIO_MUTUAL, user supplied): SDS "default" and
        // "ROOTCA" from sds-grpc without an initial fetch timeout, SNI outbound_.80_._.host, Istio's ALPN (with h2 on
        // an HTTP/2 cluster).
        String sds = """
                {"name": "%s", "sds_config": {"api_config_source": {"api_type": "GRPC", "set_node_on_first_message_only":
                  true, "transport_api_version": "V3", "grpc_services": [{"envoy_grpc": {"cluster_name": "sds-grpc"}}]},
                  "initial_fetch_timeout": "0s", "resource_api_version": "V3"}}""";
        Cluster c = cluster("""
                  trafficPolicy:
                    tls: {mode: ISTIO_MUTUAL}
                """, C80);
        assertCluster(c, plainBase(C80), """
                {"transport_socket": {"name": "envoy.transport_sockets.tls", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                  "common_tls_context": {"tls_params": {"tls_minimum_protocol_version": "TLSv1_2",
                    "tls_maximum_protocol_version": "TLSv1_3"},
                    "tls_certificate_sds_secret_configs": [%s],
                    "combined_validation_context": {"default_validation_context": {},
                      "validation_context_sds_secret_config": %s},
                    "alpn_protocols": ["istio-peer-exchange", "istio"]},
                  "sni": "outbound_.80_._.reviews.app.svc.cluster.local"}}}""".formatted(sds.formatted("default"),
                sds.formatted("ROOTCA")));
        Cluster grpc = cluster("""
                  trafficPolicy:
                    tls: {mode: ISTIO_MUTUAL, sni: my-sni}
                """, C9080);
        assertThat(DrPolicyFixture.print(grpc.getTransportSocket())).contains("\"h2\"").contains("my-sni");
    }

    @Test
    void constructUpstreamTlsSimpleAndMutualServeFilesOverSds() {
        // constructUpstreamTLS: SIMPLE validates against file-root:<ca> ("system" by default) with auto SNI and
        // SAN validation when neither is written; MUTUAL adds file-cert:<cert>~<key>.
        String sds = """
                {"name": "%s", "sds_config": {"api_config_source": {"api_type": "GRPC", "set_node_on_first_message_only":
                  true, "transport_api_version": "V3", "grpc_services": [{"envoy_grpc": {"cluster_name": "sds-grpc"}}]},
                  "resource_api_version": "V3"}}""";
        Cluster simple = cluster("""
                  trafficPolicy:
                    tls: {mode: SIMPLE}
                """, C80);
        assertCluster(simple, DrPolicyFixture.userTlsBase(C80), """
                {"transport_socket": {"name": "envoy.transport_sockets.tls", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                  "common_tls_context": {"tls_params": {"tls_minimum_protocol_version": "TLSv1_2",
                    "tls_maximum_protocol_version": "TLSv1_3"},
                    "combined_validation_context": {"default_validation_context": {},
                      "validation_context_sds_secret_config": %s}}}},
                 "typed_extension_protocol_options": {"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                   "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                   "upstream_http_protocol_options": {"auto_sni": true, "auto_san_validation": true}}}}"""
                .formatted(sds.formatted("file-root:system")));
        Cluster mutual = cluster("""
                  trafficPolicy:
                    tls: {mode: MUTUAL, clientCertificate: /etc/c.pem, privateKey: /etc/k.pem, caCertificates: /etc/ca.pem,
                          sni: reviews.example.com, subjectAltNames: [reviews.example.com]}
                """, C80);
        assertCluster(mutual, DrPolicyFixture.userTlsBase(C80), """
                {"transport_socket": {"name": "envoy.transport_sockets.tls", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                  "common_tls_context": {"tls_params": {"tls_minimum_protocol_version": "TLSv1_2",
                    "tls_maximum_protocol_version": "TLSv1_3"},
                    "tls_certificate_sds_secret_configs": [%s],
                    "combined_validation_context": {"default_validation_context": {"match_subject_alt_names":
                      [{"exact": "reviews.example.com"}]}, "validation_context_sds_secret_config": %s}},
                  "sni": "reviews.example.com"}}}""".formatted(sds.formatted("file-cert:/etc/c.pem~/etc/k.pem"),
                sds.formatted("file-root:/etc/ca.pem")));
    }

    @Test
    void buildUpstreamClusterTlsContextSendsSidecarsNoCredentialNameTlsWithoutAWorkloadSelector() {
        // The "hack" in buildUpstreamClusterTLSContext: SIMPLE/MUTUAL with credentialName in a DestinationRule
        // without workloadSelector gives sidecars no TLS context (validation warns about it).
        assertCluster(cluster("""
                  trafficPolicy:
                    tls: {mode: SIMPLE, credentialName: reviews-ca}
                """, C80), DrPolicyFixture.userTlsBase(C80), "{}");
    }

    @Test
    void gatewaysGetCredentialNameTlsOfADestinationRuleWithoutSelector() {
        // buildUpstreamClusterTLSContext withholds it from sidecars only (cb.sidecarProxy()).
        XdsSnapshot s = DrPolicyFixture.snapshot("""
                  exportTo: ["*"]
                  trafficPolicy:
                    tls: {mode: SIMPLE, credentialName: reviews-ca}
                """, "");
        io.meshscope.core.scope.Proxy gateway = new io.meshscope.core.scope.Proxy(
                io.meshscope.core.scope.ProxyType.ROUTER, "app", java.util.Map.of("istio", "gw"));
        Cluster c = (Cluster) s.resourcesFor(gateway, null, false).find(XdsType.CLUSTER, C80).resource();
        assertThat(DrPolicyFixture.print(c.getTransportSocket())).contains("kubernetes://reviews-ca-cacert");
    }

    @Test
    void credentialNameOfASelectorDestinationRuleIsFetchedOverAds() {
        // ApplyCustomSDSToClientCommonTLSContext + ConstructSdsSecretConfigForCredential: kubernetes://<name> and
        // kubernetes://<name>-cacert over ADS.
        Cluster c = cluster("""
                  workloadSelector: {matchLabels: {app: client}}
                  trafficPolicy:
                    tls: {mode: MUTUAL, credentialName: reviews-client, sni: reviews.example.com}
                """, C80);
        String ads = "{\"name\": \"%s\", \"sds_config\": {\"ads\": {}, \"resource_api_version\": \"V3\"}}";
        assertCluster(c, DrPolicyFixture.userTlsBase(C80), """
                {"transport_socket": {"name": "envoy.transport_sockets.tls", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                  "common_tls_context": {"tls_params": {"tls_minimum_protocol_version": "TLSv1_2",
                    "tls_maximum_protocol_version": "TLSv1_3"},
                    "tls_certificate_sds_secret_configs": [%s],
                    "combined_validation_context": {"default_validation_context": {},
                      "validation_context_sds_secret_config": %s}},
                  "sni": "reviews.example.com"}}}""".formatted(ads.formatted("kubernetes://reviews-client"),
                ads.formatted("kubernetes://reviews-client-cacert")));
    }

    @Test
    void applyUpstreamProxyProtocolWrapsRawBufferOrTheTlsSocket() {
        // applyUpstreamProxyProtocol runs after applyUpstreamTLSSettings: with auto mTLS it wraps each transport
        // socket match (the ISTIO_MUTUAL one and the plaintext one); with TLS DISABLE there is no socket at all,
        // so it wraps raw_buffer.
        Cluster c = cluster("""
                  trafficPolicy:
                    proxyProtocol: {version: V2}
                """, C80);
        String wrap = """
                {"name": "envoy.transport_sockets.upstream_proxy_protocol", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport",
                  "config": {"version": "V2"}, "transport_socket": %s}}""";
        assertCluster(c, plainBase(C80), """
                {"transport_socket_matches": [{"name": "tlsMode-istio", "match": {"tlsMode": "istio"},
                  "transport_socket": %s},
                 {"name": "tlsMode-disabled", "match": {}, "transport_socket": %s}]}""".formatted(
                wrap.formatted(DrPolicyFixture.istioMutualSocket(C80, "")), wrap.formatted("""
                        {"name": "envoy.transport_sockets.raw_buffer", "typed_config": {
                          "@type": "type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer"}}""")));
        Cluster plain = cluster("""
                  trafficPolicy:
                    tls: {mode: DISABLE}
                    proxyProtocol: {version: V2}
                """, C80);
        assertCluster(plain, plainBase(C80), """
                {"transport_socket": %s}""".formatted(wrap.formatted("""
                {"name": "raw_buffer", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer"}}""")));
        Cluster tls = cluster("""
                  trafficPolicy:
                    tls: {mode: ISTIO_MUTUAL}
                    proxyProtocol: {}
                """, C80);
        assertThat(DrPolicyFixture.print(tls.getTransportSocket()))
                .contains("upstream_proxy_protocol").contains("envoy.transport_sockets.tls");
    }

    @Test
    void getPortLevelTrafficPolicyReplacesTheWholePolicyForItsPort() {
        // GetPortLevelTrafficPolicy: port 80's settings replace the top level (its outlier detection is not
        // inherited); port 9080 keeps the top level.
        XdsSnapshot s = DrPolicyFixture.snapshot("""
                  trafficPolicy:
                    loadBalancer: {simple: RANDOM}
                    outlierDetection: {consecutive5xxErrors: 7}
                    portLevelSettings:
                    - port: {number: 80}
                      loadBalancer: {simple: ROUND_ROBIN}
                """, "");
        assertCluster(cluster(s, C80, false), base(C80), "{\"lb_policy\": \"ROUND_ROBIN\"}");
        Cluster c9080 = cluster(s, C9080, false);
        assertThat(c9080.getLbPolicy()).isEqualTo(Cluster.LbPolicy.RANDOM);
        assertThat(c9080.getOutlierDetection().getConsecutive5Xx().getValue()).isEqualTo(7);
    }

    @Test
    void mergeSubsetTrafficPolicyOverlaysTheSubsetBlocks() {
        // MergeSubsetTrafficPolicy + MergeTrafficPolicy: a subset block replaces the rule's, others are inherited;
        // a subset port-level policy replaces all four blocks for its port.
        XdsSnapshot s = DrPolicyFixture.snapshot("""
                  trafficPolicy:
                    loadBalancer: {simple: RANDOM}
                    connectionPool: {tcp: {maxConnections: 10}}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      loadBalancer: {simple: ROUND_ROBIN}
                  - name: v2
                    labels: {version: v2}
                    trafficPolicy:
                      portLevelSettings:
                      - port: {number: 80}
                        outlierDetection: {consecutive5xxErrors: 3}
                """, "");
        Cluster v1 = cluster(s, "outbound|80|v1|" + HOST, false);
        assertThat(v1.getLbPolicy()).isEqualTo(Cluster.LbPolicy.ROUND_ROBIN);
        assertThat(v1.getCircuitBreakers().getThresholds(0).getMaxConnections().getValue()).isEqualTo(10);
        Cluster v2 = cluster(s, "outbound|80|v2|" + HOST, false);
        assertThat(v2.getLbPolicy()).isEqualTo(Cluster.LbPolicy.LEAST_REQUEST);
        assertThat(v2.getCircuitBreakers().getThresholds(0).getMaxConnections().getValue()).isEqualTo(-1);
        assertThat(v2.getOutlierDetection().getConsecutive5Xx().getValue()).isEqualTo(3);
        Cluster v2grpc = cluster(s, "outbound|9080|v2|" + HOST, false);
        assertThat(v2grpc.getLbPolicy()).isEqualTo(Cluster.LbPolicy.RANDOM);
        assertThat(v2grpc.hasOutlierDetection()).isFalse();
    }

    @Test
    void grpcgenAppliesOnlyLoadBalancingAndMaxRequestsToProxylessClusters() {
        // grpcgen/cds.go applyTrafficPolicy: applyLoadBalancing (ApplyRingHashLoadBalancer), applyCircuitBreakers
        // (max_requests only); outlier detection and the other pool limits are not sent.
        XdsSnapshot s = DrPolicyFixture.snapshot("""
                  trafficPolicy:
                    loadBalancer: {consistentHash: {httpHeaderName: x-user, ringHash: {minimumRingSize: 64}}}
                    connectionPool: {http: {http2MaxRequests: 100, maxRetries: 5}, tcp: {maxConnections: 4}}
                    outlierDetection: {consecutive5xxErrors: 5}
                """, "");
        Cluster c = cluster(s, C9080, true);
        assertJson(c, Cluster.newBuilder(), """
                {"name": "%s", "type": "EDS", "eds_cluster_config": {"eds_config": {"ads": {}}, "service_name": "%s"},
                 "lb_policy": "RING_HASH", "ring_hash_lb_config": {"minimum_ring_size": "64"},
                 "circuit_breakers": {"thresholds": [{"max_requests": 100}]}}""".formatted(C9080, C9080));
    }
}
