package io.meshscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Service port protocol inference, as istiod's {@code kube.ConvertProtocol} / {@code protocol.Parse}. */
class ProtocolsTest {

    @ParameterizedTest(name = "parse {0} -> {1}")
    @CsvSource({
        "http, HTTP", "HTTP, HTTP", "Http2, HTTP2", "grpc, GRPC", "grpc-web, GRPC-WEB", "tcp, TCP", "tls, TLS",
        "https, HTTPS", "http_proxy, HTTP_PROXY", "mongo, MONGO", "redis, REDIS", "mysql, MYSQL", "udp, UDP",
        "bogus, UNSUPPORTED", "'', UNSUPPORTED",
    })
    void parseIsCaseInsensitive(String in, String expected) {
        assertThat(Protocols.parse(in)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "port name {0} -> {1}")
    @CsvSource({
        "http, HTTP", "http-web, HTTP", "http2-x, HTTP2", "grpc, GRPC", "tcp-db, TCP", "tls-x, TLS",
        "web, UNSUPPORTED", "'', UNSUPPORTED",
    })
    void portNamePrefixDecidesProtocol(String name, String expected) {
        assertThat(Protocols.ofKubePort(name, "TCP", null)).isEqualTo(expected);
    }

    @Test
    void udpAlwaysWins() {
        assertThat(Protocols.ofKubePort("http", "UDP", "http")).isEqualTo("UDP");
    }

    @Test
    void appProtocolIsUsedBeforePortName() {
        assertThat(Protocols.ofKubePort("tcp-x", "TCP", "http")).isEqualTo("HTTP");
        assertThat(Protocols.ofKubePort("x", "TCP", "kubernetes.io/h2c")).isEqualTo("HTTP2");
        assertThat(Protocols.ofKubePort("x", "TCP", "kubernetes.io/ws")).isEqualTo("HTTP");
    }

    @Test
    void httpFamily() {
        assertThat(Protocols.isHttp("HTTP")).isTrue();
        assertThat(Protocols.isHttp("GRPC-WEB")).isTrue();
        assertThat(Protocols.isHttp("TCP")).isFalse();
        assertThat(Protocols.isHttp("UNSUPPORTED")).isFalse();
    }

    @Test
    void grpcWebPortNamePrefixIsGrpcWeb() {
        assertThat(Protocols.ofKubePort("grpc-web", "TCP", null)).isEqualTo("GRPC-WEB");
        assertThat(Protocols.ofKubePort("grpc-web-ui", "TCP", null)).isEqualTo("GRPC-WEB");
    }

    @Test
    void wellKnownPortsWithoutProtocolAreTcp() {
        for (int port : new int[] {25, 53, 3306, 27017}) {
            io.meshscope.core.model.KubeService ks = new io.meshscope.core.model.KubeService(
                    io.meshscope.core.scope.Fixtures.meta("Service", "db", "db" + port),
                    java.util.List.of(new io.meshscope.core.model.KubeService.KubePort("db", port, "TCP", null, null)),
                    null, "10.0.0.9", null, java.util.Map.of());
            ServiceRegistry r = ServiceRegistry.build(io.meshscope.core.scope.Fixtures.mesh().kube(ks).build());
            assertThat(r.all().get(0).ports().get(0).protocol()).as("port " + port).isEqualTo("TCP");
        }
    }

    @Test
    void unrecognisedAppProtocolDoesNotFallBackToPortName() {
        assertThat(Protocols.ofKubePort("http", "TCP", "custom")).isEqualTo("UNSUPPORTED");
    }
}
