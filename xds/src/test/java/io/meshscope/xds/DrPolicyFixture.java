package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Map;

/**
 * A mesh with {@code reviews} (HTTP port 80, gRPC port 9080) and a DestinationRule {@code app/reviews} whose spec
 * a test writes, and the clusters and routes a proxy in {@code app} receives.
 */
final class DrPolicyFixture {
    static final String SERVICES = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: app}
            spec:
              clusterIP: 10.0.0.1
              ports: [{name: http, port: 80}, {name: grpc, port: 9080}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: app}
            spec:
              host: reviews
            """;
    static final Proxy CLIENT = Proxy.sidecar("app", Map.of("app", "client"));
    static final String HOST = "reviews.app.svc.cluster.local";
    static final String C80 = "outbound|80||" + HOST;

    /**
     * The EDS cluster istiod builds without any policy ({@code buildCluster}), for {@code name}: auto mTLS included,
     * since reviews is in the mesh ({@link #autoMtls}).
     */
    static String base(String name) {
        return plainBase(name).replaceFirst("\\{", "{" + autoMtls(name) + ", ");
    }

    /** The same cluster when the DestinationRule writes a TLS mode (user supplied: no auto mTLS matches). */
    static String plainBase(String name) {
        return plainBase(name, "\"config\": \"/apis/networking.istio.io/v1/namespaces/app/destination-rule/reviews\"");
    }

    /** The cluster of a rule writing SIMPLE or MUTUAL: {@code alpn_override: "false"} (AddALPNOverrideToMetadata). */
    static String userTlsBase(String name) {
        return plainBase(name, "\"alpn_override\": \"false\", "
                + "\"config\": \"/apis/networking.istio.io/v1/namespaces/app/destination-rule/reviews\"");
    }

    /**
     * The cluster without TLS, its {@code istio} metadata holding {@code services} (addTelemetryMetadata) and
     * {@code extra} fields (AddConfigInfoMetadata's {@code config}, AddSubsetToMetadata's {@code subset}; "" for none).
     */
    static String plainBase(String name, String extra) {
        // Resources are kept serialized deterministically, which orders a Struct's keys: "config" < "services".
        String services = """
                "services": [{"host": "%s", "name": "reviews", "namespace": "app"}]""".formatted(HOST);
        return "{\"metadata\": {\"filter_metadata\": {\"istio\": {"
                + (extra.isEmpty() ? services : extra + ", " + services) + "}}},"
                + plainCluster(name).substring(1);
    }

    private static String plainCluster(String name) {
        return """
                {"name": "%s", "type": "EDS", "eds_cluster_config": {"eds_config": {"ads": {},
                  "resource_api_version": "V3", "initial_fetch_timeout": "0s"}, "service_name": "%s"},
                 "connect_timeout": "10s", "lb_policy": "LEAST_REQUEST",
                 "circuit_breakers": {"thresholds": [{"max_connections": 4294967295, "max_pending_requests": 4294967295,
                   "max_requests": 4294967295, "max_retries": 4294967295, "track_remaining": true}]},
                 "common_lb_config": {}}
                """.formatted(name, name);
    }

    /** {@code "sds_config"} of the agent's SDS secret {@code name} (no initial fetch timeout, as for default/ROOTCA). */
    static String sds(String name) {
        return """
                {"name": "%s", "sds_config": {"api_config_source": {"api_type": "GRPC", "set_node_on_first_message_only":
                  true, "transport_api_version": "V3", "grpc_services": [{"envoy_grpc": {"cluster_name": "sds-grpc"}}]},
                  "initial_fetch_timeout": "0s", "resource_api_version": "V3"}}""".formatted(name);
    }

    /** The ISTIO_MUTUAL transport socket of {@code buildUpstreamClusterTLSContext} for cluster {@code name}. */
    static String istioMutualSocket(String name, String sans) {
        String[] parts = name.split("\\|");
        boolean h2 = parts[1].equals("9080"); // reviews' grpc port: an HTTP/2 cluster (isHttp2Cluster)
        return """
                {"name": "envoy.transport_sockets.tls", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                  "common_tls_context": {"tls_params": {"tls_minimum_protocol_version": "TLSv1_2",
                    "tls_maximum_protocol_version": "TLSv1_3"},
                    "tls_certificate_sds_secret_configs": [%s],
                    "combined_validation_context": {"default_validation_context": {%s},
                      "validation_context_sds_secret_config": %s},
                    "alpn_protocols": ["istio-peer-exchange", "istio"%s]},
                  "sni": "outbound_.%s_.%s_.%s"}}""".formatted(sds("default"), sans, sds("ROOTCA"),
                h2 ? ", \"h2\"" : "", parts[1], parts[2], parts[3]);
    }

    /**
     * {@code applyUpstreamTLSSettings} for auto-detected ISTIO_MUTUAL: the socket moves into a {@code tlsMode-istio}
     * match, and {@code tlsMode-disabled} sends everything else in plaintext ({@code defaultTransportSocketMatch}).
     */
    static String autoMtls(String name) {
        return """
                "transport_socket_matches": [{"name": "tlsMode-istio", "match": {"tlsMode": "istio"},
                  "transport_socket": %s},
                 {"name": "tlsMode-disabled", "match": {}, "transport_socket": {
                  "name": "envoy.transport_sockets.raw_buffer", "typed_config": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer"}}}]"""
                .formatted(istioMutualSocket(name, ""));
    }

    private DrPolicyFixture() {
    }

    /** A snapshot with {@code spec} (YAML lines of the DestinationRule's spec after {@code host}, indented 2). */
    static XdsSnapshot snapshot(String spec, String extra) {
        return XdsSnapshot.build(MeshIndex.build(XdsFixtures.yaml(SERVICES + spec + extra)));
    }

    static Cluster cluster(String spec, String name) {
        return cluster(snapshot(spec, ""), name, false);
    }

    static Cluster cluster(XdsSnapshot s, String name, boolean proxyless) {
        NamedResource r = s.resourcesFor(CLIENT, null, proxyless).find(XdsType.CLUSTER, name);
        assertThat(r).as(name).isNotNull();
        return (Cluster) r.resource();
    }

    /** The routes of reviews' port-80 virtual host. */
    static List<Route> routes(XdsSnapshot s) {
        RouteConfiguration rc = (RouteConfiguration) s.resourcesFor(CLIENT, null, false).find(XdsType.ROUTE, "80")
                .resource();
        return rc.getVirtualHostsList().stream().filter(v -> v.getName().equals(HOST + ":80")).findFirst()
                .map(VirtualHost::getRoutesList).orElseThrow();
    }

    /** Asserts the cluster equals {@code base} merged with {@code delta} (proto merge: repeated fields append). */
    static void assertCluster(Cluster actual, String base, String delta) {
        Cluster.Builder b = Cluster.newBuilder();
        merge(base, b);
        Cluster.Builder d = Cluster.newBuilder();
        merge(delta, d);
        b.mergeFrom(d.build());
        if (delta.contains("\"lb_policy\"")) {
            b.setLbPolicy(d.getLbPolicy()); // ROUND_ROBIN is the enum's default, which mergeFrom does not copy
        }
        assertThat(print(actual)).isEqualTo(print(b.build()));
    }

    static void assertJson(Message actual, Message.Builder expected, String json) {
        merge(json, expected);
        assertThat(print(actual)).isEqualTo(print(expected.build()));
    }

    static void merge(String json, Message.Builder b) {
        try {
            JsonFormat.parser().usingTypeRegistry(ConfigDumps.TYPES).merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String print(Message m) {
        try {
            return JsonFormat.printer().usingTypeRegistry(ConfigDumps.TYPES).preservingProtoFieldNames().print(m);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
