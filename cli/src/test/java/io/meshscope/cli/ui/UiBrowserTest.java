package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.CliRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web view in a real browser (Debian's headless Chromium, driven by Selenium): each page loads with no console
 * error, the overview's totals are {@code report -o json}'s, the workloads table and chart have every workload,
 * clicking a workload opens its page with the right Sidecar, what each host matched and its config dump, the
 * findings are {@code analyze -o json}'s and link to their objects. Screenshots of every page go to
 * {@code target/ui-screenshots}.
 */
class UiBrowserTest {
    private static final String ECOMMERCE = ViewFixtures.ECOMMERCE;
    private static UiServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        server = ViewFixtures.startView(List.of("-f", ECOMMERCE), List.of());
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
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void theOverviewShowsReportsTotals() throws Exception {
        Map<String, Object> totals = map(CliRun.run("report", "-o", "json", "-f", ECOMMERCE).json().get("totals"));
        long proxies = ((Number) totals.get("proxies")).longValue();
        long without = ((Number) map(totals.get("unscoped")).get("bytes")).longValue();
        long with = ((Number) map(totals.get("scoped")).get("bytes")).longValue();
        browser.open("#/", "overview");
        WebElement perProxy = browser.driver.findElement(By.xpath("//tr[td[1]='config per proxy']"));
        List<WebElement> cells = perProxy.findElements(By.tagName("td"));
        assertThat(cells.get(1).getText()).isEqualTo(kb((double) without / proxies));
        assertThat(cells.get(2).getText()).isEqualTo(kb((double) with / proxies));
        WebElement all = browser.driver.findElement(By.xpath("//tr[td[1]='bytes pushed to all proxies']"));
        assertThat(all.findElements(By.tagName("td")).get(2).getText()).isEqualTo(kb(with));
        // the overview draws no chart, so the chart library is not loaded with it (on a large mesh the browser's
        // parsing it would take CPU from the server computing the overview's answers)
        assertThat(browser.script("return typeof window.echarts + ' '"
                + " + document.querySelectorAll('script[src*=echarts]').length")).isEqualTo("undefined 0");
        // nor the graph's answer, the report with every scope's imports (megabytes on a large mesh)
        assertThat(browser.script("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => n.includes('/api/') && !n.includes('/api/progress'))"
                + ".map(n => n.replace(/.*\\/api\\//, '')).sort().join(' ')")).isEqualTo("analyze info report");
        browser.screenshot("overview");
        browser.assertNoConsoleErrors();
    }

    @Test
    void theWorkloadsTableAndChartHoldEveryWorkloadAndAClickOpensItsPage() throws Exception {
        List<Object> workloads = (List<Object>) CliRun.run("report", "-o", "json", "-f", ECOMMERCE).json()
                .get("workloads");
        browser.open("#/workloads", "workloads");
        assertThat(browser.driver.findElements(By.cssSelector("tbody tr"))).hasSize(workloads.size());
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#largest canvas")));
        browser.screenshot("workloads");
        browser.driver.findElement(By.linkText("catalog/product-service")).click();
        browser.waitReady("workload");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("catalog/product-service");
        String describeSidecar = String.valueOf(CliRun.run("describe", "catalog/product-service", "-o", "json", "-f",
                ECOMMERCE).json().get("sidecar"));
        assertThat(browser.driver.findElement(By.cssSelector("main p code")).getText()).isEqualTo(describeSidecar);
        browser.screenshot("workload");
        browser.assertNoConsoleErrors();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDependencyGraphDrawsEveryNamespaceAndExpandsOneIntoItsWorkloadsAndServices() throws Exception {
        Map<String, Object> data = CliRun.run("report", "-o", "json", "--imports", "-f", ECOMMERCE).json();
        java.util.Set<String> namespaces = new java.util.TreeSet<>();
        java.util.Set<String> catalogNodes = new java.util.TreeSet<>();
        for (Object row : (List<Object>) data.get("workloads")) {
            String w = String.valueOf(map(row).get("workload"));
            namespaces.add(w.split("/")[0]);
            if (w.startsWith("catalog/")) {
                catalogNodes.add("w:" + w);
            }
        }
        for (Object services : map(data.get("scopes")).values()) {
            for (Object s : (List<Object>) services) {
                namespaces.add(String.valueOf(map(s).get("namespace")));
                if (map(s).get("namespace").equals("catalog")) {
                    catalogNodes.add("s:" + map(s).get("host"));
                }
            }
        }
        browser.open("#/graph", "graph");
        assertThat(browser.script("return typeof window.echarts")).as("loaded for the graph").isEqualTo("object");
        assertThat(browser.graphNodes()).isEqualTo(namespaces.size());
        browser.screenshot("graph");
        browser.driver.findElement(By.cssSelector("input[data-namespace='catalog']")).click();
        // catalog's node is replaced by its workloads and the services of catalog that anything imports
        int expected = namespaces.size() - 1 + catalogNodes.size();
        browser.wait.until(d -> browser.graphNodes() == expected);
        browser.screenshot("graph-catalog-expanded");
        browser.assertNoConsoleErrors();
    }

    @Test
    void theFindingsAreAnalyzesMessages() throws Exception {
        List<Object> messages = (List<Object>) CliRun.run("analyze", "-o", "json", "-f", ECOMMERCE).json()
                .get("messages");
        browser.open("#/findings", "findings");
        assertThat(browser.driver.findElements(By.cssSelector("tbody tr"))).hasSize(messages.size());
        browser.screenshot("findings");
        browser.assertNoConsoleErrors();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWorkloadPageShowsWhatEachHostMatchedAndDownloadsDescribesConfigDump() throws Exception {
        String name = "orders/order-service";
        Map<String, Object> describe = CliRun.run("describe", name, "-o", "json", "-f", ECOMMERCE).json();
        List<Object> egress = (List<Object>) describe.get("egress");
        browser.open("#/workload/" + name, "workload");
        List<WebElement> tables = browser.driver.findElements(By.cssSelector("main h3 + table"));
        assertThat(tables).hasSize(egress.size());
        Map<String, Object> first = map(egress.get(0));
        Map<String, Object> matches = map(first.get("hostMatches"));
        List<WebElement> rows = tables.get(0).findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(((List<Object>) first.get("hosts")).size());
        for (WebElement row : rows) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            List<Object> matched = (List<Object>) matches.get(cells.get(0).getText());
            assertThat(cells.get(1).getText()).isEqualTo(matched == null || matched.isEmpty() ? "matched nothing"
                    : String.join(", ", matched.stream().map(String::valueOf).toList()));
        }
        // the download is config-dump's own output, offered as a file
        String dump = CliRun.run("config-dump", name, "-o", "json", "-f", ECOMMERCE).out();
        Map<String, Object> got = (Map<String, Object>) browser.script("const a = document.getElementById('config-dump');"
                + "return fetch(a.href).then(async r => ({disposition: r.headers.get('Content-Disposition'),"
                + " body: await r.text()}));");
        assertThat(got.get("disposition")).isEqualTo("attachment; filename=\"config_dump-orders-order-service.json\"");
        assertThat(got.get("body")).isEqualTo(dump);
        browser.screenshot("workload-hosts");
        browser.assertNoConsoleErrors();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWorkloadPageSaysWhichSidecarItShadowedAndWhy() throws Exception {
        String name = "orders/payment-service";
        Map<String, Object> describe = CliRun.run("describe", name, "-o", "json", "-f", ECOMMERCE).json();
        Map<String, Object> shadowed = map(((List<Object>) describe.get("shadowed")).get(0));
        browser.open("#/workload/" + name, "workload");
        assertThat(browser.driver.findElement(By.cssSelector("main p code")).getText())
                .isEqualTo(describe.get("sidecar"));
        assertThat(browser.driver.findElement(By.cssSelector("main p")).getText())
                .contains("selected by " + describe.get("selectedBy"));
        assertThat(browser.driver.findElement(By.xpath("//h2[.='Sidecars it shadowed']/following-sibling::ul/li"))
                .getText()).isEqualTo(shadowed.get("sidecar") + ": " + shadowed.get("reason"));
        browser.screenshot("workload-shadowed");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aSidecarsFindingLinksToTheWorkloadsItAppliesTo() throws Exception {
        browser.open("#/findings", "findings");
        WebElement object = browser.driver.findElement(By.linkText("Sidecar orders/payment-service-sidecar"));
        object.click();
        browser.waitReady("workloads");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("orders/payment-service-sidecar"));
        browser.assertNoConsoleErrors();
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024);
    }
}
