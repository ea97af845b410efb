package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.decode.ManifestReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Service port 0 (which the API server and {@code validate} reject) still reaches generation when a caller
 * goes on despite the error: it must not stop the config of the proxies that import it (it made RouteBuilder
 * throw NumberFormatException on the route name "0.0.0.0").
 */
class InvalidServicePortTest {
    private static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: bad, namespace: app}
            spec:
              clusterIP: 10.0.0.9
              selector: {app: bad}
              ports: [{name: http, port: 0}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: good, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: good}
              ports: [{name: http, port: 80}]
            """;

    @Test
    void aServicePortZeroDoesNotStopTheRoutesOfTheOtherServices() {
        MeshInput in = new ManifestReader().readString("in.yaml", MESH, Optional.empty());
        assertThat(in.hasErrors()).isTrue();

        ProxyResources r = XdsSnapshot.build(MeshIndex.build(in))
                .resourcesFor(Proxy.sidecar("app", Map.of("app", "client")), null);

        RouteConfiguration port80 = (RouteConfiguration) r.find(XdsType.ROUTE, "80").resource();
        assertThat(port80.getVirtualHostsList()).extracting(VirtualHost::getName)
                .contains("good.app.svc.cluster.local:80");
    }

    @Test
    void aRouteNameThatIsNoPortReadsAsPortZero() {
        assertThat(RouteBuilder.listenerPort("0.0.0.0")).isZero();
        assertThat(RouteBuilder.listenerPort("8080")).isEqualTo(8080);
    }
}
