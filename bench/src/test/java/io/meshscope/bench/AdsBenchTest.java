package io.meshscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SyntheticMesh;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Smoke tests: the control-plane benchmark runs end to end against a real server on 127.0.0.1 with a handful of
 * streams, with the clients in this JVM and in a child JVM. Nothing about its timings is asserted.
 */
class AdsBenchTest {
    private static String run(String clients, boolean baseline) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = AdsBench.run(new String[] {"--services", "20", "--proxies", "6", "--variants", "workload,none",
                "--rounds", "1", "--warmup-rounds", "0", "--quiet-ms", "100", "--clients", clients,
                "--client-xmx", "256m", "--jit-warmup", "false", "--converge-timeout-s", "120", "--collect-timeout-s", "30",
                "--full-push-rounds", "1", "--server-jvm-options", "none", "--baseline", Boolean.toString(baseline)},
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsWithClientsInThisJvm() throws Exception {
        String out = run("in-process", true);
        assertThat(out).contains("## 6 proxies, Sidecars: workload, meshscope", "## 6 proxies, Sidecars: none",
                "## 6 proxies, Sidecars: workload, java-control-plane (baseline)",
                "6 of 6 streams ACKed CDS+EDS+LDS+RDS", "## Summary", "## Side by side", "## Targets",
                "full push (every service)").doesNotContain("run failed", "not compared");
    }

    @Test
    void runsWithClientsInAChildJvm() throws Exception {
        String out = run("child", false); // the baseline is covered in-process: keep CI time small
        assertThat(out).contains("6 of 6 streams ACKed CDS+EDS+LDS+RDS", "client JVM heap").doesNotContain("run failed");
    }

    @Test
    void rewritesTheFirstAddressOfTheNamedServicesEndpointSliceOnly() {
        String yaml = """
                kind: EndpointSlice
                metadata:
                  labels:
                    kubernetes.io/service-name: a
                endpoints:
                  - addresses:
                      - "10.128.1.1"
                ---
                kind: EndpointSlice
                metadata:
                  labels:
                    kubernetes.io/service-name: b
                endpoints:
                  - addresses:
                      - "10.128.1.2"
                """;
        String out = EndpointEdits.rewriteAddress(yaml, "b", "10.250.0.1");
        assertThat(out).contains("\"10.128.1.1\"", "\"10.250.0.1\"").doesNotContain("10.128.1.2");
    }

    @Test
    void fullPushRewritesEveryEndpointAddressToAUniqueOne() {
        String yaml = """
                endpoints:
                  - addresses:
                      - "10.128.1.1"
                  - addresses:
                      - "10.128.1.2"
                """;
        int[] counter = {0};
        String out = EndpointEdits.rewriteAll(yaml, "10.241.", counter);
        assertThat(out).contains("\"10.241.0.1\"", "\"10.241.0.2\"").doesNotContain("10.128.");
        assertThat(counter[0]).isEqualTo(2);
    }

    @Test
    void picksTheMostCalledServiceAndATypicalOne() {
        SyntheticMesh mesh = SyntheticMesh.generate(SynthFiles.options(100, SidecarStrategy.NONE));
        List<?> targets = AdsBench.targets(mesh);
        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).toString()).contains("most-called");
        assertThat(targets.get(1).toString()).contains("typical");
    }
}
