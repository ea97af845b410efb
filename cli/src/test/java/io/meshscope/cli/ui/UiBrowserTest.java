package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.CliRun;
import io.meshscope.cli.Main;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web view in a real browser (Debian's headless Chromium, driven by Selenium): each page loads with no console
 * error, the overview's totals are {@code report -o json}'s, the workloads table and chart have every workload,
 * clicking a workload opens its page with the right Sidecar, the findings are {@code analyze -o json}'s. Screenshots
 * of every page go to {@code target/ui-screenshots}.
 */
class UiBrowserTest {
    private static final String ECOMMERCE = "../examples/ecommerce";
    private static final Path SHOTS = Path.of("target", "ui-screenshots");
    private static UiServer server;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Chromium.require();
        server = new UiServer(new InetSocketAddress("127.0.0.1", 0), new UiData(UiData.inProcess((out, err) ->
                Main.commandLine(InputStream.nullInputStream(), out, err)), List.of("-f", ECOMMERCE)));
        server.start();
        base = "http://127.0.0.1:" + server.port() + "/";
        Path profile = Files.createTempDirectory("meshscope-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(Chromium.BROWSER.toFile())
                // as the build machines' probe runs it: no background connections (the network is closed)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--window-size=1400,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void open(String hash, String heading) {
        browser.get(base + hash);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), heading));
    }

    private static void screenshot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("console errors").isEmpty();
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
        open("#/", "Overview");
        WebElement perProxy = browser.findElement(By.xpath("//tr[td[1]='config per proxy']"));
        List<WebElement> cells = perProxy.findElements(By.tagName("td"));
        assertThat(cells.get(1).getText()).isEqualTo(kb((double) without / proxies));
        assertThat(cells.get(2).getText()).isEqualTo(kb((double) with / proxies));
        WebElement all = browser.findElement(By.xpath("//tr[td[1]='bytes pushed to all proxies']"));
        assertThat(all.findElements(By.tagName("td")).get(2).getText()).isEqualTo(kb(with));
        screenshot("overview");
        assertNoConsoleErrors();
    }

    @Test
    void theWorkloadsTableAndChartHoldEveryWorkloadAndAClickOpensItsPage() throws Exception {
        List<Object> workloads = (List<Object>) CliRun.run("report", "-o", "json", "-f", ECOMMERCE).json()
                .get("workloads");
        open("#/workloads", "Workloads");
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(workloads.size());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#largest canvas")));
        screenshot("workloads");
        browser.findElement(By.linkText("catalog/product-service")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "catalog/product-service"));
        String describeSidecar = String.valueOf(CliRun.run("describe", "catalog/product-service", "-o", "json", "-f",
                ECOMMERCE).json().get("sidecar"));
        assertThat(browser.findElement(By.cssSelector("main p code")).getText()).isEqualTo(describeSidecar);
        screenshot("workload");
        assertNoConsoleErrors();
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
        open("#/graph", "Dependencies");
        String count = "return echarts.getInstanceByDom(document.getElementById('graph')).getOption().series[0].data.length";
        wait.until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(count)).intValue() > 0);
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(count)).intValue())
                .isEqualTo(namespaces.size());
        screenshot("graph");
        browser.findElement(By.cssSelector("input[data-namespace='catalog']")).click();
        // catalog's node is replaced by its workloads and the services of catalog that anything imports
        int expected = namespaces.size() - 1 + catalogNodes.size();
        wait.until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(count)).intValue()
                == expected);
        screenshot("graph-catalog-expanded");
        assertNoConsoleErrors();
    }

    @Test
    void theFindingsAreAnalyzesMessages() throws Exception {
        List<Object> messages = (List<Object>) CliRun.run("analyze", "-o", "json", "-f", ECOMMERCE).json()
                .get("messages");
        open("#/findings", "Findings");
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(messages.size());
        screenshot("findings");
        assertNoConsoleErrors();
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024);
    }
}
