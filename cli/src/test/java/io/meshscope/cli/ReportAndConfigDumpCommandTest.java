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
        // 12 Deployments but istiod (sidecar.istio.io/inject: "false", no proxy); the Pods in pods.yaml are their
        // replicas and are not counted twice.
        assertThat(ws).hasSize(11).allSatisfy(w -> {
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
        assertThat(csv.out().lines()).hasSize(12).first().asString().startsWith("workload,kind,replicas");
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

    /**
     * The seed's own command, {@code jq '.configs[] | select(.["@type"] | contains("EndpointsConfigDump"))
     * | .dynamic_endpoint_configs | length'}, evaluated on our dump: the field names are Envoy's snake_case.
     */
    @SuppressWarnings("unchecked")
    @Test
    void configDumpUsesEnvoysSnakeCaseFieldNamesSoTheSeedsJqPathCountsEndpoints() throws Exception {
        CliRun r = CliRun.run("config-dump", "shared/notification-service", "-f", MESH);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<Map<String, Object>> configs = (List<Map<String, Object>>) r.json().get("configs");
        List<Integer> counts = configs.stream()
                .filter(c -> ((String) c.get("@type")).contains("EndpointsConfigDump"))
                .map(c -> ((List<?>) c.getOrDefault("dynamic_endpoint_configs", List.of())).size()).toList();
        assertThat(counts).hasSize(1);
        assertThat(counts.get(0)).isPositive();
        assertThat(r.out()).contains("\"dynamic_active_clusters\"", "\"version_info\"", "\"lb_endpoints\"")
                .doesNotContain("\"dynamicActiveClusters\"", "\"versionInfo\"", "\"lbEndpoints\"");
        CliRun yaml = CliRun.run("config-dump", "shared/notification-service", "-f", MESH, "-o", "yaml");
        assertThat(yaml.out()).contains("dynamic_endpoint_configs:").doesNotContain("dynamicEndpointConfigs");
        java.nio.file.Path jq = java.nio.file.Path.of("/usr/bin/jq");
        if (java.nio.file.Files.isExecutable(jq)) { // the real jq too, where the machine has it
            Process p = new ProcessBuilder(jq.toString(), ".configs[] | select(.[\"@type\"] | "
                    + "contains(\"EndpointsConfigDump\")) | .dynamic_endpoint_configs | length").start();
            try (var in = p.getOutputStream()) {
                in.write(r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(out.strip()).isEqualTo(String.valueOf(counts.get(0)));
        }
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
