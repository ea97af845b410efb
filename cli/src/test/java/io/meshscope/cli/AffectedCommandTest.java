package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshscope affected}: changes that match nothing, and every kind istiod keys pushes on. */
class AffectedCommandTest {
    private static final String ECOMMERCE = AnalyzeCommandTest.ECOMMERCE;

    @Test
    void shortServiceNameMatchesNothingSuggestsTheFqdnAndExits1() {
        CliRun run = CliRun.run("affected", "service:paymentservice", "-f", ECOMMERCE);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).contains("service:paymentservice matched nothing: no service in the input has the "
                + "hostname 'paymentservice' (istiod keys changes by FQDN; short names are never expanded); "
                + "did you mean service:payment-service.orders.svc.cluster.local");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonSaysWhetherTheChangeMatchedAndKeepsItsFields() {
        Map<String, Object> miss = CliRun.run("affected", "endpoints:payment-service.orders", "-f", ECOMMERCE,
                "-o", "json").json();
        CliRun hit = CliRun.run("affected", "service:payment-service.orders.svc.cluster.local", "-f", ECOMMERCE,
                "-o", "json");

        assertThat(miss).containsKeys("change", "proxies", "pushed", "total").containsEntry("matched", false);
        assertThat((List<String>) miss.get("closest")).first().isEqualTo("payment-service.orders.svc.cluster.local");
        assertThat(hit.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(hit.json()).containsEntry("matched", true).doesNotContainKey("closest");
        assertThat((Integer) hit.json().get("pushed")).isPositive();
    }

    @Test
    void missingSidecarMatchesNothingAndNamesTheClosest() {
        CliRun run = CliRun.run("affected", "Sidecar/orders/defualt", "-f", ECOMMERCE);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).contains("matched nothing: the input has no Sidecar orders/defualt; did you mean "
                + "Sidecar/orders/default");
    }

    @Test
    @SuppressWarnings("unchecked")
    void peerAuthenticationPushesToItsNamespaceAndImportersAndAMissingOneMatchesNothing(@TempDir Path dir)
            throws Exception {
        Path pa = dir.resolve("pa.yaml");
        Files.writeString(pa, """
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: strict, namespace: orders}
                spec: {mtls: {mode: STRICT}}
                """);

        CliRun hit = CliRun.run("affected", "PeerAuthentication/orders/strict", "-f", ECOMMERCE, "-f", pa.toString(),
                "-o", "json");
        CliRun miss = CliRun.run("affected", "PeerAuthentication/orders/strickt", "-f", ECOMMERCE, "-f",
                pa.toString());

        assertThat(hit.exitCode()).as(hit.err()).isEqualTo(ExitCodes.OK);
        assertThat((Integer) hit.json().get("pushed")).isPositive()
                .isLessThan((Integer) hit.json().get("total")); // spec §8.3: not every proxy depends on orders
        assertThat(miss.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(miss.out()).contains("the input has no PeerAuthentication orders/strickt; did you mean "
                + "PeerAuthentication/orders/strict");
    }

    @Test
    void everyKindIstiodKeysPushesOnIsAccepted() {
        for (String kind : List.of("TrafficExtension", "WasmPlugin", "Telemetry", "EnvoyFilter", "AuthorizationPolicy",
                "RequestAuthentication", "Gateway", "ProxyConfig", "trafficextension")) {
            CliRun run = CliRun.run("affected", kind + "/orders/x", "-f", ECOMMERCE);

            assertThat(run.exitCode()).as(kind + ": " + run.err()).isEqualTo(ExitCodes.OK);
        }
        CliRun ext = CliRun.run("affected", "TrafficExtension/orders/x", "-f", ECOMMERCE, "-o", "json");
        assertThat(ext.json().get("pushed")).as("proxies in orders only").isNotEqualTo(ext.json().get("total"));
    }

    @Test
    void unknownKindIsAUsageErrorListingTheAcceptedOnesWithAHintForServices() {
        CliRun run = CliRun.run("affected", "ServiceEntry/shared/stripe", "-f", ECOMMERCE);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("TrafficExtension").contains("a Service or ServiceEntry change is service:HOST");
    }

    @Test
    void helpListsTheAcceptedForms() {
        String help = CliRun.run("affected", "--help").out();

        assertThat(help).contains("service:FQDN", "endpoints:FQDN", "TrafficExtension", "ProxyConfig/NS/NAME",
                "Gateway/NS/NAME");
    }
}
