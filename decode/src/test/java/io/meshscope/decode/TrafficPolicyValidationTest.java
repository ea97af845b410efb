package io.meshscope.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.Diagnostic;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.TrafficPolicy;
import io.meshscope.core.validate.InputValidator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DestinationRule traffic policies through decoding and validation: Istio's {@code validateTrafficPolicy} messages
 * ({@code pkg/config/validation/validation.go}, {@code agent.ValidateTLS}, {@code agent.ValidateLocalityLbSetting})
 * at file:line and field path, and meshscope's warnings for policy fields it does not generate.
 */
class TrafficPolicyValidationTest {
    private static final String HEAD = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: app}
            spec:
              host: reviews
            """;

    private static MeshInput read(String spec) {
        return new ManifestReader().readString("dr.yaml", HEAD + spec, Optional.empty());
    }

    private static List<String> validate(String spec) {
        return InputValidator.validate(read(spec)).stream().map(TrafficPolicyValidationTest::line).toList();
    }

    private static String line(Diagnostic d) {
        return d.severity() + " " + d.location().line() + " " + d.field() + ": " + d.message();
    }

    @Test
    void decodesTopLevelPortLevelAndSubsetPolicies() {
        DestinationRule dr = read("""
                  trafficPolicy:
                    loadBalancer: {consistentHash: {httpCookie: {name: u, ttl: 0s}, ringHash: {minimumRingSize: 8}}}
                    connectionPool: {http: {http2MaxRequests: 10}}
                    outlierDetection: {consecutive5xxErrors: 0, interval: 5s}
                    tls: {mode: ISTIO_MUTUAL, subjectAltNames: []}
                    proxyProtocol: {version: V2}
                    portLevelSettings: [{port: {number: 80}, loadBalancer: {simple: RANDOM}}]
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy: {tls: {mode: DISABLE}}
                """).destinationRules().get(0);
        TrafficPolicy p = dr.trafficPolicy();
        assertThat(p.loadBalancer().consistentHash().httpCookie().ttl()).isEqualTo("0s");
        assertThat(p.loadBalancer().consistentHash().ringHashMinimumRingSize()).isEqualTo(8);
        assertThat(p.connectionPool().http()).containsEntry("http2MaxRequests", 10L);
        assertThat(p.outlierDetection().consecutive5xxErrors()).isZero();
        assertThat(p.tls().subjectAltNames()).isEmpty();
        assertThat(p.proxyProtocol().version()).isEqualTo("V2");
        assertThat(p.portLevelSettings().get(0).port()).isEqualTo(80);
        assertThat(p.portLevelSettings().get(0).loadBalancer().simple()).isEqualTo("RANDOM");
        assertThat(dr.subsets().get(0).trafficPolicy().tls().mode()).isEqualTo("DISABLE");
        assertThat(dr.tlsMode()).isEqualTo("ISTIO_MUTUAL");
    }

    @Test
    void validateTrafficPolicyReportsIstiosTextsAtTheirFields() {
        assertThat(validate("""
                  trafficPolicy:
                    loadBalancer:
                      consistentHash: {httpCookie: {ttl: 1s}, maglev: {tableSize: 1000}, minimumRingSize: 4}
                      warmup: {minimumPercent: 120, aggression: 0}
                    outlierDetection: {interval: 1us, maxEjectionPercent: 120, consecutiveLocalOriginFailures: 3}
                    connectionPool: {http: {maxRetries: -1}}
                    tls: {mode: MUTUAL}
                    proxyProtocol: {version: V3}
                    portLevelSettings: [{loadBalancer: {simple: RANDOM}}, {port: {number: 81}}]
                  subsets:
                  - name: v1
                    trafficPolicy: {}
                """)).containsExactlyInAnyOrder(
                "ERROR 10 spec.trafficPolicy.outlierDetection.interval: duration must be greater than 1ms",
                "ERROR 10 spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures: outlier detection "
                        + "consecutive local origin failures is specified, but split external local origin errors is"
                        + " set to false",
                "ERROR 10 spec.trafficPolicy.outlierDetection.maxEjectionPercent: percentage 120 is not in range 0..100",
                "ERROR 11 spec.trafficPolicy.connectionPool.http.maxRetries: max retries must be non-negative",
                "ERROR 8 spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name: name required for HttpCookie",
                "WARNING 8 spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize: consistent hash "
                        + "MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead",
                "ERROR 8 spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize: only one of MinimumRingSize"
                        + " or Maglev/Ringhash can be specified",
                "ERROR 8 spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize: tableSize must be a prime"
                        + " number for maglev",
                "ERROR 9 spec.trafficPolicy.loadBalancer.warmup.duration: duration is required",
                "ERROR 9 spec.trafficPolicy.loadBalancer.warmup.minimumPercent: minimumPercent value should be less"
                        + " than or equal to 100",
                "ERROR 9 spec.trafficPolicy.loadBalancer.warmup.aggression: aggression should be greater than 0",
                "ERROR 12 spec.trafficPolicy.tls.clientCertificate: client certificate required for mutual tls",
                "ERROR 12 spec.trafficPolicy.tls.privateKey: private key required for mutual tls",
                "ERROR 14 spec.trafficPolicy.portLevelSettings[0].port: portTrafficPolicy must have valid port",
                "ERROR 14 spec.trafficPolicy.portLevelSettings[1]: port traffic policy must have at least one field",
                "ERROR 13 spec.trafficPolicy.proxyProtocol.version: proxy protocol version is invalid: V3",
                "ERROR 17 spec.subsets[0].trafficPolicy: traffic policy must have at least one field");
    }

    @Test
    void tcpProxySettingsMeshscopeNowGeneratesAreNotReportedAsNotGenerated() {
        // The TCP proxy filters carry them (xds TcpProxies, L4RouteFidelityTest), as istiod's do.
        assertThat(validate("""
                  trafficPolicy:
                    loadBalancer: {consistentHash: {useSourceIp: true}}
                    connectionPool: {tcp: {idleTimeout: 1h, maxConnectionDuration: 30m}}
                """)).isEmpty();
    }

    @Test
    void localityAndTunnelRulesAreValidatedAndTunnelIsNoLongerReportedAsNotGenerated() {
        assertThat(validate("""
                  trafficPolicy:
                    loadBalancer:
                      localityLbSetting:
                        distribute: [{from: "us-west/*", to: {"us-east/*": 60, "eu/*": 30}}]
                    tunnel: {targetHost: "bad_host", targetPort: 0}
                    connectionPool: {tcp: {idleTimeout: 1h, maxConnectionDuration: 1h}}
                """)).containsExactlyInAnyOrder(
                "ERROR 9 spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to: total locality"
                        + " weight 90 != 100",
                "ERROR 10 spec.trafficPolicy.tunnel.targetHost: tunnel target host must be valid FQDN or IP address:"
                        + " domain name \"bad_host\" invalid (label \"bad_host\" invalid); bad_host is not a valid IP",
                "ERROR 10 spec.trafficPolicy.tunnel.targetPort: tunnel target port is invalid: port number 0 must be"
                        + " in the range 1..65535");
    }

    @Test
    void generatedLocalityZoneAwareAndRetryBudgetFieldsAreNoLongerReportedButBudgetIntervalIs() {
        assertThat(validate("""
                  trafficPolicy:
                    outlierDetection: {consecutive5xxErrors: 5}
                    loadBalancer: {localityLbSetting: {failover: [{from: r1, to: r2}]}}
                    retryBudget: {percent: 25, minRetryConcurrency: 5, budgetInterval: 10s}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      outlierDetection: {consecutive5xxErrors: 5}
                      loadBalancer: {zoneAwareLbSetting: {minClusterSize: 3, failover: [{from: r1, to: r2}]}}
                """)).containsExactly(
                "WARNING 9 spec.trafficPolicy.retryBudget.budgetInterval: not generated by meshscope (the Envoy API "
                        + "meshscope builds against has no retry_budget.budget_interval; the budget's percent and "
                        + "minimum concurrency are generated)");
        // Not generated yet, so still reported.
        assertThat(validate("""
                  trafficPolicy:
                    outlierDetection: {consecutive5xxErrors: 5, outlierDetectionHttpErrorCodes: [503, 504]}
                """)).containsExactly("WARNING 7 spec.trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes: "
                + "not generated by meshscope (istiod sets them as the cluster's HttpProtocolOptions.outlier_detection"
                + ".error_matcher, a field the Envoy API meshscope builds against does not have yet; the cluster's "
                + "outlier detection counts Envoy's default errors instead)");
    }

    @Test
    void zoneAwareLbSettingIsValidatedWithIstiosMessages() {
        // agent.ValidateZoneAwareLbSetting.
        assertThat(validate("""
                  trafficPolicy:
                    loadBalancer:
                      zoneAwareLbSetting:
                        failoverPriority: [topology.kubernetes.io/zone]
                        failover: [{from: r1, to: r1}, {from: r1/z1, to: "r*"}]
                """)).containsExactlyInAnyOrder(
                "ERROR 9 spec.trafficPolicy.loadBalancer.zoneAwareLbSetting.failoverPriority[0]: 'failover_priority' "
                        + "for zone aware lb must not use topology label 'topology.kubernetes.io/zone'; region- and "
                        + "zone-level routing are handled automatically",
                "WARNING 9 spec.trafficPolicy.loadBalancer.zoneAwareLbSetting: outlier detection policy must be "
                        + "provided for failover",
                "ERROR 10 spec.trafficPolicy.loadBalancer.zoneAwareLbSetting.failover[0]: zone aware lb failover "
                        + "settings must specify different regions",
                "ERROR 10 spec.trafficPolicy.loadBalancer.zoneAwareLbSetting.failover[1]: zone aware lb failover only "
                        + "specifies region; zone and subzone failover are handled automatically",
                "ERROR 10 spec.trafficPolicy.loadBalancer.zoneAwareLbSetting.failover[1]: zone aware lb failover "
                        + "region should not contain '*' wildcard");
    }

    @Test
    void unknownPolicyFieldsAreOneStrictDecodingErrorEach() {
        assertThat(validate("""
                  trafficPolicy:
                    loadBalancer: {simpel: ROUND_ROBIN}
                    connectionPol: {tcp: {maxConnections: 1}}
                """)).containsExactly(
                "ERROR 7 spec.trafficPolicy.loadBalancer.simpel: unknown field"
                        + " \"spec.trafficPolicy.loadBalancer.simpel\" (did you mean \"simple\"?)",
                "ERROR 8 spec.trafficPolicy.connectionPol: unknown field \"spec.trafficPolicy.connectionPol\""
                        + " (did you mean \"connectionPool\"?)");
    }

    @Test
    void credentialNameWithoutWorkloadSelectorIsWarnedBecauseSidecarsGetNoTls() {
        assertThat(validate("""
                  trafficPolicy:
                    tls: {mode: SIMPLE, credentialName: reviews-ca, caCertificates: /ca.pem}
                """)).containsExactlyInAnyOrder(
                "ERROR 7 spec.trafficPolicy.tls.credentialName: cannot specify client certificates or CA certificate"
                        + " or CA CRL If credentialName is set",
                "WARNING 7 spec.trafficPolicy.tls.credentialName: credentialName in a DestinationRule without "
                        + "workloadSelector is used by gateways only: sidecars get no TLS for this destination (as in "
                        + "istiod)");
    }
}
