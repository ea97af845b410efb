package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dependency graph with observed calls ({@code ui --deps}): the calls seen drawn over the imports, and the one
 * the Sidecars would break ({@code whatif}'s answer) in red, at namespace level and once expanded, and listed.
 */
class UiEvidenceBrowserTest {
    private static final String ECOMMERCE = ViewFixtures.ECOMMERCE;
    /** product-service calls auth-service (catalog's Sidecar imports shared/*) and order-service (it does not). */
    private static final String DEPS = """
            services:
              catalog/product-service:
                calls:
                  - shared/auth-service
                  - orders/order-service
            """;
    private static final String LINKS = "return echarts.getInstanceByDom(document.getElementById('graph')).getOption()"
            + ".series[0].links.filter(l => l.kind === '%s').map(l => l.source + ' -> ' + l.target + ' '"
            + " + l.lineStyle.color)";

    @TempDir
    static Path dir;
    private static UiServer server;
    private static Browser browser;
    private static String deps;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        deps = Files.writeString(dir.resolve("deps.yaml"), DEPS).toString();
        server = ViewFixtures.startView(List.of("-f", ECOMMERCE), List.of("--deps", deps));
        browser = new Browser("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> links(String kind) {
        return (List<String>) browser.script(String.format(LINKS, kind));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGraphDrawsObservedCallsAndTheOneTheSidecarsWouldBreakInRed() throws Exception {
        List<Object> calls = (List<Object>) CliRun.run("whatif", "-o", "json", "--calls", "--deps", deps, "-f",
                ECOMMERCE).json().get("calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.stream().filter(c -> Boolean.TRUE.equals(((Map<String, Object>) c).get("broken")))).hasSize(1);
        browser.open("#/graph", "graph");
        assertThat(links("observed")).containsExactly("ns:catalog -> ns:shared #2f6fde");
        assertThat(links("broken")).containsExactly("ns:catalog -> ns:orders #d62728");
        assertThat(browser.driver.findElements(By.cssSelector("main table tbody tr"))).hasSize(1);
        assertThat(browser.driver.findElement(By.cssSelector("main table tbody tr")).getText())
                .contains("catalog/product-service", "order-service.orders.svc.cluster.local");
        browser.screenshot("graph-calls");

        browser.driver.findElement(By.cssSelector("input[data-namespace='catalog']")).click();
        browser.driver.findElement(By.cssSelector("input[data-namespace='orders']")).click();
        browser.wait.until(d -> links("broken").equals(List.of(
                "w:catalog/product-service -> s:order-service.orders.svc.cluster.local #d62728")));
        browser.screenshot("graph-calls-expanded");
        browser.assertNoConsoleErrors();
    }
}
