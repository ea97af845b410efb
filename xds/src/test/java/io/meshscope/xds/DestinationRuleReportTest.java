package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.xds.report.ConfigReporter;
import io.meshscope.xds.report.WorkloadReport;
import org.junit.jupiter.api.Test;

/**
 * {@code report} sizes what the generator sends, so a DestinationRule's policies (transport sockets, circuit
 * breakers, outlier detection, ring hash, hash policies) count in the bytes a proxy receives.
 */
class DestinationRuleReportTest {
    private static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: reviews}
              ports: [{name: http, port: 80}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client, namespace: app, labels: {app: client}}
            spec: {containers: [{name: main, image: example/client:1}]}
            status: {podIP: 10.1.0.2}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: app}
            spec:
              host: reviews
              subsets: [{name: v1, labels: {version: v1}}]
            """;

    private static long bytes(String policy) {
        MeshInput input = XdsFixtures.yaml(MESH + policy);
        Workload client = XdsFixtures.workload(input, io.meshscope.core.model.WorkloadKind.POD, "app", "client");
        WorkloadReport r = new ConfigReporter(MeshIndex.build(input)).report(client);
        return r.scoped().bytes();
    }

    @Test
    void reportCountsTheBytesOfDestinationRulePolicies() {
        long plain = bytes("");
        long withPolicy = bytes("""
                  trafficPolicy:
                    connectionPool: {tcp: {maxConnections: 100}, http: {http2MaxRequests: 1000}}
                    outlierDetection: {consecutive5xxErrors: 5, interval: 10s}
                    loadBalancer: {consistentHash: {httpHeaderName: x-user}}
                """);
        // Two clusters (the service's and v1's) each gain outlier detection and ring-hash settings and the default
        // route a hash policy, while the written thresholds are shorter than the max-uint32 defaults they replace:
        // a net gain of about 50 bytes. (TLS is not part of the difference: without a mode, auto mTLS already gives
        // both clusters their transport sockets; DISABLE removes them, over 800 bytes.)
        assertThat(withPolicy - plain).isGreaterThan(40);
        assertThat(bytes("  trafficPolicy: {tls: {mode: DISABLE}}\n")).isLessThan(plain - 800);
    }
}
