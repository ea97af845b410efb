package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code report} and {@code config-dump} on the bundled example, through the real command line. */
class ReportAndConfigDumpCommandTest {
    static final String MESH = "../examples/ecommerce";

    @SuppressWarnings("unchecked")
    @Test
    void reportJsonHasEveryWorkloadOnceWithScopedNeverLargerThanUnscopedAndTotalsOverReplicas() {
        CliRun r = CliRun.run("report", "-f", MESH, "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, Object> json = r.json();
        List<Map<String, Object>> ws = (List<Map<String, Object>>) json.get("workloads");
        // 12 Deployments; the Pods in pods.yaml are their replicas and are not counted twice.
        assertThat(ws).hasSize(12).allSatisfy(w -> {
            long scoped = ((Number) ((Map<String, Object>) w.get("scoped")).get("bytes")).longValue();
            long unscoped = ((Number) ((Map<String, Object>) w.get("unscoped")).get("bytes")).longValue();
            assertThat(scoped).isPositive().isLessThanOrEqualTo(unscoped);
        });
        Map<String, Object> totals = (Map<String, Object>) json.get("totals");
        int replicas = ws.stream().mapToInt(w -> ((Number) w.get("replicas")).intValue()).sum();
        assertThat(totals.get("proxies")).isEqualTo(replicas);
        assertThat(((Number) totals.get("ratio")).doubleValue()).isBetween(0.0, 1.0);
    }

    @Test
    void reportTextShowsTheSeedStyleTableAndCsvHasOneRowPerWorkload() {
        CliRun text = CliRun.run("report", "-f", MESH);
        assertThat(text.out()).contains("| Metric", "Without Sidecar", "With Sidecar", "Config size per proxy");
        CliRun csv = CliRun.run("report", "-f", MESH, "-o", "csv");
        assertThat(csv.out().lines()).hasSize(13).first().asString().startsWith("workload,kind,replicas");
    }

    @SuppressWarnings("unchecked")
    @Test
    void configDumpIsEnvoysConfigDumpShapeAndNoSidecarsGivesMoreClusters() {
        CliRun scoped = CliRun.run("config-dump", "shared/notification-service", "-f", MESH);
        CliRun unscoped = CliRun.run("config-dump", "shared/notification-service", "-f", MESH, "--no-sidecars");
        assertThat(scoped.exitCode()).as(scoped.err()).isZero();
        List<Map<String, Object>> configs = (List<Map<String, Object>>) scoped.json().get("configs");
        assertThat(configs).extracting(c -> (String) c.get("@type")).contains(
                "type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
                "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
                "type.googleapis.com/envoy.admin.v3.RoutesConfigDump");
        assertThat(count(unscoped.out(), "outbound|")).isGreaterThan(count(scoped.out(), "outbound|"));
    }

    @Test
    void configDumpOfAnUnknownWorkloadIsAUsageErrorNamingTheClosest() {
        CliRun r = CliRun.run("config-dump", "shared/notification", "-f", MESH);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown workload", "shared/notification-service");
    }

    private static int count(String s, String needle) {
        return s.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }
}
