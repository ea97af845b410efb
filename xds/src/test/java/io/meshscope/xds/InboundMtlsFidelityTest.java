package io.meshscope.xds;

import static io.meshscope.xds.DrPolicyFixture.print;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.WorkloadKind;
import io.meshscope.core.scope.MeshIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden inbound filter chains for each PeerAuthentication mode. Each expected Envoy JSON was derived by hand from
 * the istiod functions named in the test: {@code ListenerBuilder.buildInboundListeners} and
 * {@code inboundChainForOpts} (pilot/pkg/networking/core/listener_inbound.go), {@code getFilterChainMatchOptions}
 * (filterchain_options.go), {@code authn_utils.BuildInboundTLS} (pilot/pkg/security/authn/utils/utils.go) with
 * {@code ApplyToCommonTLSContext} (pilot/pkg/security/model/authentication.go), {@code ComposePeerAuthentication}
 * (pilot/pkg/security/authn/policy_applier.go), {@code authn.Builder.ForPassthrough} and
 * {@code populateListenerFilters}, with istiod's default features and mesh config. Chains are compared without
 * their network filters (the HTTP connection manager and TCP proxy do not depend on the mode; other tests cover
 * them).
 */
class InboundMtlsFidelityTest {
    /** web: HTTP on 8080; db: TCP on 5432; legacy: a port whose name gives no protocol (sniffed) on 9000. */
    private static final String SERVICES = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              clusterIP: 10.0.0.1
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}, {name: tcp-db, port: 5432}, {name: legacy, port: 9000}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: shop, labels: {app: web}}
            status: {podIP: 10.2.0.5}
            """;

    private static final String SDS = """
            {"api_config_source": {"api_type": "GRPC", "transport_api_version": "V3",
              "grpc_services": [{"envoy_grpc": {"cluster_name": "sds-grpc"}}], "set_node_on_first_message_only": true},
             "initial_fetch_timeout": "0s", "resource_api_version": "V3"}""";

    /** BuildInboundTLS for {@code alpn} (util.ALPNHttp for HTTP chains, util.ALPNDownstreamWithMxc for TCP). */
    private static String tls(String alpn) {
        return """
                "transport_socket": {"name": "envoy.transport_sockets.tls", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
                  "common_tls_context": {
                    "tls_params": {"tls_minimum_protocol_version": "TLSv1_2", "tls_maximum_protocol_version": "TLSv1_3",
                      "cipher_suites": ["ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
                        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "AES256-GCM-SHA384",
                        "AES128-GCM-SHA256"]},
                    "tls_certificate_sds_secret_configs": [{"name": "default", "sds_config": %1$s}],
                    "combined_validation_context": {
                      "default_validation_context": {"match_subject_alt_names": [{"prefix": "spiffe://cluster.local/"}]},
                      "validation_context_sds_secret_config": {"name": "ROOTCA", "sds_config": %1$s}},
                    "alpn_protocols": [%2$s]},
                  "require_client_certificate": true}}""".formatted(SDS, alpn);
    }

    private static final String HTTP_TLS = tls("\"h2\", \"http/1.1\"");
    private static final String TCP_TLS = tls("\"istio-peer-exchange\", \"h2\", \"http/1.1\"");

    private static Listener virtualInbound(String peerAuthentications) {
        MeshInput input = XdsFixtures.yaml(SERVICES + peerAuthentications);
        Workload w = XdsFixtures.workload(input, WorkloadKind.POD, "shop", "web-1");
        ProxyResources r = XdsSnapshot.build(MeshIndex.build(input)).resourcesFor(XdsFixtures.proxy(w), w);
        return (Listener) r.find(XdsType.LISTENER, "virtualInbound").resource();
    }

    /** The chains matching {@code port} (0: the port-less passthrough chains), without their network filters. */
    private static String chains(Listener l, int port) {
        List<FilterChain> out = l.getFilterChainsList().stream()
                .filter(fc -> fc.getFilterChainMatch().getDestinationPort().getValue() == port)
                .filter(fc -> !fc.getName().equals("virtualInbound-blackhole"))
                .map(fc -> fc.toBuilder().clearFilters().build()).toList();
        return "[" + String.join(",\n", out.stream().map(DrPolicyFixture::print).toList()) + "]";
    }

    private static String expected(String json) {
        List<FilterChain> out = new java.util.ArrayList<>();
        for (String one : json.split("(?m)^---$")) {
            FilterChain.Builder b = FilterChain.newBuilder();
            DrPolicyFixture.merge(one, b);
            out.add(b.build());
        }
        return "[" + String.join(",\n", out.stream().map(DrPolicyFixture::print).toList()) + "]";
    }

    private static final String STRICT_MESH = """
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec: {mtls: {mode: STRICT}}
            """;

    @Test
    void getFilterChainMatchOptionsStrictHttpIsOneTlsChainTerminatingIstioMtls() {
        // inboundStrictHTTPFilterChainMatchOptions; ToTransportSocket: mtls.HTTP.
        assertThat(chains(virtualInbound(STRICT_MESH), 8080)).isEqualTo(expected("""
                {"name": "0.0.0.0_8080", "filter_chain_match": {"destination_port": 8080, "transport_protocol": "tls"},
                 %s}""".formatted(HTTP_TLS)));
    }

    @Test
    void getFilterChainMatchOptionsStrictTcpIsOneTlsChainWithTheMetadataExchangeAlpn() {
        // inboundStrictTCPFilterChainMatchOptions; ToTransportSocket: mtls.TCP (ALPNDownstreamWithMxc).
        assertThat(chains(virtualInbound(STRICT_MESH), 5432)).isEqualTo(expected("""
                {"name": "0.0.0.0_5432", "filter_chain_match": {"destination_port": 5432, "transport_protocol": "tls"},
                 %s}""".formatted(TCP_TLS)));
    }

    @Test
    void getFilterChainMatchOptionsStrictAutoIsMtlsHttpThenTlsTcp() {
        // inboundStrictFilterChainMatchOptions for a sniffed port, and the passthrough chains (ForPassthrough, port 0).
        Listener l = virtualInbound(STRICT_MESH);
        assertThat(chains(l, 9000)).isEqualTo(expected("""
                {"name": "0.0.0.0_9000", "filter_chain_match": {"destination_port": 9000, "transport_protocol": "tls",
                   "application_protocols": ["istio-http/1.0", "istio-http/1.1", "istio-h2"]}, %1$s}
                ---
                {"name": "0.0.0.0_9000", "filter_chain_match": {"destination_port": 9000, "transport_protocol": "tls"},
                 %2$s}""".formatted(HTTP_TLS, TCP_TLS)));
        assertThat(chains(l, 0)).isEqualTo(expected("""
                {"name": "virtualInbound-catchall-http", "filter_chain_match": {"transport_protocol": "tls",
                   "application_protocols": ["istio-http/1.0", "istio-http/1.1", "istio-h2"]}, %1$s}
                ---
                {"name": "virtualInbound", "filter_chain_match": {"transport_protocol": "tls"}, %2$s}"""
                .formatted(HTTP_TLS, TCP_TLS)));
    }

    @Test
    void getFilterChainMatchOptionsPermissiveWhenNoPolicyExists() {
        // ComposePeerAuthentication's default (PERMISSIVE): inboundPermissiveHTTPFilterChainMatchWithMxcOptions,
        // inboundPermissiveTCPFilterChainMatchWithMxcOptions, inboundPermissiveFilterChainMatchWithMxcOptions.
        Listener l = virtualInbound("");
        assertThat(chains(l, 8080)).isEqualTo(expected("""
                {"name": "0.0.0.0_8080", "filter_chain_match": {"destination_port": 8080, "transport_protocol": "tls",
                   "application_protocols": ["istio", "istio-peer-exchange", "istio-http/1.0", "istio-http/1.1",
                     "istio-h2"]}, %s}
                ---
                {"name": "0.0.0.0_8080", "filter_chain_match": {"destination_port": 8080,
                   "transport_protocol": "raw_buffer"}}""".formatted(HTTP_TLS)));
        assertThat(chains(l, 5432)).isEqualTo(expected("""
                {"name": "0.0.0.0_5432", "filter_chain_match": {"destination_port": 5432, "transport_protocol": "tls",
                   "application_protocols": ["istio", "istio-peer-exchange", "istio-http/1.0", "istio-http/1.1",
                     "istio-h2"]}, %s}
                ---
                {"name": "0.0.0.0_5432", "filter_chain_match": {"destination_port": 5432, "transport_protocol": "tls"}}
                ---
                {"name": "0.0.0.0_5432", "filter_chain_match": {"destination_port": 5432,
                   "transport_protocol": "raw_buffer"}}""".formatted(TCP_TLS)));
        assertThat(chains(l, 0)).isEqualTo(expected("""
                {"name": "virtualInbound-catchall-http", "filter_chain_match": {"transport_protocol": "tls",
                   "application_protocols": ["istio-http/1.0", "istio-http/1.1", "istio-h2"]}, %1$s}
                ---
                {"name": "virtualInbound-catchall-http", "filter_chain_match": {"transport_protocol": "raw_buffer",
                   "application_protocols": ["http/1.1", "h2c"]}}
                ---
                {"name": "virtualInbound", "filter_chain_match": {"transport_protocol": "tls",
                   "application_protocols": ["istio-peer-exchange", "istio"]}, %2$s}
                ---
                {"name": "virtualInbound", "filter_chain_match": {"transport_protocol": "raw_buffer"}}
                ---
                {"name": "virtualInbound", "filter_chain_match": {"transport_protocol": "tls"}}"""
                .formatted(HTTP_TLS, TCP_TLS)));
    }

    @Test
    void getFilterChainMatchOptionsDisableIsPlaintextOnlyWithoutTlsInspector() {
        // inboundPlainTextHTTPFilterChainMatchOptions / inboundPlainTextFilterChainMatchOptions; no chain matches
        // transport "tls", so populateListenerFilters adds no TLS inspector.
        Listener l = virtualInbound("""
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: shop}
                spec: {mtls: {mode: DISABLE}}
                """);
        assertThat(chains(l, 8080)).isEqualTo(expected("""
                {"name": "0.0.0.0_8080", "filter_chain_match": {"destination_port": 8080,
                   "transport_protocol": "raw_buffer"}}"""));
        assertThat(chains(l, 9000)).isEqualTo(expected("""
                {"name": "0.0.0.0_9000", "filter_chain_match": {"destination_port": 9000,
                   "transport_protocol": "raw_buffer", "application_protocols": ["http/1.1", "h2c"]}}
                ---
                {"name": "0.0.0.0_9000", "filter_chain_match": {"destination_port": 9000,
                   "transport_protocol": "raw_buffer"}}"""));
        assertThat(l.getListenerFiltersList()).extracting(ListenerFilter::getName).containsExactly(
                "envoy.filters.listener.original_dst", "envoy.filters.listener.http_inspector");
    }

    @Test
    void composePeerAuthenticationPortLevelOverridesAndForPassthroughAddsUnservedPorts() {
        // Workload policy STRICT with port 8080 DISABLE and port 7777 (no service port) PERMISSIVE:
        // 8080 plaintext, 5432 strict, and ForPassthrough's per-port chains for 7777 (needPerPortPassthroughFilterChain).
        Listener l = virtualInbound("""
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  mtls: {mode: STRICT}
                  portLevelMtls: {8080: {mode: DISABLE}, 7777: {mode: PERMISSIVE}}
                """);
        assertThat(chains(l, 8080)).isEqualTo(expected("""
                {"name": "0.0.0.0_8080", "filter_chain_match": {"destination_port": 8080,
                   "transport_protocol": "raw_buffer"}}"""));
        assertThat(chains(l, 5432)).isEqualTo(expected("""
                {"name": "0.0.0.0_5432", "filter_chain_match": {"destination_port": 5432, "transport_protocol": "tls"},
                 %s}""".formatted(TCP_TLS)));
        assertThat(l.getFilterChainsList().stream().filter(fc -> fc.getFilterChainMatch().getDestinationPort()
                .getValue() == 7777).map(FilterChain::getName).toList()).containsExactly(
                "virtualInbound-catchall-http", "virtualInbound-catchall-http", "virtualInbound", "virtualInbound",
                "virtualInbound");
    }

    @Test
    void populateListenerFiltersEnablesTheTlsInspectorEverywhereButTheBlackholePort() {
        // buildTLSInspector: the port-less chains need it, so it is disabled only on 15006 (the blackhole chain);
        // buildHTTPInspector: disabled on the ports whose chains do not sniff HTTP.
        Listener l = virtualInbound("");
        assertThat(l.getListenerFiltersList()).extracting(ListenerFilter::getName).containsExactly(
                "envoy.filters.listener.original_dst", "envoy.filters.listener.tls_inspector",
                "envoy.filters.listener.http_inspector");
        ListenerFilter.Builder tls = ListenerFilter.newBuilder();
        DrPolicyFixture.merge("""
                {"name": "envoy.filters.listener.tls_inspector", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector"},
                 "filter_disabled": {"destination_port_range": {"start": 15006, "end": 15007}}}""", tls);
        assertThat(print(l.getListenerFilters(1))).isEqualTo(print(tls.build()));
        assertThat(l.getListenerFilters(2).getFilterDisabled().getOrMatch().getRulesList())
                .extracting(r -> r.getDestinationPortRange().getStart()).containsExactly(5432, 8080, 15006);
    }
}
