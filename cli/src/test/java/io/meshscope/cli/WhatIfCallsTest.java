package io.meshscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whatif -o json --calls}: every observed call once, marked broken exactly when {@code broken} lists it. */
class WhatIfCallsTest {
    private static final String MESH = "../examples/ecommerce";

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void everyObservedCallIsListedAndMarkedBrokenExactlyWhenWhatifSaysSo() throws Exception {
        String deps = Files.writeString(dir.resolve("deps.yaml"), """
                services:
                  catalog/product-service:
                    calls: [shared/auth-service, orders/order-service, orders/payment-service]
                  frontend/web-ui:
                    calls: [catalog/product-service]
                """).toString();
        Map<String, Object> json = CliRun.run("whatif", "-o", "json", "--calls", "--deps", deps, "-f", MESH).json();
        List<Map<String, Object>> calls = (List<Map<String, Object>>) json.get("calls");
        assertThat(calls).hasSize(((Number) json.get("observed")).intValue()).hasSize(4);
        Set<String> brokenListed = new HashSet<>();
        for (Object w : (List<Object>) json.get("broken")) {
            Map<String, Object> row = (Map<String, Object>) w;
            for (Object c : (List<Object>) row.get("calls")) {
                brokenListed.add(row.get("workload") + " " + ((Map<String, Object>) c).get("destination"));
            }
        }
        Set<String> brokenMarked = new HashSet<>();
        for (Map<String, Object> c : calls) {
            assertThat(c).containsKeys("workload", "destination", "namespace", "port", "count", "evidence", "outcome");
            if (Boolean.TRUE.equals(c.get("broken"))) {
                brokenMarked.add(c.get("workload") + " " + c.get("destination"));
                assertThat(c.get("outcome")).isNotNull();
            } else {
                assertThat(c.get("outcome")).isNull();
            }
        }
        assertThat(brokenMarked).isEqualTo(brokenListed).containsExactlyInAnyOrder(
                "catalog/product-service order-service.orders.svc.cluster.local",
                "catalog/product-service payment-service.orders.svc.cluster.local");
    }

    @Test
    void withoutTheFlagTheJsonIsAsBefore() {
        assertThat(CliRun.run("whatif", "-o", "json", "--deps", "../examples/ecommerce-dependencies.yaml", "-f", MESH)
                .json()).doesNotContainKey("calls");
    }
}
