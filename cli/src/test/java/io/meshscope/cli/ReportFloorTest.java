package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code report --deps}: each covered workload's floor (exact dependencies) next to its real scoped size. */
class ReportFloorTest {
    static final String MESH = "../examples/ecommerce";
    static final String DEPS = "../examples/ecommerce-dependencies.yaml";

    @SuppressWarnings("unchecked")
    @Test
    void withADependencyMapEverySidecarWorkloadGetsAFloorBelowItsScopedSizeAndTheBytesAboveIt() {
        CliRun r = CliRun.run("report", "-f", MESH, "--deps", DEPS, "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<Map<String, Object>> ws = (List<Map<String, Object>>) r.json().get("workloads");
        assertThat(ws).hasSize(11).allSatisfy(w -> {
            assertThat(w).containsKeys("floor", "aboveFloorBytes");
            if (w.get("proxyType").equals("router")) {
                assertThat(w.get("floor")).as("gateways ignore Sidecars").isNull();
                return;
            }
            long scoped = bytes(w.get("scoped"));
            long floor = bytes(w.get("floor"));
            // The example's namespace defaults import whole namespaces: every workload carries config above
            // what it calls, and that excess is exactly the difference.
            assertThat(floor).as("%s", w.get("workload")).isPositive().isLessThan(scoped);
            assertThat(((Number) w.get("aboveFloorBytes")).longValue()).isEqualTo(scoped - floor);
        });
    }

    @Test
    void withoutEvidenceTheReportIsUnchangedAndTextShowsTheFloorColumnsOnlyWithIt() {
        CliRun plain = CliRun.run("report", "-f", MESH, "-o", "json");
        assertThat(plain.out()).doesNotContain("floor");
        assertThat(CliRun.run("report", "-f", MESH).out()).doesNotContain("BYTES floor");
        assertThat(CliRun.run("report", "-f", MESH, "--deps", DEPS).out()).contains("BYTES floor", "ABOVE FLOOR");
    }

    @SuppressWarnings("unchecked")
    private static long bytes(Object size) {
        return ((Number) ((Map<String, Object>) size).get("bytes")).longValue();
    }
}
