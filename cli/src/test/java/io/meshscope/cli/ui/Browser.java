package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium driven by Selenium, for the web view's tests: pages, waits, console errors, screenshots. */
final class Browser implements AutoCloseable {
    static final Path SHOTS = Path.of("target", "ui-screenshots");
    /** The graph's node count, as ECharts holds it. */
    static final String GRAPH_NODES =
            "return echarts.getInstanceByDom(document.getElementById('graph')).getOption().series[0].data.length";

    final WebDriver driver;
    final WebDriverWait wait;
    private final String base;

    /** A browser for the view at {@code base} (ending in /); installs Chromium when missing ({@link Chromium}). */
    Browser(String base) throws Exception {
        Chromium.require();
        this.base = base;
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
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    /** Opens {@code hash} and waits until the page says it is drawn ({@code body[data-ready=page]}). */
    void open(String hash, String page) {
        driver.get("about:blank"); // a new document each time: a hash change alone keeps the last page's state
        driver.get(base + hash);
        waitReady(page);
    }

    void waitReady(String page) {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", page));
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    int graphNodes() {
        return ((Number) script(GRAPH_NODES)).intValue();
    }

    void screenshot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    void assertNoConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("console errors").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
