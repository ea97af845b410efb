package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.cli.Main;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A page whose answer comes after the user has moved on does not draw over the page they moved to, and a page that
 * waits says how far the server is.
 */
class UiNavigationBrowserTest {
    private final CountDownLatch describeAsked = new CountDownLatch(1);
    private final CountDownLatch releaseDescribe = new CountDownLatch(1);
    private final UiProgress progress = new UiProgress();
    private UiServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        Chromium.require();
        UiData.Cli real = UiData.inProcess((out, err) -> Main.commandLine(InputStream.nullInputStream(), out, err));
        UiData.Cli slowDescribe = args -> {
            if (args.get(0).equals("describe")) {
                describeAsked.countDown();
                try {
                    releaseDescribe.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.run(args);
        };
        server = new UiServer(new InetSocketAddress("127.0.0.1", 0),
                new UiData(slowDescribe, List.of("-f", ViewFixtures.ECOMMERCE), List.of(), progress));
        server.start();
        browser = new Browser("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterEach
    void stop() {
        releaseDescribe.countDown();
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSlowPageLeftBeforeItsAnswerCameDoesNotReplaceTheNextOne() throws Exception {
        browser.open("#/findings", "findings");
        browser.script("document.body.dataset.ready = 'left'; location.hash = '#/workload/catalog/product-service';");
        assertThat(describeAsked.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(500); // the workload page has said "Computing…" by now
        browser.script("location.hash = '#/findings';");
        browser.waitReady("findings");
        releaseDescribe.countDown();
        Thread.sleep(1_500); // the describe answer arrives now; a page that ignored the change would draw itself
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Findings");
        assertThat(browser.driver.findElement(By.tagName("body")).getAttribute("data-ready")).isEqualTo("findings");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aWaitingPageShowsHowFarTheServersPhasesAreAndDropsItWhenDrawn() throws Exception {
        io.meshscope.core.progress.ProgressListener reading = progress.listener();
        reading.phase("reading 203 files", 1000, "B");
        reading.advance(1000);
        reading.phaseDone();
        io.meshscope.core.progress.ProgressListener report = progress.listener();
        report.phase("reporting", 5000, "workloads");
        report.advance(2400);

        browser.open("#/findings", "findings");
        browser.script("location.hash = '#/workload/catalog/product-service';");
        assertThat(describeAsked.await(10, TimeUnit.SECONDS)).isTrue();
        String expected = "reading 203 files: done · reporting: 2,400 of 5,000 workloads";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String shown = "";
        while (!shown.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            shown = String.valueOf(browser.script("const p = document.getElementById('progress');"
                    + " return p ? p.textContent : '';"));
        }
        assertThat(shown).isEqualTo(expected);
        browser.screenshot("waiting-with-progress");
        report.advance(2600);
        report.phaseDone();
        releaseDescribe.countDown();
        browser.waitReady("workload");
        assertThat(browser.driver.findElements(By.id("progress"))).isEmpty();
        browser.assertNoConsoleErrors();
    }
}
