package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    static final String SEED = "../examples/seed-as-written";
    static final String ECOMMERCE = "../examples/ecommerce";

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(CliRun run) {
        return (List<Map<String, Object>>) run.json().get("messages");
    }

    /** {@code CODE Kind ns/name file:line field}, one per message, in report order. */
    @SuppressWarnings("unchecked")
    static List<String> findings(CliRun run) {
        return messages(run).stream().map(m -> {
            Map<String, Object> r = (Map<String, Object>) m.get("resource");
            String file = Path.of((String) m.get("file")).getFileName().toString();
            return m.get("code") + " " + r.get("kind") + " " + (r.get("namespace") + "/" + r.get("name"))
                    .replaceFirst("^/", "") + " " + file + ":" + m.get("line") + " " + m.get("field");
        }).map(String::strip).toList();
    }

    @Test
    void seedAsWrittenFindingsArePinned() {
        CliRun run = CliRun.run("analyze", "-f", SEED, "-o", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(findings(run)).containsExactly(
                "MS0004 Namespace auth 00-namespaces.yaml:39 metadata.name",
                "MS0004 Namespace cache 00-namespaces.yaml:32 metadata.name",
                "MS0004 Namespace shared-services 00-namespaces.yaml:46 metadata.name",
                "IST0106 ServiceEntry shared/email-provider serviceentries.yaml:33 spec.ports",
                "IST0111 Sidecar backend/default sidecars.yaml:155",
                "IST0111 Sidecar backend/default-strategy2 sidecars.yaml:242",
                "MS0011 Sidecar backend/default-strategy2 sidecars.yaml:243 metadata.name",
                "IST0106 Sidecar backend/default-strategy3 sidecars.yaml:280 spec.egress[0].hosts[1]",
                "IST0106 Sidecar backend/default-strategy3 sidecars.yaml:281 spec.egress[0].hosts[2]",
                "IST0111 Sidecar backend/default-strategy3 sidecars.yaml:272",
                "MS0001 Sidecar backend/default-strategy3 sidecars.yaml:280 spec.egress[0].hosts[1]",
                "MS0001 Sidecar backend/default-strategy3 sidecars.yaml:281 spec.egress[0].hosts[2]",
                "MS0011 Sidecar backend/default-strategy3 sidecars.yaml:273 metadata.name",
                "IST0106 Sidecar backend/external-api-client-sidecar sidecars.yaml:178 spec.egress[0]",
                "MS0002 Sidecar backend/external-api-client-sidecar sidecars.yaml:189 spec.egress[1].hosts[0]",
                "IST0106 Sidecar backend/multi-port-sidecar sidecars.yaml:85 spec.egress[1].hosts[0]",
                "MS0001 Sidecar backend/multi-port-sidecar sidecars.yaml:85 spec.egress[1].hosts[0]",
                "MS0008 Sidecar backend/multi-port-sidecar sidecars.yaml:69 spec.workloadSelector",
                "MS0012 Sidecar backend/multi-port-sidecar sidecars.yaml:91 spec.egress[2].captureMode",
                "IST0106 Sidecar frontend/checkout-service-sidecar sidecars.yaml:54 spec.egress[0].hosts[0]",
                "IST0106 Sidecar frontend/checkout-service-sidecar sidecars.yaml:55 spec.egress[0].hosts[1]",
                "IST0106 Sidecar frontend/checkout-service-sidecar sidecars.yaml:56 spec.egress[0].hosts[2]",
                "MS0001 Sidecar frontend/checkout-service-sidecar sidecars.yaml:54 spec.egress[0].hosts[0]",
                "MS0001 Sidecar frontend/checkout-service-sidecar sidecars.yaml:55 spec.egress[0].hosts[1]",
                "MS0001 Sidecar frontend/checkout-service-sidecar sidecars.yaml:56 spec.egress[0].hosts[2]",
                "MS0008 Sidecar frontend/checkout-service-sidecar sidecars.yaml:49 spec.workloadSelector",
                "IST0111 Sidecar frontend/default sidecars.yaml:13",
                "IST0111 Sidecar frontend/default-production sidecars.yaml:290",
                "MS0011 Sidecar frontend/default-production sidecars.yaml:291 metadata.name",
                "IST0111 Sidecar frontend/default-strategy2 sidecars.yaml:225",
                "MS0011 Sidecar frontend/default-strategy2 sidecars.yaml:226 metadata.name",
                "IST0106 Sidecar orders/payment-service-sidecar sidecars.yaml:379 spec.egress[0]",
                "MS0002 Sidecar orders/payment-service-sidecar sidecars.yaml:389 spec.egress[1].hosts[0]",
                "MS0008 Sidecar orders/payment-service-sidecar sidecars.yaml:375 spec.workloadSelector",
                "IST0106 Sidecar shared/notification-service-sidecar sidecars.yaml:404 spec.egress[0]",
                "MS0002 Sidecar shared/notification-service-sidecar sidecars.yaml:412 spec.egress[1].hosts[0]",
                "IST0106 Sidecar shipping/default sidecars.yaml:347 spec.egress[0].hosts[1]",
                "MS0001 Sidecar shipping/default sidecars.yaml:347 spec.egress[0].hosts[1]");
        assertThat(run.json().get("summary")).isEqualTo(Map.of("error", 17, "warning", 17, "info", 4));
    }

    @Test
    void seedAsWrittenKeyMessagesArePinnedWordForWord() {
        CliRun run = CliRun.run("analyze", "-f", SEED);

        assertThat(run.out()).contains("Warning [MS0001] (Sidecar shipping/default ../examples/seed-as-written/"
                + "sidecars.yaml:347) spec.egress[0].hosts[1] \"orders/order-service\" imports nothing: no service,"
                + " ServiceEntry or VirtualService visible to namespace shipping matches it. Sidecar hosts are never"
                + " short-name expanded (Istio's validation rejects short names); did you mean"
                + " \"orders/order-service.orders.svc.cluster.local\"?\n");
        assertThat(run.out()).contains("Warning [MS0002] (Sidecar orders/payment-service-sidecar ../examples/"
                + "seed-as-written/sidecars.yaml:389) spec.egress[1].hosts[0] \"~/*\" imports nothing: \"~\" is an"
                + " exclusion prefix, not the root namespace, and a bare \"~\" stands for every namespace, so \"~/*\""
                + " excludes every host and this listener on port 443 is empty. The root namespace istio-system holds"
                + " no ServiceEntry. A ServiceEntry's hosts are imported from the ServiceEntry's own namespace: write"
                + " \"orders/api.paypal.com\", \"orders/api.stripe.com\".\n");
        assertThat(run.out()).contains("Warning [MS0011] (Sidecar frontend/default-production ../examples/"
                + "seed-as-written/sidecars.yaml:291) this Sidecar never applies: frontend/default is the oldest"
                + " Sidecar without workloadSelector in namespace frontend (created earlier, 2026-01-10T09:00:00Z)");
        assertThat(run.out()).contains("Warning [MS0004] (Namespace auth ../examples/seed-as-written/"
                + "00-namespaces.yaml:39) no Sidecar applies to 1 of 1 workload with a sidecar proxy in namespace auth"
                + " (Pod auth-service) and the root namespace istio-system has no default Sidecar");
        assertThat(run.out()).endsWith("Summary: 17 error(s), 17 warning(s), 4 info\n");
    }

    @Test
    void ecommerceHasNoErrorOrWarningAndOneTrueInfo() {
        CliRun run = CliRun.run("analyze", "-f", ECOMMERCE, "-o", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(findings(run)).containsExactly(
                "MS0008 Sidecar orders/payment-service-sidecar sidecars.yaml:107 spec.workloadSelector");
        assertThat(messages(run).get(0).get("message")).asString()
                .contains("import nothing from namespaces catalog, shipping");
    }

    @Test
    void failureThresholdDecidesTheExitCode() {
        assertThat(CliRun.run("analyze", "-f", ECOMMERCE).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.run("analyze", "-f", ECOMMERCE, "--failure-threshold", "Warning").exitCode())
                .isEqualTo(ExitCodes.OK);
        assertThat(CliRun.run("analyze", "-f", ECOMMERCE, "--failure-threshold", "Info").exitCode())
                .isEqualTo(ExitCodes.FINDINGS);
        assertThat(CliRun.run("analyze", "-f", ECOMMERCE, "--failure-threshold", "Fatal").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void warningsAloneFailOnlyFromTheWarningThreshold() throws IOException {
        Path f = write("mesh.yaml", service("ns1", "a") + "---\n" + sidecar("ns1", "default", "", "\"*/*\""));

        assertThat(CliRun.run("analyze", "-f", f.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.run("analyze", "-f", f.toString(), "--failure-threshold", "Warning").exitCode())
                .isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void suppressFlagSilencesOneFindingDeliberately() {
        CliRun run = CliRun.run("analyze", "-f", SEED, "-o", "json", "--suppress", "MS0004=Namespace/auth",
                "--suppress", "MS0001=Sidecar/frontend/*");

        assertThat(findings(run)).noneMatch(f -> f.startsWith("MS0004 Namespace auth "))
                .noneMatch(f -> f.startsWith("MS0001 Sidecar frontend/"))
                .anyMatch(f -> f.startsWith("MS0004 Namespace cache "))
                .anyMatch(f -> f.startsWith("MS0001 Sidecar shipping/default "));
    }

    @Test
    void suppressAnnotationOnTheResourceSilencesItsFinding() throws IOException {
        String annotations = "  annotations:\n    meshscope.io/suppress: MS0003\n";
        Path quiet = write("quiet.yaml", service("ns1", "a") + "---\n" + sidecar("ns1", "default", annotations, "\"*/*\""));
        Path loud = write("loud.yaml", service("ns2", "a") + "---\n" + sidecar("ns2", "default", "", "\"*/*\""));

        List<String> out = findings(CliRun.run("analyze", "-f", quiet.toString(), "-f", loud.toString(), "-o", "json"));

        assertThat(out).filteredOn(f -> f.startsWith("MS0003")).singleElement().asString()
                .startsWith("MS0003 Sidecar ns2/default");
    }

    @Test
    void anEnvoyFilterIsAnMs0014FindingNotAnInputErrorAndCanBeSuppressed() throws IOException {
        Path f = write("mesh.yaml", service("ns1", "a") + "---\n" + """
                apiVersion: networking.istio.io/v1alpha3
                kind: EnvoyFilter
                metadata: {name: lua, namespace: ns1}
                spec: {configPatches: []}
                """);

        CliRun run = CliRun.run("analyze", "-f", f.toString(), "-o", "json", "--failure-threshold", "Warning");

        assertThat(findings(run)).containsExactly("MS0014 EnvoyFilter ns1/lua mesh.yaml:13");
        assertThat((List<?>) run.json().get("inputErrors")).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(CliRun.run("analyze", "-f", f.toString(), "--failure-threshold", "Warning",
                "--suppress", "MS0014=EnvoyFilter/ns1/lua").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void malformedSuppressionIsAUsageError() {
        CliRun run = CliRun.run("analyze", "-f", ECOMMERCE, "--suppress", "MS0004");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--suppress: suppression must be CODE=Kind/namespace/name");
    }

    @Test
    void cleanInputPrintsIstioctlsNoIssuesLine() throws IOException {
        Path f = write("mesh.yaml", service("ns1", "a") + "---\n"
                + sidecar("ns1", "default", "", "\"./*\"\n        - \"istio-system/*\""));

        CliRun run = CliRun.run("analyze", "-f", f.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        // istioctl's check mark only on a terminal: in-process runs (like pipes and CI) get plain text
        assertThat(run.out()).isEqualTo("No validation issues found when analyzing the input.\n");
    }

    private Path write(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    static String service(String ns, String name) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\nspec:\n"
                + "  selector:\n    app: " + name + "\n  ports:\n    - name: http\n      port: 80\n";
    }

    static String sidecar(String ns, String name, String annotations, String host) {
        return "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\n" + annotations + "spec:\n  egress:\n    - hosts:\n        - " + host + "\n";
    }
}
