package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code report}'s averages, {@code --sort}, {@code --by namespace} and endpoints estimated from replicas. */
class ReportOptionsTest {
    static final String MESH = "../examples/ecommerce";
    static final String GIT = "../examples/unnamed-ports";

    @Test
    void averagesPerProxyHaveOneDecimalNotATruncatedInteger() {
        CliRun r = CliRun.run("report", "-f", MESH);
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 26 proxies (istiod opts out of injection); 789 clusters without Sidecars is 30.35 per proxy, which
        // truncation printed as 30.
        assertThat(r.out()).containsPattern("\\| Clusters per proxy +\\| +30\\.3 \\| +22\\.7 \\|")
                .contains("Bytes: xDS wire bytes of every resource one proxy receives");
    }

    @SuppressWarnings("unchecked")
    @Test
    void sortOrdersRowsInTextJsonAndCsvAndAnUnknownKeyIsAUsageError() {
        List<Map<String, Object>> ws = (List<Map<String, Object>>) CliRun.run("report", "-f", MESH, "-o", "json",
                "--sort", "bytes").json().get("workloads");
        List<Long> bytes = ws.stream().map(w -> ((Number) ((Map<String, Object>) w.get("scoped")).get("bytes"))
                .longValue()).toList();
        assertThat(bytes).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        CliRun ratio = CliRun.run("report", "-f", MESH, "--sort", "ratio");
        assertThat(ratio.out().lines().skip(1).findFirst().orElseThrow()).endsWith("100.0%");
        CliRun csv = CliRun.run("report", "-f", MESH, "-o", "csv", "--sort", "name");
        assertThat(csv.out().lines().skip(1).findFirst().orElseThrow()).startsWith("catalog/product-service,");
        CliRun bad = CliRun.run("report", "-f", MESH, "--sort", "size");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--sort must be name, bytes or ratio, got 'size'");
    }

    @SuppressWarnings("unchecked")
    @Test
    void byNamespaceAggregatesEveryProxyOfANamespace() {
        CliRun json = CliRun.run("report", "-f", MESH, "-o", "json", "--by", "namespace");
        assertThat(json.exitCode()).as(json.err()).isZero();
        Map<String, Object> root = json.json();
        List<Map<String, Object>> ns = (List<Map<String, Object>>) root.get("namespaces");
        List<Map<String, Object>> ws = (List<Map<String, Object>>) root.get("workloads");
        assertThat(ns).extracting(n -> n.get("namespace"))
                .containsExactly("catalog", "frontend", "istio-system", "orders", "shared", "shipping");
        for (Map<String, Object> n : ns) {
            long sum = ws.stream().filter(w -> ((String) w.get("workload")).startsWith(n.get("namespace") + "/"))
                    .mapToLong(w -> ((Number) ((Map<String, Object>) w.get("scoped")).get("bytes")).longValue()
                            * ((Number) w.get("replicas")).longValue()).sum();
            assertThat(((Number) ((Map<String, Object>) n.get("scoped")).get("bytes")).longValue()).isEqualTo(sum);
        }
        CliRun text = CliRun.run("report", "-f", MESH, "--by", "namespace", "--sort", "ratio");
        assertThat(text.out().lines().skip(1).findFirst().orElseThrow()).startsWith("istio-system ");
        assertThat(CliRun.run("report", "-f", MESH, "-o", "csv", "--by", "namespace").out().lines())
                .hasSize(7).first().asString().startsWith("namespace,workloads,proxies,");
        assertThat(CliRun.run("report", "-f", MESH, "--by", "team").exitCode()).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    @Test
    void manifestsWithoutEndpointsGetThemEstimatedFromReplicasAndTheOutputSaysSo() {
        CliRun json = CliRun.run("report", "-f", GIT, "-o", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        Map<String, Object> root = json.json();
        List<Map<String, Object>> estimated = (List<Map<String, Object>>) root.get("estimatedEndpoints");
        assertThat(estimated).isNotEmpty().allSatisfy(e -> assertThat(e.get("basis")).isEqualTo("replicas"));
        assertThat(((Map<String, Object>) root.get("sizeModel")).get("unit")).isEqualTo("bytes");
        List<Map<String, Object>> ws = (List<Map<String, Object>>) root.get("workloads");
        assertThat(ws).allSatisfy(w -> assertThat(((Number) ((Map<String, Object>) w.get("unscoped"))
                .get("endpoints")).intValue()).isPositive());
        CliRun text = CliRun.run("report", "-f", GIT);
        assertThat(text.out()).contains("note: endpoints of " + estimated.size() + " services")
                .contains("estimated from the replicas of the workloads they select");
        // The example with real endpoints estimates nothing, and config-dump never shows invented addresses.
        assertThat((List<Object>) CliRun.run("report", "-f", MESH, "-o", "json").json().get("estimatedEndpoints"))
                .isEmpty();
        assertThat(CliRun.run("report", "-f", MESH).out()).doesNotContain("estimated");
        CliRun dump = CliRun.run("config-dump", "shop/front-end", "-f", GIT);
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(dump.out()).doesNotContain("198.18.");
    }
}
