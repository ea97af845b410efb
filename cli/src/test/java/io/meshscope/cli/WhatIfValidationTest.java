package io.meshscope.cli;

import static io.meshscope.cli.DepsCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whatif --sidecars}: a proposed set is validated as the admission webhook would before it is evaluated. */
class WhatIfValidationTest {
    private static final String MESH = GenerateWhatIfCommandTest.MESH;
    private static final String DEPS = GenerateWhatIfCommandTest.DEPS;

    @TempDir
    Path tmp;

    /** The example's own Sidecars with one host written as a short name. */
    private Path proposedWithShortName() throws IOException {
        Path dir = tmp.resolve("proposed");
        Files.createDirectories(dir);
        String sidecars = Files.readString(Path.of(MESH, "sidecars.yaml"))
                .replace("\"orders/order-service.orders.svc.cluster.local\"", "\"orders/order-service\"");
        Files.writeString(dir.resolve("sidecars.yaml"), sidecars);
        return dir;
    }

    @Test
    void shortNameInAProposedSidecarIsReportedAsTheWebhookWouldAndExits1() throws IOException {
        CliRun r = run("whatif", "-f", MESH, "--sidecars", proposedWithShortName().toString(), "--deps", DEPS);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.out()).contains("Error: ").contains("sidecars.yaml:")
                .contains("short names (non FQDN) are not allowed")
                .contains("Istio's admission webhook would reject them; evaluated as written below")
                .contains("whatif: ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonCarriesTheValidationErrorsNextToTheWhatIf() throws IOException {
        CliRun r = run("whatif", "-f", MESH, "--sidecars", proposedWithShortName().toString(), "--deps", DEPS,
                "-o", "json");

        Map<String, Object> validation = (Map<String, Object>) r.json().get("validation");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) validation.get("errors");
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.get("kind")).isEqualTo("Sidecar"));
        assertThat(errors).extracting(e -> e.get("message")).contains("short names (non FQDN) are not allowed");
        assertThat(r.json()).containsKeys("broken", "config");
    }

    @Test
    void validProposedSidecarsAddNothing() {
        CliRun r = run("whatif", "-f", MESH, "--sidecars", MESH + "/sidecars.yaml", "--deps", DEPS);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("whatif: 0 of 30");
    }
}
