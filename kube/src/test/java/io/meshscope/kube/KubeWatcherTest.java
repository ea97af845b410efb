package io.meshscope.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshscope.core.model.OutboundMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KubeWatcherTest {
    private static final KubeWatcher.Settings FAST =
            new KubeWatcher.Settings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(5));

    MockApiServer server = new MockApiServer().start();
    KubernetesClient client = server.client();
    Cluster cluster;
    Deliveries seen = new Deliveries();
    KubeWatcher watcher;

    @BeforeEach
    void setUp() {
        cluster = new Cluster(client).istioCrds("v1", "v1beta1", "v1alpha3")
                .apply(Manifests.namespace("istio-system", ""))
                .apply(Manifests.namespace("shop", "mesh: on"))
                .apply(Manifests.namespace("lab", "mesh: off"))
                .apply(Manifests.meshConfig("ALLOW_ANY"))
                .apply(Manifests.app("shop", "web", "10.1.0.1"))
                .apply(Manifests.controllers("shop"))
                .apply(Manifests.istio("networking.istio.io/v1", "shop"))
                .apply(Manifests.app("lab", "exp", "10.2.0.1"));
    }

    @AfterEach
    void tearDown() {
        if (watcher != null) {
            watcher.close();
        }
        client.close();
        server.close();
    }

    private void start(List<String> namespaces, String selector) throws InterruptedException {
        start(namespaces, selector, FAST);
    }

    private void start(List<String> namespaces, String selector, KubeWatcher.Settings settings)
            throws InterruptedException {
        KubeOptions options = new KubeOptions(Optional.empty(), Optional.empty(), namespaces, Optional.ofNullable(selector));
        watcher = new KubeWatcher(client, options, seen, settings).onChange(seen);
        watcher.start();
        assertThat(watcher.awaitSynced(Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void deliversTheCompleteSetOnceAllInformersHaveListed() throws Exception {
        start(List.of(), null);

        assertThat(seen.delivered).hasSize(1);
        assertThat(seen.synced).hasValue(1);
        assertThat(seen.ids()).contains("Namespace lab", "Namespace shop", "Service shop/web", "Service lab/exp",
                "EndpointSlice shop/web-abcde", "Pod shop/web-7d4f8-x1", "Deployment shop/web", "StatefulSet shop/db",
                "DaemonSet shop/agent", "ReplicaSet shop/legacy", "Job shop/migrate", "CronJob shop/nightly",
                "Sidecar shop/default", "ServiceEntry shop/stripe", "WorkloadEntry shop/vm1",
                "VirtualService shop/web", "DestinationRule shop/web");
        assertThat(seen.last().objects()).isEqualTo(22);
        assertThat(watcher.current()).contains(seen.last());
        assertThat(watcher.pendingSync()).isEmpty();
        assertThat(watcher.watchCount()).isEqualTo(2 + 15); // 15 kinds: 14 and PeerAuthentication
    }

    @Test
    void addsOfEveryKindReachTheDeliveredSet() throws Exception {
        start(List.of(), null);

        cluster.apply(Manifests.namespace("new", "")).apply(Manifests.app("new", "api", "10.3.0.1"))
                .apply(Manifests.controllers("new")).apply(Manifests.istio("networking.istio.io/v1", "new"));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.ids().containsAll(List.of("Namespace new",
                "Service new/api", "EndpointSlice new/api-abcde", "Pod new/api-7d4f8-x1", "Deployment new/api",
                "StatefulSet new/db", "DaemonSet new/agent", "ReplicaSet new/legacy", "Job new/migrate",
                "CronJob new/nightly", "Sidecar new/default", "ServiceEntry new/stripe", "WorkloadEntry new/vm1",
                "VirtualService new/web", "DestinationRule new/web")));
    }

    @Test
    void updatesReachTheDeliveredSet() throws Exception {
        start(List.of(), null);

        cluster.apply(Manifests.meshConfig("REGISTRY_ONLY")).apply("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default, namespace: shop}
                spec:
                  egress: [{hosts: ["./*"]}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 5
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web, version: v2}}
                    spec: {containers: [{name: app, image: app}]}
                """);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var in = seen.input();
            return in.meshConfig().outboundMode() == OutboundMode.REGISTRY_ONLY
                    && in.sidecars().get(0).toString().contains("istio-system/*") == false
                    && in.workloads().stream().anyMatch(w -> w.id().name().equals("web") && w.replicas() == 5);
        });
    }

    @Test
    void deletesOfEveryKindReachTheDeliveredSet() throws Exception {
        start(List.of(), null);

        cluster.delete("v1", "Service", "shop", "web").delete("discovery.k8s.io/v1", "EndpointSlice", "shop", "web-abcde")
                .delete("v1", "Pod", "shop", "web-7d4f8-x1").delete("apps/v1", "Deployment", "shop", "web")
                .delete("apps/v1", "StatefulSet", "shop", "db").delete("apps/v1", "DaemonSet", "shop", "agent")
                .delete("apps/v1", "ReplicaSet", "shop", "legacy").delete("batch/v1", "Job", "shop", "migrate")
                .delete("batch/v1", "CronJob", "shop", "nightly");
        for (String kind : List.of("Sidecar/default", "ServiceEntry/stripe", "WorkloadEntry/vm1", "VirtualService/web",
                "DestinationRule/web")) {
            String[] k = kind.split("/");
            cluster.delete("networking.istio.io/v1", k[0], "shop", k[1]);
        }
        cluster.delete("v1", "ConfigMap", "istio-system", "istio");

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.ids().stream().noneMatch(id -> id.contains("shop/"))
                && seen.last().documents().stream().noneMatch(d -> d.name().startsWith("k8s:ConfigMap")));
        assertThat(seen.ids()).contains("Namespace shop", "Service lab/exp");
    }

    @Test
    void aBurstOfChangesIsDeliveredOnceWithEverything() throws Exception {
        // A quiet period far longer than the gap between two applies, even on a loaded machine, so the assertion
        // is about debouncing, not about how fast this machine happens to be.
        start(List.of(), null, new KubeWatcher.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofMinutes(5)));
        int before = seen.delivered.size();

        for (int i = 0; i < 20; i++) {
            cluster.apply(Manifests.app("shop", "svc" + i, "10.5.0." + i));
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> seen.input().services().size() == 22);
        assertThat(seen.delivered.size() - before).isLessThan(20);
    }

    @Test
    void anUpdateThatChangesNothingIsNotDeliveredAgain() throws Exception {
        start(List.of(), null);
        cluster.apply(Manifests.app("shop", "extra", "10.6.0.1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.ids().contains("Service shop/extra"));
        int before = seen.delivered.size();

        cluster.apply(Manifests.app("shop", "extra", "10.6.0.1")); // same content: a new resourceVersion at most

        Thread.sleep(600);
        assertThat(seen.delivered.size() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void aNamespaceSelectorReadsOnlyMatchingNamespacesAndFollowsLabelChanges() throws Exception {
        start(List.of(), "mesh=on");

        assertThat(seen.ids()).contains("Service shop/web", "Namespace istio-system")
                .doesNotContain("Service lab/exp", "Namespace lab");
        assertThat(watcher.namespacesInScope()).containsExactlyInAnyOrder("istio-system", "shop");

        cluster.apply(Manifests.namespace("lab", "mesh: on"));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.ids().containsAll(List.of("Service lab/exp",
                "Pod lab/exp-7d4f8-x1", "Namespace lab")));

        cluster.apply(Manifests.namespace("shop", "mesh: off"));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.ids().stream().noneMatch(id -> id.contains("shop")));
        assertThat(watcher.namespacesInScope()).containsExactlyInAnyOrder("istio-system", "lab");
    }

    @Test
    void aNamespaceListWatchesOnlyThoseNamespacesEvenBeforeTheyExist() throws Exception {
        start(List.of("shop", "later"), null);

        assertThat(seen.ids()).contains("Service shop/web").doesNotContain("Service lab/exp");
        assertThat(watcher.watchCount()).isEqualTo(2 + 15 * 3); // shop, later, istio-system

        cluster.apply(Manifests.app("later", "api", "10.7.0.1")).apply(Manifests.app("lab", "other", "10.8.0.1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.ids().contains("Service later/api"));
        assertThat(seen.ids()).doesNotContain("Service lab/other");
    }
}
