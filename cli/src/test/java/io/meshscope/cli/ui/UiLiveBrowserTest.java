package io.meshscope.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.meshscope.cli.CliRun;
import io.meshscope.server.MeshscopeServer;
import io.meshscope.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * serve's view at /ui in a real browser: a page updates, without a reload, after a watched file changes (the new
 * snapshot's server-sent event), and a workload's page shows its connected proxy's ACK state per type.
 */
class UiLiveBrowserTest {
    private static final String TYPE_CDS = "type.googleapis.com/envoy.config.cluster.v3.Cluster";

    @TempDir
    Path dir;
    private MeshscopeServer server;
    private Browser browser;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        Chromium.require();
        ViewFixtures.copyEcommerce(dir);
        server = new MeshscopeServer(new ServerConfig(List.of(dir.toString()), Optional.empty(), "127.0.0.1", 0, 0,
                Duration.ofMillis(50), Duration.ofSeconds(1), 2));
        ServeUi.mount(server);
        server.start();
        browser = new Browser("http://127.0.0.1:" + server.adminPort() + "/ui/");
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @SuppressWarnings("unchecked")
    private long scopedBytes() {
        Map<String, Object> totals = (Map<String, Object>) CliRun.run("report", "-o", "json", "-f", dir.toString())
                .json().get("totals");
        return ((Number) ((Map<String, Object>) totals.get("scoped")).get("bytes")).longValue();
    }

    private String pushedWithSidecars() {
        WebElement row = browser.driver.findElement(By.xpath("//tr[td[1]='bytes pushed to all proxies']"));
        return row.findElements(By.tagName("td")).get(2).getText();
    }

    @Test
    void theOverviewUpdatesWithoutAReloadWhenAWatchedFileChanges() throws Exception {
        browser.open("#/", "overview");
        assertThat(browser.driver.findElement(By.id("status")).getText()).isEqualTo("live · snapshot 1");
        assertThat(pushedWithSidecars()).isEqualTo(kb(scopedBytes()));
        browser.script("window.notReloaded = true;");
        // the frontend namespace stops importing catalog: a smaller scope, a new snapshot
        Path sidecars = dir.resolve("sidecars.yaml");
        Files.writeString(sidecars, Files.readString(sidecars).replaceFirst("        - \"catalog/\\*\"\n", ""));
        browser.wait.until(d -> "2".equals(d.findElement(By.tagName("body")).getAttribute("data-snapshot"))
                && "overview".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
        assertThat(pushedWithSidecars()).isEqualTo(kb(scopedBytes()));
        assertThat(browser.driver.findElement(By.id("status")).getText()).isEqualTo("live · snapshot 2");
        browser.screenshot("live-overview");
        browser.assertNoConsoleErrors();
    }

    @Test
    void theGraphRedrawsForANewSnapshotWithOneChartAndItsNamespacesStillTicked() throws Exception {
        browser.open("#/graph", "graph");
        browser.driver.findElement(By.cssSelector("input[data-namespace='catalog']")).click();
        int expanded = browser.graphNodes();
        browser.script("window.oldGraph = document.getElementById('graph');");
        Path sidecars = dir.resolve("sidecars.yaml");
        Files.writeString(sidecars, Files.readString(sidecars).replaceFirst("        - \"catalog/\\*\"\n", ""));
        browser.wait.until(d -> "2".equals(d.findElement(By.tagName("body")).getAttribute("data-snapshot"))
                && "graph".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(browser.driver.findElement(By.cssSelector("input[data-namespace='catalog']")).isSelected()).isTrue();
        assertThat(browser.graphNodes()).isEqualTo(expanded);
        // the replaced page's chart was disposed, not left for the life of the tab
        assertThat(browser.script("return window.oldGraph !== document.getElementById('graph')"
                + " && echarts.getInstanceByDom(window.oldGraph) === undefined")).isEqualTo(true);
        browser.assertNoConsoleErrors();
    }

    @Test
    void aWorkloadPageShowsItsConnectedProxysAckStatePerType() throws Exception {
        DiscoveryResponse cds = connectAndAck("sidecar~10.1.0.5~product-service-8459b2d15-b6c42.catalog~"
                + "catalog.svc.cluster.local");
        browser.open("#/workload/catalog/product-service", "workload");
        browser.wait.until(d -> d.findElements(By.cssSelector("#proxies tbody tr")).size() > 0
                && d.findElement(By.cssSelector("#proxies")).getText().contains("ACK"));
        WebElement row = browser.driver.findElement(By.xpath("//div[@id='proxies']//tr[td[2]='cds']"));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).contains("product-service-8459b2d15-b6c42");
        assertThat(cells.get(2).getText()).isEqualTo("ACK");
        assertThat(cells.get(4).getText()).isEqualTo(cds.getVersionInfo());
        assertThat(cells.get(6).getText()).isNotBlank(); // the last push's time
        browser.screenshot("live-workload-proxies");
        browser.assertNoConsoleErrors();
    }

    /** A proxy of catalog/product-service on a raw ADS stream: asks for clusters and ACKs the answer. */
    private DiscoveryResponse connectAndAck(String nodeId) throws InterruptedException {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.xdsPort()).usePlaintext().build();
        BlockingQueue<DiscoveryResponse> responses = new LinkedBlockingQueue<>();
        StreamObserver<DiscoveryRequest> requests = AggregatedDiscoveryServiceGrpc.newStub(channel)
                .streamAggregatedResources(new StreamObserver<>() {
                    @Override
                    public void onNext(DiscoveryResponse value) {
                        responses.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        Node node = Node.newBuilder().setId(nodeId).build();
        requests.onNext(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(TYPE_CDS).build());
        DiscoveryResponse cds = responses.poll(20, TimeUnit.SECONDS);
        assertThat(cds).as("a CDS response").isNotNull();
        requests.onNext(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(TYPE_CDS)
                .setVersionInfo(cds.getVersionInfo()).setResponseNonce(cds.getNonce()).build());
        return cds;
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024);
    }
}
