package io.meshscope.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Watch loss, 410 Gone, API server restarts, failing and slow lists: relisted, reported, nothing lost. */
class KubeWatcherRecoveryTest {
    private static final KubeWatcher.Settings FAST =
            new KubeWatcher.Settings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(5));

    MockApiServer server = new MockApiServer().start();
    KubernetesClient client = server.client();
    Cluster cluster = new Cluster(client);
    Deliveries seen = new Deliveries();
    KubeWatcher watcher;

    @AfterEach
    void tearDown() {
        if (watcher != null) {
            watcher.close();
        }
        client.close();
        server.close();
    }

    private void seed() {
        cluster.istioCrds("v1").apply(Manifests.namespace("istio-system", "")).apply(Manifests.namespace("shop", ""))
                .apply(Manifests.app("shop", "web", "10.1.0.1")).apply(Manifests.app("shop", "cart", "10.1.0.2"))
                .apply(Manifests.istio("networking.istio.io/v1", "shop"));
    }

    private void startWatcher() {
        watcher = new KubeWatcher(client, KubeOptions.defaults(), seen, FAST).onChange(seen);
        watcher.start();
    }

    @Test
    void anApiServerRestartLosesNoUpdateMadeWhileItWasUnreachable() throws Exception {
        seed();
        startWatcher();
        assertThat(watcher.awaitSynced(Duration.ofSeconds(20))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.watchesRunning() == watcher.watchCount());

        server.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.watchesLost.get() > 0);
        // Changes this process cannot see while the server is down: a create, an update and a delete.
        server.store().handleCreate("/api/v1/namespaces/shop/services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"late","namespace":"shop"},
                 "spec":{"ports":[{"port":80}]}}""");
        server.store().handleDelete("/api/v1/namespaces/shop/services/cart");
        server.store().handleDelete("/apis/networking.istio.io/v1/namespaces/shop/sidecars/default");
        server.restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.ids().contains("Service shop/late")
                && !seen.ids().contains("Service shop/cart") && !seen.ids().contains("Sidecar shop/default"));
        assertThat(seen.relists.get()).isPositive();
        assertThat(server.goneAnswers()).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.watchesRestored.get() > 0);
        assertThat(seen.delivered).allSatisfy(d -> assertThat(d.documents()).extracting(KubeDocument::name)
                .contains("k8s:Service/shop/web"));

        cluster.apply(Manifests.app("shop", "after", "10.1.0.9"));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.ids().contains("Service shop/after"));
    }

    @Test
    void failingListsAreRetriedAndReportedUntilTheySucceed() throws Exception {
        seed();
        server.failNextLists("/api/v1/services", 7); // more than the client's own retries absorb

        startWatcher();

        assertThat(watcher.awaitSynced(Duration.ofSeconds(30))).isTrue();
        assertThat(seen.watchErrors.get()).isPositive();
        assertThat(seen.delivered).hasSize(1);
        assertThat(seen.ids()).contains("Service shop/web", "Service shop/cart", "Sidecar shop/default");
    }

    @Test
    void slowListsDelayTheFirstDeliveryWhichIsStillComplete() throws Exception {
        seed();
        server.slowLists(Duration.ofMillis(1500));

        startWatcher();

        assertThat(watcher.awaitSynced(Duration.ofMillis(300))).isFalse();
        assertThat(watcher.isSynced()).isFalse();
        assertThat(watcher.pendingSync()).isNotEmpty();
        assertThat(seen.delivered).isEmpty();
        assertThat(watcher.awaitSynced(Duration.ofSeconds(30))).isTrue();
        assertThat(seen.delivered.get(0).objects()).isEqualTo(seen.last().objects()).isEqualTo(15);
    }

    @Test
    void anUnreachableApiServerAtStartIsRetriedUntilItAnswers() throws Exception {
        seed();
        server.stop();

        startWatcher();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.watchErrors.get() > 0);
        assertThat(watcher.pendingSync()).containsExactly("API discovery");
        server.restart();

        assertThat(watcher.awaitSynced(Duration.ofSeconds(30))).isTrue();
        assertThat(seen.ids()).contains("Service shop/web");
    }

    @Test
    void istioKindsInstalledAfterStartArePickedUpByRediscovery() throws Exception {
        cluster.apply(Manifests.namespace("shop", "")).apply(Manifests.app("shop", "web", "10.1.0.1"));
        watcher = new KubeWatcher(client, KubeOptions.defaults(), seen,
                new KubeWatcher.Settings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(1)))
                .onChange(seen);
        watcher.start();
        assertThat(watcher.awaitSynced(Duration.ofSeconds(20))).isTrue();
        assertThat(seen.last().notes()).isNotEmpty();

        cluster.istioCrds("v1").apply(Manifests.istio("networking.istio.io/v1", "shop"));

        await().atMost(Duration.ofSeconds(15)).until(() -> seen.ids().containsAll(List.of("Sidecar shop/default",
                "VirtualService shop/web")));
        assertThat(seen.last().notes()).isEmpty();
        assertThat(seen.delivered).allSatisfy(d -> assertThat(d.documents()).extracting(KubeDocument::name)
                .contains("k8s:Service/shop/web"));
        assertThat(seen.last().toMeshInput(Optional.empty()).services()).hasSize(1);
    }
}
