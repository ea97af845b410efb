package io.meshscope.decode;

import static io.meshscope.decode.WebhookValidationFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Sidecar connection pools (inboundConnectionPool and per-ingress connectionPool) decoded with the proto's types and
 * validated as Istio's {@code validateConnectionPool} (pkg/config/validation/validation.go).
 */
class SidecarConnectionPoolValidationTest {
    private static String sidecar(String spec) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default, namespace: app}
                spec:
                """ + spec;
    }

    @Test
    void valuesOfTheWrongTypeAreErrorsAtTheirField() {
        assertThat(validate(sidecar("""
                  inboundConnectionPool:
                    tcp: {maxConnections: eighty, tcpKeepalive: {probes: -1}}
                    http: {h2UpgradePolicy: SOMETIMES, useClientProtocol: maybe, maxRetries: 1.5}
                """)))
                .hasSize(5)
                .allMatch(l -> l.startsWith("ERROR"))
                .anyMatch(l -> l.startsWith("ERROR 6:27 spec.inboundConnectionPool.tcp.maxConnections: expected an"
                        + " integer"))
                .anyMatch(l -> l.startsWith("ERROR 6:58 spec.inboundConnectionPool.tcp.tcpKeepalive.probes: expected an integer between 0 and"
                        + " 4294967295"))
                .anyMatch(l -> l.startsWith("ERROR 7:29 spec.inboundConnectionPool.http.h2UpgradePolicy: unknown"
                        + " value \"SOMETIMES\" for h2UpgradePolicy; expected one of DEFAULT, DO_NOT_UPGRADE, UPGRADE"))
                .anyMatch(l -> l.startsWith("ERROR 7:59 spec.inboundConnectionPool.http.useClientProtocol: expected a"
                        + " boolean"))
                .anyMatch(l -> l.startsWith("ERROR 7:78 spec.inboundConnectionPool.http.maxRetries: expected an"
                        + " integer"));
    }

    @Test
    void ingressPoolsAreTypedAndValidatedToo() {
        assertThat(validate(sidecar("""
                  ingress:
                  - port: {number: 8080, protocol: HTTP, name: http}
                    defaultEndpoint: 127.0.0.1:8080
                    connectionPool:
                      http: {http1MaxPendingRequests: lots, maxRequestsPerConnection: -1}
                """))).hasSize(2)
                .anyMatch(l -> l.startsWith("ERROR 9:39 spec.ingress[0].connectionPool.http.http1MaxPendingRequests:"
                        + " expected an integer"))
                .contains("ERROR 9:71 spec.ingress[0].connectionPool.http.maxRequestsPerConnection: max requests per"
                        + " connection must be non-negative");
    }

    @Test
    void http2KeepAliveNeedsAnIntervalAndATimeout() {
        assertThat(validate(sidecar("""
                  inboundConnectionPool:
                    http: {http2KeepAlive: {interval: 1s}}
                """))).containsExactly(
                "ERROR 6:28 spec.inboundConnectionPool.http.http2KeepAlive: http2 keepalive timeout is required");
        assertThat(validate(sidecar("""
                  inboundConnectionPool:
                    http: {http2KeepAlive: {}}
                """))).containsExactly(
                "ERROR 6:28 spec.inboundConnectionPool.http.http2KeepAlive: http2 keepalive interval is required",
                "ERROR 6:28 spec.inboundConnectionPool.http.http2KeepAlive: http2 keepalive timeout is required");
        assertThat(validate(sidecar("""
                  inboundConnectionPool:
                    http: {http2KeepAlive: {interval: 1s, timeout: 0.5ms}}
                """))).containsExactly(
                "ERROR 6:52 spec.inboundConnectionPool.http.http2KeepAlive.timeout: duration must be greater than 1ms");
    }

    @Test
    void snakeCaseProtoNamesAreReadWithTheirTypesAndRefusedAsTheCrdSchemaRefusesThem() {
        // protojson (Istio's webhook) reads max_connections, but the CRD's structural schema only has
        // maxConnections, so kubectl's strict field validation refuses the object first.
        assertThat(validate(sidecar("""
                  inboundConnectionPool:
                    tcp: {max_connections: -5}
                """))).containsExactly(
                "ERROR 6:10 spec.inboundConnectionPool.tcp.maxConnections: max connections must be non-negative",
                "ERROR 6:11 spec.inboundConnectionPool.tcp.max_connections: unknown field"
                        + " \"spec.inboundConnectionPool.tcp.max_connections\" (did you mean \"maxConnections\"?)");
    }
}
