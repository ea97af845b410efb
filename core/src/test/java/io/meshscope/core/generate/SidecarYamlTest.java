package io.meshscope.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.PortSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarYamlTest {
    @Test
    void writesHostsQuotedWithTheirEvidenceAsTrailingComments() {
        SidecarDraft d = new SidecarDraft("shop", "api", Map.of("app", "api"), List.of(
                new SidecarDraft.Listener(new PortSpec(443L, "TLS", "tls", null), "", CaptureMode.DEFAULT,
                        List.of(new SidecarDraft.Host("shop/api.stripe.com", "api; 3 calls; prometheus x (7d)"))),
                new SidecarDraft.Listener(null, "", CaptureMode.DEFAULT,
                        List.of(new SidecarDraft.Host("istio-system/*", null)))),
                "Sidecar of workload shop/api.", null, SidecarDraft.Kind.WORKLOAD, List.of("shop/api"));
        assertThat(SidecarYaml.render(List.of(d, d), List.of("header"))).isEqualTo("""
                # header
                # Sidecar of workload shop/api.
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata:
                  name: api
                  namespace: shop
                spec:
                  workloadSelector:
                    labels:
                      app: "api"
                  egress:
                    - port:
                        number: 443
                        protocol: TLS
                        name: tls
                      hosts:
                        - "shop/api.stripe.com"  # api; 3 calls; prometheus x (7d)
                    - hosts:
                        - "istio-system/*"
                ---
                # Sidecar of workload shop/api.
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata:
                  name: api
                  namespace: shop
                spec:
                  workloadSelector:
                    labels:
                      app: "api"
                  egress:
                    - port:
                        number: 443
                        protocol: TLS
                        name: tls
                      hosts:
                        - "shop/api.stripe.com"  # api; 3 calls; prometheus x (7d)
                    - hosts:
                        - "istio-system/*"
                """);
    }

    @Test
    void quotesScalarsYamlWouldReadAsSomethingElse() {
        assertThat(SidecarYaml.scalar("default")).isEqualTo("default");
        assertThat(SidecarYaml.scalar("true")).isEqualTo("\"true\"");
        assertThat(SidecarYaml.scalar("1e3")).isEqualTo("\"1e3\"");
        assertThat(SidecarYaml.scalar("a b")).isEqualTo("\"a b\"");
        assertThat(SidecarYaml.quote("x\"y")).isEqualTo("\"x\\\"y\"");
    }
}
