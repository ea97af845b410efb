package io.meshscope.core.describe;

import static io.meshscope.core.scope.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.registry.ServiceRegistry;
import io.meshscope.core.scope.ConfigKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code affected} CHANGE argument (cli.md) and the config keys it stands for (spec §8.1). */
class ChangeSpecTest {

    @Test
    void serviceFormIsAServiceEntryKeyNamedByHostname() {
        ChangeSpec c = ChangeSpec.parse("service:b.ns2.svc.cluster.local").orElseThrow();
        assertThat(c.kind()).isEqualTo("ServiceEntry");
        assertThat(c.name()).isEqualTo("b.ns2.svc.cluster.local");
        assertThat(c.namespace()).isNull();
        assertThat(c.text()).isEqualTo("service:b.ns2.svc.cluster.local");
    }

    @Test
    void endpointsFormIsAnEndpointsKey() {
        ChangeSpec c = ChangeSpec.parse("endpoints:api.example.com").orElseThrow();
        assertThat(c.kind()).isEqualTo("Endpoints");
        assertThat(c.name()).isEqualTo("api.example.com");
    }

    @Test
    void namedKindForms() {
        for (String kind : List.of("Sidecar", "VirtualService", "DestinationRule")) {
            ChangeSpec c = ChangeSpec.parse(kind + "/ns1/name").orElseThrow();
            assertThat(c.kind()).isEqualTo(kind);
            assertThat(c.namespace()).isEqualTo("ns1");
            assertThat(c.name()).isEqualTo("name");
        }
    }

    @Test
    void everyKindIstiodKeysPushesOnIsAcceptedInAnyCase() {
        for (String kind : List.of("TrafficExtension", "WasmPlugin", "Telemetry", "EnvoyFilter", "AuthorizationPolicy",
                "RequestAuthentication", "PeerAuthentication", "Gateway", "ProxyConfig")) {
            assertThat(ChangeSpec.parse(kind + "/ns1/x").orElseThrow().kind()).isEqualTo(kind);
            assertThat(ChangeSpec.parse(kind.toLowerCase(java.util.Locale.ROOT) + "/ns1/x").orElseThrow().kind())
                    .isEqualTo(kind);
        }
    }

    @Test
    void malformedChangesAreRejected() {
        for (String bad : List.of("service:", "endpoints:", "", "Sidecar/ns1", "Sidecar//name", "Sidecar/ns1/",
                "Sidecar/a/b/c", "ns1/name", "b.ns2.svc.cluster.local", "Bogus/ns/name", "sidecar:ns/name")) {
            assertThat(ChangeSpec.parse(bad)).as(bad).isEqualTo(Optional.empty());
        }
    }

    @Test
    void hostnameKeysAreOnePerNamespaceProvidingIt() {
        ServiceRegistry r = ServiceRegistry.build(mesh()
                .se("ns1", "a", List.of("api.example.com"), 443)
                .se("ns2", "b", List.of("api.example.com"), 443)
                .se("ns2", "c", List.of("api.example.com"), 8443).build());
        List<ConfigKey> keys = ChangeSpec.parse("service:api.example.com").orElseThrow().keys(r);
        assertThat(keys).containsExactlyInAnyOrder(
                new ConfigKey("ServiceEntry", "ns1", "api.example.com"),
                new ConfigKey("ServiceEntry", "ns2", "api.example.com"));
    }

    @Test
    void unknownHostnameGivesAnyNamespaceKey() {
        ServiceRegistry r = ServiceRegistry.build(mesh().build());
        List<ConfigKey> keys = ChangeSpec.parse("endpoints:gone.example.com").orElseThrow().keys(r);
        assertThat(keys).containsExactly(new ConfigKey("Endpoints", null, "gone.example.com"));
    }

    @Test
    void namedKindGivesItsOwnKey() {
        ServiceRegistry r = ServiceRegistry.build(mesh().build());
        assertThat(ChangeSpec.parse("DestinationRule/ns1/dr").orElseThrow().keys(r))
                .containsExactly(new ConfigKey("DestinationRule", "ns1", "dr"));
    }
}
