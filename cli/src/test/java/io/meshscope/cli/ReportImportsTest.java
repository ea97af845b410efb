package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code report -o json --imports}: each workload's scope, and each scope's services once, as describe sees them. */
class ReportImportsTest {
    private static final String ECOMMERCE = "../examples/ecommerce";

    @Test
    @SuppressWarnings("unchecked")
    void everyWorkloadNamesItsScopeAndTheScopeListsWhatDescribeImports() {
        Map<String, Object> report = CliRun.run("report", "-o", "json", "--imports", "-f", ECOMMERCE).json();
        Map<String, Object> scopes = (Map<String, Object>) report.get("scopes");
        for (Object o : (List<Object>) report.get("workloads")) {
            Map<String, Object> row = (Map<String, Object>) o;
            String workload = (String) row.get("workload");
            assertThat(scopes).as(workload).containsKey((String) row.get("scope"));
            if (!"sidecar".equals(row.get("proxyType"))) {
                continue;
            }
            List<String> hosts = ((List<Object>) scopes.get(row.get("scope"))).stream()
                    .map(s -> (String) ((Map<String, Object>) s).get("host")).toList();
            Object described = CliRun.run("describe", workload, "-o", "json", "-f", ECOMMERCE).json()
                    .get("scopeServices");
            assertThat(hosts).as(workload).isEqualTo(described);
        }
        assertThat(((List<Object>) report.get("workloads")).stream()
                .map(o -> ((Map<String, Object>) o).get("scope"))).contains("orders/payment-service-sidecar",
                "catalog/default");
    }

    @Test
    void withoutTheFlagTheJsonIsUnchanged() {
        Map<String, Object> report = CliRun.run("report", "-o", "json", "-f", ECOMMERCE).json();
        assertThat(report).doesNotContainKey("scopes");
    }
}
