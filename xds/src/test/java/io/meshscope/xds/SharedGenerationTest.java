package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.describe.Describer;
import io.meshscope.core.describe.GatewayRecognizer;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.synth.SidecarStrategy;
import io.meshscope.core.synth.SynthOptions;
import io.meshscope.core.synth.SyntheticMesh;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A snapshot builds each service's clusters, each outbound listener shape and each inbound shape once and shares
 * them across scopes (and with its snapshot without Sidecars): what every proxy gets is byte for byte what a
 * snapshot generating that proxy alone gives, and the sharing keys tell apart what must differ.
 */
class SharedGenerationTest {
    /**
     * Two namespaces, per-workload Sidecars, a rule local to one namespace with subsets, per-port mTLS; in shop,
     * web, cart and db import reviews' HTTP port alike but for one thing each: web's own rule hashes its route,
     * db's Sidecar allows no unknown hosts (its catch-all route differs).
     */
    private static final String MESH = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: shop}
            spec:
              selector: {app: reviews}
              ports: [{name: http, port: 9080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: shop}
            spec:
              selector: {app: db}
              ports: [{name: tcp, port: 5432}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: reviews, namespace: shop}
            spec:
              selector: {matchLabels: {app: reviews}}
              template:
                metadata: {labels: {app: reviews, version: v1}}
                spec: {containers: [{name: app, image: r, ports: [{containerPort: 9080}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: db, namespace: shop}
            spec:
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: app, image: d, ports: [{containerPort: 5432}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: app, image: w, ports: [{containerPort: 9080}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cart, namespace: shop}
            spec:
              selector: {matchLabels: {app: cart}}
              template:
                metadata: {labels: {app: cart}}
                spec: {containers: [{name: app, image: c}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: client, namespace: other}
            spec:
              selector: {matchLabels: {app: client}}
              template:
                metadata: {labels: {app: client}}
                spec: {containers: [{name: app, image: c}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: shop}
            spec:
              host: reviews
              exportTo: ["."]
              subsets: [{name: v1, labels: {version: v1}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews-for-web, namespace: shop}
            spec:
              host: reviews
              workloadSelector: {matchLabels: {app: web}}
              trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x-user}}}
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: db, namespace: shop}
            spec:
              selector: {matchLabels: {app: db}}
              mtls: {mode: STRICT}
              portLevelMtls: {5432: {mode: DISABLE}}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: web, namespace: shop}
            spec:
              workloadSelector: {labels: {app: web}}
              egress: [{hosts: ["./reviews.shop.svc.cluster.local", "./db.shop.svc.cluster.local"]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: reviews, namespace: shop}
            spec:
              workloadSelector: {labels: {app: reviews}}
              egress: [{hosts: ["./db.shop.svc.cluster.local", "./reviews.shop.svc.cluster.local"]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: cart, namespace: shop}
            spec:
              workloadSelector: {labels: {app: cart}}
              egress: [{hosts: ["./reviews.shop.svc.cluster.local"]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: db, namespace: shop}
            spec:
              workloadSelector: {labels: {app: db}}
              egress: [{hosts: ["./reviews.shop.svc.cluster.local"]}]
              outboundTrafficPolicy: {mode: REGISTRY_ONLY}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: client, namespace: other}
            spec:
              workloadSelector: {labels: {app: client}}
              egress: [{hosts: ["shop/reviews.shop.svc.cluster.local"]}]
            """;

    static Stream<Arguments> meshes() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("hand-written", XdsFixtures.yaml(MESH)));
        out.add(Arguments.of("ecommerce", XdsFixtures.ecommerce()));
        for (SidecarStrategy s : SidecarStrategy.values()) {
            SynthOptions o = SynthOptions.defaults(60).withReplicas(2).withSidecars(s);
            out.add(Arguments.of("synth " + o, XdsFixtures.synthetic(SyntheticMesh.generate(o).files())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meshes")
    void everyProxyGetsExactlyWhatASnapshotOfItsOwnWouldGenerate(String name, MeshInput input) {
        XdsSnapshot shared = XdsSnapshot.build(MeshIndex.build(input));
        XdsSnapshot sharedWithout = shared.withoutSidecars();
        List<Workload> workloads = input.workloads();
        // every proxy first, so later ones are served from what earlier scopes built
        workloads.forEach(w -> shared.resourcesFor(proxy(w), w, false));
        workloads.forEach(w -> sharedWithout.resourcesFor(proxy(w), w, false));
        for (Workload w : workloads) {
            XdsSnapshot alone = XdsSnapshot.build(MeshIndex.build(input));
            assertSameResources(shared.resourcesFor(proxy(w), w, false), alone.resourcesFor(proxy(w), w, false),
                    w + " with Sidecars");
            XdsSnapshot aloneWithout = XdsSnapshot.build(MeshIndex.build(input.withSidecars(List.of())));
            assertSameResources(sharedWithout.resourcesFor(proxy(w), w, false),
                    aloneWithout.resourcesFor(proxy(w), w, false), w + " without Sidecars");
        }
    }

    @Test
    void aServicesClustersAreOneInstanceAcrossScopesAndTheSnapshotWithoutSidecars() {
        MeshInput in = XdsFixtures.yaml(MESH);
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(in));
        String dbCluster = "outbound|5432||db.shop.svc.cluster.local";
        NamedResource fromWeb = cluster(s, XdsFixtures.workload(in, "shop", "web"), dbCluster);
        NamedResource fromReviews = cluster(s, XdsFixtures.workload(in, "shop", "reviews"), dbCluster);
        NamedResource unscoped = cluster(s.withoutSidecars(), XdsFixtures.workload(in, "other", "client"), dbCluster);
        assertThat(fromReviews).isSameAs(fromWeb);
        assertThat(unscoped).isSameAs(fromWeb);
    }

    @Test
    void aDestinationRuleLocalToOneNamespaceGivesItsProxiesOtherClustersThanTheRest() {
        MeshInput in = XdsFixtures.yaml(MESH);
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(in));
        String subset = "outbound|9080|v1|reviews.shop.svc.cluster.local";
        assertThat(names(s, XdsFixtures.workload(in, "shop", "cart"))).contains(subset);
        // the client in 'other' imports reviews too, but the rule is exported to 'shop' only
        assertThat(names(s, XdsFixtures.workload(in, "other", "client")))
                .contains("outbound|9080||reviews.shop.svc.cluster.local").doesNotContain(subset);
    }

    @Test
    void outboundListenersOfTheSameShapeAreOneInstanceAcrossScopes() {
        MeshInput in = XdsFixtures.yaml(MESH);
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(in));
        ProxyResources web = resources(s, XdsFixtures.workload(in, "shop", "web"));
        ProxyResources reviews = resources(s, XdsFixtures.workload(in, "shop", "reviews"));
        assertThat(listener(reviews, "virtualOutbound")).isSameAs(listener(web, "virtualOutbound"));
        NamedResource dbListener = web.resources(XdsType.LISTENER).stream()
                .filter(l -> l.name().endsWith("_5432")).findFirst().orElseThrow();
        assertThat(listener(reviews, dbListener.name())).isSameAs(dbListener);
    }

    @Test
    void inboundIsSharedByWorkloadsServingTheSamePortsUnderTheSameMtlsAndNotOtherwise() {
        MeshInput in = XdsFixtures.yaml(MESH);
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(in));
        ProxyResources web = resources(s, XdsFixtures.workload(in, "shop", "web"));
        ProxyResources reviews = resources(s, XdsFixtures.workload(in, "shop", "reviews"));
        ProxyResources db = resources(s, XdsFixtures.workload(in, "shop", "db"));
        // web serves 9080 (no Service selects it, so no inbound port) — reviews does: they differ by ports
        assertThat(listener(reviews, "virtualInbound")).isNotEqualTo(listener(web, "virtualInbound"));
        // the same workload's inbound, asked for by the snapshot without Sidecars, is the same instance
        ProxyResources reviewsUnscoped = resources(s.withoutSidecars(), XdsFixtures.workload(in, "shop", "reviews"));
        assertThat(listener(reviewsUnscoped, "virtualInbound")).isSameAs(listener(reviews, "virtualInbound"));
        // db's STRICT with a port-level DISABLE is its own shape
        assertThat(listener(db, "virtualInbound")).isNotEqualTo(listener(reviews, "virtualInbound"));
    }

    @Test
    void aRouteIsOneInstanceAcrossScopesThatImportTheSameOnItsPortAndDiffersWithWhatItReads() {
        MeshInput in = XdsFixtures.yaml(MESH);
        XdsSnapshot s = XdsSnapshot.build(MeshIndex.build(in));
        NamedResource web = route(s, XdsFixtures.workload(in, "shop", "web"), "9080");
        NamedResource cart = route(s, XdsFixtures.workload(in, "shop", "cart"), "9080");
        NamedResource db = route(s, XdsFixtures.workload(in, "shop", "db"), "9080");
        NamedResource client = route(s, XdsFixtures.workload(in, "other", "client"), "9080");
        NamedResource reviews = route(s, XdsFixtures.workload(in, "shop", "reviews"), "9080");
        // reviews imports db and reviews, cart reviews alone: port 9080 has the same service, rule and catch-all
        assertThat(reviews).isSameAs(cart);
        // web imports the same there, but its own rule hashes the route; db's REGISTRY_ONLY gives block_all;
        // client, in another namespace, gets other short names
        assertThat(web).isNotEqualTo(cart);
        assertThat(db).isNotEqualTo(cart);
        assertThat(client).isNotEqualTo(cart);
    }

    @Test
    void anIndexWithOtherSidecarsSharesTheServicesAndSelectsItsOwnSidecars() {
        MeshInput in = XdsFixtures.yaml(MESH);
        MeshIndex index = MeshIndex.build(in);
        MeshIndex none = index.withSidecars(List.of());
        assertThat(none.registry()).isSameAs(index.registry());
        assertThat(none.input().sidecars()).isEmpty();
        Proxy web = proxy(XdsFixtures.workload(in, "shop", "web"));
        assertThat(index.select(web).sidecar()).isNotNull();
        assertThat(none.select(web).sidecar()).isNull();
        assertThat(none.scope(web).services()).hasSize(index.registry().all().size());
    }

    private static void assertSameResources(ProxyResources actual, ProxyResources expected, String what) {
        for (XdsType t : XdsType.values()) {
            assertThat(actual.resources(t)).as("%s %s", what, t).containsExactlyElementsOf(expected.resources(t));
        }
    }

    private static Proxy proxy(Workload w) {
        return Describer.proxyOf(w, GatewayRecognizer.typeOf(w));
    }

    private static ProxyResources resources(XdsSnapshot s, Workload w) {
        return s.resourcesFor(proxy(w), w, false);
    }

    private static List<String> names(XdsSnapshot s, Workload w) {
        return resources(s, w).resources(XdsType.CLUSTER).stream().map(NamedResource::name).toList();
    }

    private static NamedResource cluster(XdsSnapshot s, Workload w, String name) {
        return resources(s, w).resources(XdsType.CLUSTER).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(w + " has no cluster " + name));
    }

    private static NamedResource route(XdsSnapshot s, Workload w, String name) {
        return resources(s, w).resources(XdsType.ROUTE).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(w + " has no route " + name));
    }

    private static NamedResource listener(ProxyResources r, String name) {
        return r.resources(XdsType.LISTENER).stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no listener " + name));
    }
}
