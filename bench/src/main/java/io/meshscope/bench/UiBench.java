package io.meshscope.bench;

import io.meshscope.core.synth.SidecarStrategy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17: how soon the web view is usable on a large mesh, measured by the browser. Writes a synthetic mesh,
 * starts {@code ./meshscope ui -f DIR} as a user does (a separate process, its own JVM options), and drives
 * Debian's headless Chromium with Selenium. Every time is the page's own: {@code performance.now()} (ms since the
 * navigation started) when the page has been painted with its data ({@code window.meshscopeReady}), so WebDriver's
 * polling is not in it. Cold: the first visit to each page as soon as {@code ui} has printed its URL (its answers
 * still being computed; Chromium is started before {@code ui}, so the first navigation begins the moment the URL
 * is printed, and the overview's time from {@code ui}'s start is the URL's time plus that visit's); warm: later
 * visits, each a new document; a workload's page, first visit of each of a few workloads (its describe computed
 * then). Interactions: ticking a namespace on the graph and sorting the workloads table, each until painted.
 */
final class UiBench {
    private static final Pattern URL = Pattern.compile("(http://\\S+/)");
    private static final List<String[]> PAGES = List.of(new String[] {"#/", "overview"},
            new String[] {"#/workloads", "workloads"}, new String[] {"#/graph", "graph"});
    private static final double TARGET_MS = 2_000;

    private UiBench() {
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args a = new Args(argv, "services", "sidecars", "reps", "meshscope", "chromium", "chromedriver");
        int services = a.integer("services", 5_000);
        SidecarStrategy sidecars = SynthFiles.parseStrategy(a.string("sidecars", "workload"));
        int reps = a.integer("reps", 5);
        Path launcher = Path.of(a.string("meshscope", "./meshscope"));
        Path chromium = Path.of(a.string("chromium", "/usr/bin/chromium"));
        Path driverPath = Path.of(a.string("chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driverPath)) {
            System.err.println("bench ui needs Chromium and ChromeDriver (" + chromium + ", " + driverPath + "): "
                    + "apt-get install chromium chromium-driver (the cli module's browser tests install them)");
            return 2;
        }
        Path dir = Files.createTempDirectory("meshscope-ui-bench");
        Process ui = null;
        WebDriver browser = null;
        try {
            SynthFiles.write(SynthFiles.options(services, sidecars), dir);
            // the browser first: its start-up must not give ui's background work a head start
            browser = chromium(chromium, driverPath);
            browser.get("about:blank");
            long started = System.nanoTime();
            ui = new ProcessBuilder(launcher.toString(), "ui", "-f", dir.toString(), "--port", "0")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String base = awaitUrl(ui);
            double urlMs = (System.nanoTime() - started) / 1e6;
            Map<String, Double> cold = new LinkedHashMap<>();
            String answersArrived = null;
            for (String[] page : PAGES) {
                cold.put(page[1], visit(browser, base, page));
                if (answersArrived == null) {
                    answersArrived = answersArrived(browser);
                }
            }
            Map<String, List<Double>> warm = new LinkedHashMap<>();
            for (int r = 0; r < reps; r++) {
                for (String[] page : PAGES) {
                    warm.computeIfAbsent(page[1], k -> new ArrayList<>()).add(visit(browser, base, page));
                }
            }
            // a workload's page, each workload's first visit: its describe is computed when asked for
            visit(browser, base, PAGES.get(1));
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) js(browser, "return [...document.querySelectorAll('tbody a')]"
                    + ".slice(0, " + reps + ").map(a => a.textContent)");
            List<Double> workloadPages = new ArrayList<>();
            for (String name : names) {
                workloadPages.add(visit(browser, base, new String[] {"#/workload/" + name, "workload"}));
            }
            List<Double> expand = new ArrayList<>();
            List<Double> sort = new ArrayList<>();
            int nodes = 0;
            for (int r = 0; r < reps; r++) {
                expand.add(expandFirstNamespace(browser, base));
                nodes = ((Number) js(browser, "return echarts.getInstanceByDom(document.getElementById('graph'))"
                        + ".getOption().series[0].data.length")).intValue();
                sort.add(sortWorkloads(browser, base));
            }
            print(out, services, sidecars, reps, urlMs, cold, warm, workloadPages, expand, sort, nodes);
            out.printf("%nThe first overview's answers, as its page received them (Resource Timing, ms since the"
                    + " navigation): %s; painted at %.0f.%n", answersArrived, cold.get(PAGES.get(0)[1]));
            return 0;
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (ui != null) {
                ui.destroy();
                ui.waitFor(10, TimeUnit.SECONDS);
            }
            SynthFiles.deleteTree(dir);
        }
    }

