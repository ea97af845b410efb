package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.xds.report.ConfigReporter;
import io.meshscope.xds.report.WorkloadReport;
import org.junit.jupiter.api.Test;

/**
 * {@code report} sizes the inbound side as generated, so the mTLS filter chains a PeerAuthentication mode implies
 * (PERMISSIVE: TLS and plaintext; STRICT: TLS only; DISABLE: plaintext only) count in a proxy's bytes.
 */
class PeerAuthenticationReportTest {
    private static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: app, labels: {app: web}}
            spec: {containers: [{name: main, image: example/web:1}]}
            status: {podIP: 10.1.0.2}
            """;

    private static WorkloadReport report(String mode) {
        MeshInput input = XdsFixtures.yaml(MESH + (mode.isEmpty() ? "" : """
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: istio-system}
                spec: {mtls: {mode: %s}}
                """.formatted(mode)));
        Workload web = XdsFixtures.workload(input, WorkloadKind.POD, "app", "web-1");
        return new ConfigReporter(MeshIndex.build(input)).report(web);
    }

    @Test
    void reportCountsTheInboundMtlsChainsOfEachMode() {
        long permissive = report("").scoped().bytes();
        long strict = report("STRICT").scoped().bytes();
        long disable = report("DISABLE").scoped().bytes();
        // Each TLS chain carries a DownstreamTlsContext with two SDS configs and six ciphers (several hundred
        // bytes); PERMISSIVE has the TLS chains and the plaintext ones, DISABLE none of the TLS ones.
        assertThat(permissive).isEqualTo(report("PERMISSIVE").scoped().bytes());
        assertThat(permissive - disable).isGreaterThan(1000);
        assertThat(strict).isGreaterThan(disable).isLessThan(permissive);
    }
}
