package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.core.v3.UpstreamHttpProtocolOptions;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshscope.core.model.TrafficPolicy;
import java.util.List;

/**
 * A DestinationRule's client TLS as istiod's {@code buildUpstreamTLSSettings} and
 * {@code buildUpstreamClusterTLSContext} ({@code pilot/pkg/networking/core/cluster_tls.go}) build it for a sidecar
 * (a user-supplied mode, so one {@code transport_socket}; auto mTLS, when no mode is written, is {@link AutoMtls}):
 * DISABLE sends none;
 * ISTIO_MUTUAL the workload certificate and root over SDS ({@code default}, {@code ROOTCA}), SNI
 * {@code outbound_.port_.subset_.host}, Istio's ALPN; SIMPLE/MUTUAL the files over SDS ({@code file-cert:},
 * {@code file-root:}, {@code system} roots by default) or {@code credentialName} over ADS, with auto SNI and SAN
 * validation when none are written.
 */
final class UpstreamTls {
    static final String TLS_SOCKET = "envoy.transport_sockets.tls";
    private static final String SDS_CLUSTER = "sds-grpc";
    private static final List<String> ALPN_IN_MESH = List.of("istio-peer-exchange", "istio");
    private static final List<String> ALPN_IN_MESH_H2 = List.of("istio-peer-exchange", "istio", "h2");

    private UpstreamTls() {
    }

    /** Sets the cluster's transport socket for {@code tls} (and auto SNI/SAN options on {@code http}). */
    static void apply(Cluster.Builder c, HttpProtocolOptions.Builder http, TrafficPolicy.ClientTls tls,
                      ClusterPolicies.Target t) {
        UpstreamTlsContext ctx = context(c.getName(), http, tls, t);
        if (ctx != null) {
            c.setTransportSocket(socket(ctx));
        }
    }

    private static UpstreamTlsContext context(String clusterName, HttpProtocolOptions.Builder http,
                                              TrafficPolicy.ClientTls tls, ClusterPolicies.Target t) {
        boolean credential = !tls.credentialName().isEmpty() && !tls.credentialName().startsWith("configmap://");
        boolean simpleOrMutual = tls.mode().equals("SIMPLE") || tls.mode().equals("MUTUAL");
        if (credential && simpleOrMutual && !t.drWithSelector()) {
            // istiod sends sidecars no TLS at all here, so secrets are not pushed to every proxy of the scope.
            return null;
        }
        boolean h2 = http.getExplicitHttpConfig().hasHttp2ProtocolOptions();
        return switch (tls.mode()) {
            case "ISTIO_MUTUAL" -> istioMutual(tls, t, h2);
            case "SIMPLE" -> userTls(http, tls, false, h2);
            case "MUTUAL" -> userTls(http, tls, true, h2);
            default -> null; // DISABLE
        };
    }

    private static UpstreamTlsContext istioMutual(TrafficPolicy.ClientTls tls, ClusterPolicies.Target t, boolean h2) {
        // buildUpstreamTLSSettings: the written SNI, else istiod's outbound_.port_.subset_.host; the written SANs,
        // else (only when the field is absent, not when it is an empty list) the service's accounts.
        String sni = tls.sni().isEmpty() ? t.istioSni() : tls.sni();
        List<String> sans = tls.subjectAltNames() == null ? t.serviceAccounts() : tls.subjectAltNames();
        return istioMutual(sni, sans, h2);
    }