    private static String awaitUrl(Process ui) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            Matcher m = URL.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IOException("meshscope ui ended without printing its URL");
    }

    private static WebDriver chromium(Path chromium, Path driver) throws IOException {
        Path profile = Files.createTempDirectory("meshscope-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Object js(WebDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** A new document at {@code page}; ms from its navigation until it was painted with its data. */
    private static double visit(WebDriver browser, String base, String[] page) {
        browser.get("about:blank");
        browser.get(base + page[0]);
        new WebDriverWait(browser, Duration.ofMinutes(30))
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", page[1]));
        return ((Number) js(browser, "return window.meshscopeReady['" + page[1] + "']")).doubleValue();
    }

    /**
     * When the page's {@code api/} answers had arrived (responseEnd, ms since navigation), e.g. {@code api/graph
     * 2747, api/analyze 2197}: the first visit's wait split into the server's answers and the page's own drawing.
     */
    private static String answersArrived(WebDriver browser) {
        // the answers only: not api/info, nor the page's looks at api/progress while it waits
        Object s = js(browser, "return performance.getEntriesByType('resource')"
                + ".map(e => [new URL(e.name).pathname.replace(/^.*\\/api\\//, 'api/'), e.responseEnd])"
                + ".filter(([path]) => path.startsWith('api/') && path !== 'api/info' && path !== 'api/progress')"
                + ".map(([path, end]) => path + ' ' + Math.round(end)).join(', ')");
        return String.valueOf(s);
    }

    /** Ticks the graph's first namespace: ms from the click until the redrawn graph was painted. */
    private static double expandFirstNamespace(WebDriver browser, String base) {
        visit(browser, base, PAGES.get(2));
        double clicked = ((Number) js(browser, "const t = performance.now();"
                + "document.querySelector('input[data-namespace]').click(); return t;")).doubleValue();
        new WebDriverWait(browser, Duration.ofMinutes(5)).until(d -> ((Number) js(d,
                "return window.meshscopeReady.graph")).doubleValue() > clicked);
        return ((Number) js(browser, "return window.meshscopeReady.graph")).doubleValue() - clicked;
    }

    /** Sorts the workloads by config size: ms from the click until painted (the next frame's task). */
    private static double sortWorkloads(WebDriver browser, String base) {
        visit(browser, base, PAGES.get(1));
        Object ms = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const t = performance.now(); document.querySelector('th[data-col=\"3\"]').click();"
                + "requestAnimationFrame(() => setTimeout(() => done(performance.now() - t)));");
        return ((Number) ms).doubleValue();
    }

    private static void print(PrintStream out, int services, SidecarStrategy sidecars, int reps, double urlMs,
                              Map<String, Double> cold, Map<String, List<Double>> warm, List<Double> workloadPages,
                              List<Double> expand, List<Double> sort, int nodes) {
        out.printf("## meshscope ui, %,d services (synth, sidecars=%s), headless Chromium; %d warm visits each%n%n",
                services, SynthFiles.label(sidecars), reps);
        out.printf("`meshscope ui` printed its URL %.0f ms after it was started (the mesh is read in the background"
                + " after that); the overview opened then was painted with its data %.0f ms after `ui` was started."
                + "%n%n", urlMs, urlMs + cold.get(PAGES.get(0)[1]));
        out.println("| page | first visit, at start (ms) | within 2 s | later visits: median (min–max) ms | within 2 s |");
        out.println("|---|---:|---|---:|---|");
        for (Map.Entry<String, List<Double>> e : warm.entrySet()) {
            Stats s = Stats.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            double first = cold.get(e.getKey());
            out.printf("| %s | %.0f | %s | %.0f (%.0f–%.0f) | %s |%n", e.getKey(), first, first <= TARGET_MS ? "yes"
                    : "NO", s.median(), s.percentile(0), s.percentile(100), s.percentile(100) <= TARGET_MS ? "yes" : "NO");
        }
        Stats wp = Stats.of(workloadPages.stream().mapToDouble(Double::doubleValue).toArray());
        out.printf("| a workload's page, each one's first visit (%d workloads) | | | %.0f (%.0f–%.0f) | %s |%n",
                workloadPages.size(), wp.median(), wp.percentile(0), wp.percentile(100),
                wp.percentile(100) <= TARGET_MS ? "yes" : "NO");
        Stats ex = Stats.of(expand.stream().mapToDouble(Double::doubleValue).toArray());
        Stats so = Stats.of(sort.stream().mapToDouble(Double::doubleValue).toArray());
        out.printf("| graph: tick a namespace (then %d nodes) | | | %.0f (%.0f–%.0f) | %s |%n", nodes, ex.median(),
                ex.percentile(0), ex.percentile(100), ex.percentile(100) <= TARGET_MS ? "yes" : "NO");
        out.printf("| workloads: sort by config size | | | %.0f (%.0f–%.0f) | %s |%n", so.median(), so.percentile(0),
                so.percentile(100), so.percentile(100) <= TARGET_MS ? "yes" : "NO");
    }
}
