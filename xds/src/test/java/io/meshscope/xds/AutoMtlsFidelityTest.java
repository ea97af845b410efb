package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Auto mTLS as istiod builds it for a sidecar: the cluster side ({@code buildUpstreamTLSSettings} with
 * {@code autoDetected}, {@code applyUpstreamTLSSettings}, {@code BestEffortInferServiceMTLSMode},
 * {@code pilot/pkg/networking/core/cluster_tls.go} and {@code pilot/pkg/model/push_context.go}) and the endpoint side
 * ({@code mtlsChecker.checkMtlsEnabled} and {@code AppendLbEndpointMetadata}, {@code pilot/pkg/xds/endpoints} and
 * {@code pilot/pkg/networking/util/util.go}); identities as {@code SecureNamingSAN} and {@code push.ServiceAccounts}.
 */
class AutoMtlsFidelityTest {
    private static final String HOST = "reviews.app.svc.cluster.local";
    private static final String C80 = "outbound|80||" + HOST;
    private static final Proxy CLIENT = Proxy.sidecar("app", Map.of("app", "client"));

    private static final String REVIEWS = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: reviews}
              ports: [{name: http, port: 80}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: reviews-1, namespace: app, labels: {app: reviews}}
            spec: {serviceAccountName: bookinfo-reviews, containers: [{name: main, image: example/reviews:1}]}
            status: {podIP: 10.1.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: reviews-2, namespace: app, labels: {app: reviews, sidecar.istio.io/inject: "false"}}
            spec: {containers: [{name: main, image: example/reviews:1}]}
            status: {podIP: 10.1.0.2}
            """;

    private static XdsSnapshot snapshot(String yaml) {
        return XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(yaml)));
    }

    private static Cluster cluster(XdsSnapshot s, String name) {
        NamedResource r = s.resourcesFor(CLIENT, null, false).find(XdsType.CLUSTER, name);
        assertThat(r).as(name).isNotNull();
        return (Cluster) r.resource();
    }

    /** Endpoint address → its tlsMode metadata ("" when it has none). */
    private static Map<String, String> tlsModes(XdsSnapshot s, String name) {
        ClusterLoadAssignment cla = (ClusterLoadAssignment) s.resourcesFor(CLIENT, null, false)
                .find(XdsType.ENDPOINT, name).resource();
        Map<String, String> out = new TreeMap<>();
        for (var group : cla.getEndpointsList()) {
            for (LbEndpoint ep : group.getLbEndpointsList()) {
                var meta = ep.getMetadata().getFilterMetadataMap().get(EndpointBuilder.TRANSPORT_SOCKET_MATCH);
                out.put(ep.getEndpoint().getAddress().getSocketAddress().getAddress(),
                        meta == null ? "" : meta.getFieldsOrThrow("tlsMode").getStringValue());
            }
        }
        return out;
    }

    @Test
    void anInMeshServiceGetsTheTlsModeMatchesWithItsPodsServiceAccountsAsSans() {
        XdsSnapshot s = snapshot(REVIEWS);
        Cluster c = cluster(s, C80);
        // Both pods' accounts (the injected one's and the opted-out one's "default"), sorted, as push.ServiceAccounts.
        String sans = """
                "match_subject_alt_names": [{"exact": "spiffe://cluster.local/ns/app/sa/bookinfo-reviews"},
                  {"exact": "spiffe://cluster.local/ns/app/sa/default"}]""";
        DrPolicyFixture.assertCluster(c, DrPolicyFixture.plainBase(C80, ""), "{" + DrPolicyFixture.autoMtls(C80)
                .replace("\"default_validation_context\": {}", "\"default_validation_context\": {" + sans + "}")
                + "}");
    }

    @Test
    void onlyEndpointsWithASidecarCarryTheIstioTlsMode() {
        assertThat(tlsModes(snapshot(REVIEWS), C80)).isEqualTo(Map.of(
                "10.1.0.1", "istio", "10.1.0.2", ""));
    }

    @Test
    void aDestinationRuleTlsModeReplacesAutoMtlsOnBothSides() {
        String disable = """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews, namespace: app}
                spec: {host: reviews, trafficPolicy: {tls: {mode: DISABLE}}}
                """;
        XdsSnapshot off = snapshot(REVIEWS + disable);
        assertThat(cluster(off, C80).getTransportSocketMatchesCount()).isZero();
        assertThat(cluster(off, C80).hasTransportSocket()).isFalse();
        assertThat(tlsModes(off, C80)).containsEntry("10.1.0.1", "");

        XdsSnapshot on = snapshot(REVIEWS + disable.replace("DISABLE", "ISTIO_MUTUAL"));
        Cluster c = cluster(on, C80);
        // User-supplied ISTIO_MUTUAL: one transport socket, SANs from the service accounts when none are written.
        assertThat(c.getTransportSocketMatchesCount()).isZero();
        assertThat(DrPolicyFixture.print(c.getTransportSocket()))
                .contains("spiffe://cluster.local/ns/app/sa/bookinfo-reviews");
        assertThat(tlsModes(on, C80)).containsEntry("10.1.0.1", "istio").containsEntry("10.1.0.2", "");
    }

    @Test
    void meshExternalServicesGetNoAutoMtls() {
        XdsSnapshot s = snapshot("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: api, namespace: app}
                spec:
                  hosts: [api.example.com]
                  location: MESH_EXTERNAL
                  resolution: STATIC
                  ports: [{number: 443, name: tls, protocol: TLS}]
                  endpoints: [{address: 192.0.2.1, serviceAccount: api}]
                """);
        Cluster c = cluster(s, "outbound|443||api.example.com");
        assertThat(c.getTransportSocketMatchesCount()).isZero();
        assertThat(c.hasTransportSocket()).isFalse();
    }

    @Test
    void meshInternalServiceEntryEndpointsWithAServiceAccountAreMtlsAndItsSubjectAltNamesAreSans() {
        XdsSnapshot s = snapshot("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: vm, namespace: app}
                spec:
                  hosts: [vm.app.internal]
                  location: MESH_INTERNAL
                  resolution: STATIC
                  subjectAltNames: ["spiffe://cluster.local/ns/app/sa/legacy"]
                  ports: [{number: 8080, name: http, protocol: HTTP}]
                  endpoints:
                  - {address: 192.0.2.10, serviceAccount: vm}
                  - {address: 192.0.2.11}
                  - {address: 192.0.2.12, labels: {security.istio.io/tlsMode: istio}}
                """);
        String name = "outbound|8080||vm.app.internal";
        assertThat(DrPolicyFixture.print(cluster(s, name))).contains("tlsMode-istio")
                .contains("spiffe://cluster.local/ns/app/sa/legacy").contains("spiffe://cluster.local/ns/app/sa/vm");
        assertThat(tlsModes(s, name)).isEqualTo(Map.of(
                "192.0.2.10", "istio", "192.0.2.11", "", "192.0.2.12", "istio"));
    }

    @Test
    void aWorkloadEntryIsMtlsWhenItNamesAServiceAccountOrCarriesTheLabel() {
        XdsSnapshot s = snapshot("""
                apiVersion: v1
                kind: Service
                metadata: {name: reviews, namespace: app}
                spec:
                  clusterIP: 10.0.0.1
                  selector: {app: reviews}
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: vm-1, namespace: app}
                spec: {address: 192.0.2.1, labels: {app: reviews}, serviceAccount: reviews-vm}
                ---
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: vm-2, namespace: app}
                spec: {address: 192.0.2.2, labels: {app: reviews}}
                """);
        assertThat(tlsModes(s, C80)).isEqualTo(Map.of("192.0.2.1", "istio", "192.0.2.2", ""));
    }

    @Test
    void aHeadlessServiceGetsTheMutualSocketItselfOnlyWhenEveryEndpointHasASidecar() {
        String headless = REVIEWS.replace("clusterIP: 10.0.0.1", "clusterIP: None");
        // One pod opted out: BestEffortInferServiceMTLSMode is DISABLE for passthrough.
        assertThat(cluster(snapshot(headless), C80).hasTransportSocket()).isFalse();
        String allInjected = headless.replace(", sidecar.istio.io/inject: \"false\"", "");
        Cluster c = cluster(snapshot(allInjected), C80);
        assertThat(c.getType()).isEqualTo(Cluster.DiscoveryType.ORIGINAL_DST);
        assertThat(c.getTransportSocketMatchesCount()).isZero();
        assertThat(DrPolicyFixture.print(c.getTransportSocket())).contains("outbound_.80_._." + HOST);
    }

    @Test
    void podsOfANamespaceWithInjectionDisabledAreNotMarked() {
        String ns = """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: app, labels: {istio-injection: disabled}}
                """;
        assertThat(tlsModes(snapshot(REVIEWS + ns), C80)).isEqualTo(Map.of(
                "10.1.0.1", "", "10.1.0.2", ""));
        // A pod that carries the label itself keeps it, as istiod reads the label.
        String labelled = REVIEWS.replace("labels: {app: reviews}}",
                "labels: {app: reviews, security.istio.io/tlsMode: istio}}") + ns;
        assertThat(tlsModes(snapshot(labelled), C80)).containsEntry("10.1.0.1", "istio");
    }

    @Test
    void proxiesWhoseDestinationRulesDisagreeOnTlsGetTheirOwnEndpointMetadata() {
        // A workload-selector rule applies to the client only; the shared assignment cache must tell them apart.
        XdsSnapshot s = snapshot(REVIEWS + """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews-client, namespace: app}
                spec:
                  host: reviews
                  workloadSelector: {matchLabels: {app: client}}
                  trafficPolicy: {tls: {mode: DISABLE}}
                """);
        Proxy other = Proxy.sidecar("app", Map.of("app", "other"));
        assertThat(tlsModes(s, C80)).containsEntry("10.1.0.1", "");
        ClusterLoadAssignment cla = (ClusterLoadAssignment) s.resourcesFor(other, null, false)
                .find(XdsType.ENDPOINT, C80).resource();
        assertThat(DrPolicyFixture.print(cla)).contains("\"tlsMode\": \"istio\"");
    }

    @Test
    void aControllerWithoutPodsStillGivesItsServiceAccountAsASan() {
        XdsSnapshot s = snapshot("""
                apiVersion: v1
                kind: Service
                metadata: {name: reviews, namespace: app}
                spec:
                  clusterIP: 10.0.0.1
                  selector: {app: reviews}
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: reviews-v1, namespace: app}
                spec:
                  selector: {matchLabels: {app: reviews}}
                  template:
                    metadata: {labels: {app: reviews}}
                    spec: {serviceAccountName: bookinfo-reviews, containers: [{name: main, image: example/reviews:1}]}
                """);
        assertThat(DrPolicyFixture.print(cluster(s, C80))).contains("spiffe://cluster.local/ns/app/sa/bookinfo-reviews");
    }

    @Test
    void theMeshTrustDomainNamesTheIdentitiesAndEnableAutoMtlsFalseTurnsItOff() {
        XdsSnapshot custom = snapshot(REVIEWS + LocalityLoadBalancingFidelityTest.meshConfig("trustDomain: example.org"));
        assertThat(DrPolicyFixture.print(cluster(custom, C80)))
                .contains("spiffe://example.org/ns/app/sa/bookinfo-reviews").doesNotContain("spiffe://cluster.local");
        // The inbound side checks peers against the same trust domain (BuildInboundTLS's SAN prefix).
        String inbound = DrPolicyFixture.print(custom.resourcesFor(Proxy.sidecar("app", Map.of("app", "reviews")),
                null, false).find(XdsType.LISTENER, "virtualInbound").resource());
        assertThat(inbound).contains("\"prefix\": \"spiffe://example.org/\"");

        XdsSnapshot off = snapshot(REVIEWS + LocalityLoadBalancingFidelityTest.meshConfig("enableAutoMtls: false"));
        assertThat(cluster(off, C80).getTransportSocketMatchesCount()).isZero();
        assertThat(cluster(off, C80).hasTransportSocket()).isFalse();
    }
}