    /** The ISTIO_MUTUAL context: workload certificate and root over SDS, Istio's in-mesh ALPN, SAN checks. */
    static UpstreamTlsContext istioMutual(String sni, List<String> sans, boolean h2) {
        CommonTlsContext.Builder common = defaultCommon()
                .addTlsCertificateSdsSecretConfigs(sds("default", SDS_CLUSTER, true))
                .setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                        .setDefaultValidationContext(sanMatch(sans))
                        .setValidationContextSdsSecretConfig(sds("ROOTCA", SDS_CLUSTER, true)))
                .addAllAlpnProtocols(h2 ? ALPN_IN_MESH_H2 : ALPN_IN_MESH);
        return UpstreamTlsContext.newBuilder().setCommonTlsContext(common).setSni(sni).build();
    }

    /** The TLS transport socket carrying {@code ctx}. */
    static TransportSocket socket(UpstreamTlsContext ctx) {
        return TransportSocket.newBuilder().setName(TLS_SOCKET).setTypedConfig(Protos.any(ctx)).build();
    }

    /** {@code constructUpstreamTLS}. */
    private static UpstreamTlsContext userTls(HttpProtocolOptions.Builder http, TrafficPolicy.ClientTls tls,
                                              boolean mutual, boolean h2) {
        CommonTlsContext.Builder common = defaultCommon();
        autoSniAndSan(http, tls);
        boolean insecure = Boolean.TRUE.equals(tls.insecureSkipVerify());
        List<String> sans = tls.subjectAltNames() == null ? List.of() : tls.subjectAltNames();
        if (!tls.credentialName().isEmpty()) {
            // ApplyCustomSDSToClientCommonTLSContext: the credential and its "-cacert" over ADS.
            if (mutual) {
                common.addTlsCertificateSdsSecretConfigs(credential(tls.credentialName()));
            }
            if (!insecure) {
                common.setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                        .setDefaultValidationContext(sanMatch(sans))
                        .setValidationContextSdsSecretConfig(credential(tls.credentialName() + "-cacert")));
            }
        } else {
            String ca = tls.caCertificates().isEmpty() ? "system" : tls.caCertificates();
            if (mutual) {
                if (tls.clientCertificate().isEmpty() || tls.privateKey().isEmpty()) {
                    return null; // istiod fails to build the context (validation reports it): no TLS
                }
                common.addTlsCertificateSdsSecretConfigs(sds("file-cert:" + tls.clientCertificate() + "~"
                        + tls.privateKey(), SDS_CLUSTER, false));
            }
            if (insecure) {
                common.setValidationContext(CertificateValidationContext.getDefaultInstance());
            } else {
                CertificateValidationContext.Builder v = sanMatch(sans).toBuilder();
                if (!tls.caCrl().isEmpty()) {
                    v.setCrl(DataSource.newBuilder().setFilename(tls.caCrl()));
                }
                common.setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                        .setDefaultValidationContext(v)
                        .setValidationContextSdsSecretConfig(sds("file-root:" + ca, SDS_CLUSTER, false)));
            }
        }
        if (h2) {
            common.addAlpnProtocols("h2");
        }
        return UpstreamTlsContext.newBuilder().setCommonTlsContext(common).setSni(tls.sni()).build();
    }

    /** {@code setAutoSniAndAutoSanValidation} for a non-DFP cluster. */
    private static void autoSniAndSan(HttpProtocolOptions.Builder http, TrafficPolicy.ClientTls tls) {
        boolean autoSni = tls.sni().isEmpty();
        boolean autoSan = autoSni && (tls.subjectAltNames() == null || tls.subjectAltNames().isEmpty())
                && !Boolean.TRUE.equals(tls.insecureSkipVerify());
        if (autoSni || autoSan) {
            UpstreamHttpProtocolOptions.Builder u = http.getUpstreamHttpProtocolOptionsBuilder();
            if (autoSni) {
                u.setAutoSni(true);
            }
            if (autoSan) {
                u.setAutoSanValidation(true);
            }
        }
    }

    private static CommonTlsContext.Builder defaultCommon() {
        return CommonTlsContext.newBuilder().setTlsParams(TlsParameters.newBuilder()
                .setTlsMaximumProtocolVersion(TlsParameters.TlsProtocol.TLSv1_3)
                .setTlsMinimumProtocolVersion(TlsParameters.TlsProtocol.TLSv1_2));
    }

    private static CertificateValidationContext sanMatch(List<String> sans) {
        CertificateValidationContext.Builder v = CertificateValidationContext.newBuilder();
        for (String san : sans) {
            v.addMatchSubjectAltNames(StringMatcher.newBuilder().setExact(san));
        }
        return v.build();
    }

    /** {@code ConstructSdsSecretConfig}: the agent's SDS cluster; {@code default}/{@code ROOTCA} fetch without waiting. */
    static SdsSecretConfig sds(String name, String cluster, boolean noInitialFetchTimeout) {
        ConfigSource.Builder source = ConfigSource.newBuilder().setApiConfigSource(ApiConfigSource.newBuilder()
                .setApiType(ApiConfigSource.ApiType.GRPC).setSetNodeOnFirstMessageOnly(true)
                .setTransportApiVersion(ApiVersion.V3)
                .addGrpcServices(GrpcService.newBuilder().setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder()
                        .setClusterName(cluster))))
                .setResourceApiVersion(ApiVersion.V3);
        if (noInitialFetchTimeout) {
            source.setInitialFetchTimeout(Protos.ZERO);
        }
        return SdsSecretConfig.newBuilder().setName(name).setSdsConfig(source).build();
    }

    /** {@code ConstructSdsSecretConfigForCredential}: {@code kubernetes://name} over ADS. */
    private static SdsSecretConfig credential(String name) {
        String resource = name.startsWith("kubernetes://") || name.startsWith("kubernetes-gateway://")
                || name.startsWith("configmap://") ? name : "kubernetes://" + name;
        if (name.startsWith("builtin://")) {
            return sds("default", SDS_CLUSTER, true);
        }
        return SdsSecretConfig.newBuilder().setName(resource).setSdsConfig(ConfigSource.newBuilder()
                .setAds(io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource.getDefaultInstance())
                .setResourceApiVersion(ApiVersion.V3)).build();
    }
}
