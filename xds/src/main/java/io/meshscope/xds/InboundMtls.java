package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import io.meshscope.core.registry.Protocols;
import com.google.protobuf.BoolValue;
import java.util.List;

/**
 * How a sidecar's inbound port is matched and terminated for its effective PeerAuthentication mode, as istiod's
 * {@code getFilterChainMatchOptions} (pilot/pkg/networking/core/filterchain_options.go) and
 * {@code authn_utils.BuildInboundTLS} (pilot/pkg/security/authn/utils/utils.go) with default features
 * (metadata exchange on, HTTP/1.0 off) and mesh config (the mesh's trust domain without aliases,
 * {@code meshMTLS} unset: TLS 1.2 to 1.3 and istiod's cipher list).
 *
 * <ul>
 * <li>STRICT: TLS chains only ({@code transport_protocol: tls}), which terminate mTLS;</li>
 * <li>PERMISSIVE: the mTLS chains (matched on Istio's ALPNs) and the plaintext ones (and, for TCP, one-way TLS
 *     passed through as TCP);</li>
 * <li>DISABLE: plaintext chains only ({@code raw_buffer}).</li>
 * </ul>
 */
final class InboundMtls {
    /** The filters a chain gets: an HTTP connection manager or a TCP proxy ({@code ListenerProtocol}). */
    enum ChainProtocol { HTTP, TCP }

    /** One {@code FilterChainMatchOptions}: the match, the filters, and whether the chain terminates mTLS. */
    record Option(List<String> alpns, String transport, ChainProtocol protocol, boolean tls) {
    }

    static final String TLS = "tls";
    static final String RAW_BUFFER = "raw_buffer";
    /** {@code plaintextHTTPALPNs} (features.HTTP10 off). */
    static final List<String> PLAINTEXT_HTTP_ALPNS = List.of("http/1.1", "h2c");
    /** {@code mtlsHTTPALPNs}. */
    private static final List<String> MTLS_HTTP_ALPNS = List.of("istio-http/1.0", "istio-http/1.1", "istio-h2");
    /** {@code allIstioMtlsALPNs}. */
    private static final List<String> ALL_ISTIO_MTLS_ALPNS = List.of("istio", "istio-peer-exchange", "istio-http/1.0",
            "istio-http/1.1", "istio-h2");
    /** {@code mtlsTCPWithMxcALPNs}. */
    private static final List<String> MTLS_TCP_WITH_MXC_ALPNS = List.of("istio-peer-exchange", "istio");
    /** {@code util.ALPNHttp}: what the server negotiates on HTTP chains. */
    private static final List<String> ALPN_HTTP = List.of("h2", "http/1.1");
    /** {@code util.ALPNDownstreamWithMxc}: what the server negotiates on TCP chains. */
    private static final List<String> ALPN_DOWNSTREAM_WITH_MXC = List.of("istio-peer-exchange", "h2", "http/1.1");
    /** {@code authn_utils.SupportedCiphers}. */
    private static final List<String> SUPPORTED_CIPHERS = List.of("ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            "AES256-GCM-SHA384", "AES128-GCM-SHA256");
    /** {@code TrustDomainsForValidation} of the default mesh config, as {@code AppendURIPrefixToTrustDomain} writes it. */
    private static final String DEFAULT_TRUST_DOMAIN = io.meshscope.core.model.MeshConfig.DEFAULT_TRUST_DOMAIN;
    private static final String SDS_CLUSTER = "sds-grpc";

    private static final List<Option> STRICT_AUTO = List.of(
            new Option(MTLS_HTTP_ALPNS, TLS, ChainProtocol.HTTP, true),
            new Option(List.of(), TLS, ChainProtocol.TCP, true));
    private static final List<Option> STRICT_HTTP = List.of(new Option(List.of(), TLS, ChainProtocol.HTTP, true));
    private static final List<Option> STRICT_TCP = List.of(new Option(List.of(), TLS, ChainProtocol.TCP, true));
    private static final List<Option> PERMISSIVE_AUTO = List.of(
            new Option(MTLS_HTTP_ALPNS, TLS, ChainProtocol.HTTP, true),
            new Option(PLAINTEXT_HTTP_ALPNS, RAW_BUFFER, ChainProtocol.HTTP, false),
            new Option(MTLS_TCP_WITH_MXC_ALPNS, TLS, ChainProtocol.TCP, true),
            new Option(List.of(), RAW_BUFFER, ChainProtocol.TCP, false),
            new Option(List.of(), TLS, ChainProtocol.TCP, false));
    private static final List<Option> PERMISSIVE_HTTP = List.of(
            new Option(ALL_ISTIO_MTLS_ALPNS, TLS, ChainProtocol.HTTP, true),
            new Option(List.of(), RAW_BUFFER, ChainProtocol.HTTP, false));
    private static final List<Option> PERMISSIVE_TCP = List.of(
            new Option(ALL_ISTIO_MTLS_ALPNS, TLS, ChainProtocol.TCP, true),
            new Option(List.of(), TLS, ChainProtocol.TCP, false),
            new Option(List.of(), RAW_BUFFER, ChainProtocol.TCP, false));
    private static final List<Option> PLAINTEXT_AUTO = List.of(
            new Option(PLAINTEXT_HTTP_ALPNS, RAW_BUFFER, ChainProtocol.HTTP, false),
            new Option(List.of(), RAW_BUFFER, ChainProtocol.TCP, false));
    private static final List<Option> PLAINTEXT_HTTP = List.of(new Option(List.of(), RAW_BUFFER, ChainProtocol.HTTP, false));
    private static final List<Option> PLAINTEXT_TCP = List.of(new Option(List.of(), RAW_BUFFER, ChainProtocol.TCP, false));

    /** The terminating sockets of one trust domain, for HTTP and TCP chains: built once, shared by every chain. */
    record Sockets(TransportSocket http, TransportSocket tcp) {
    }

    /** The default trust domain's sockets, shared by nearly every mesh. */
    private static final Sockets DEFAULT_SOCKETS = build(DEFAULT_TRUST_DOMAIN);

    /** The sockets for {@code trustDomain}. */
    static Sockets sockets(String trustDomain) {
        return trustDomain.equals(DEFAULT_TRUST_DOMAIN) ? DEFAULT_SOCKETS : build(trustDomain);
    }

    private static Sockets build(String trustDomain) {
        return new Sockets(socket(context(ChainProtocol.HTTP, trustDomain)),
                socket(context(ChainProtocol.TCP, trustDomain)));
    }

    private InboundMtls() {
    }

    /**
     * {@code getFilterChainMatchOptions} for a port's protocol ({@code UNSUPPORTED} is sniffed: "auto") and mode
     * (UNSET never reaches here; treated as DISABLE like istiod's default branch).
     */
    static List<Option> options(MtlsMode mode, String protocol) {
        boolean auto = "UNSUPPORTED".equals(protocol);
        boolean http = !auto && Protocols.isHttp(protocol);
        return switch (mode) {
            case STRICT -> auto ? STRICT_AUTO : http ? STRICT_HTTP : STRICT_TCP;
            case PERMISSIVE -> auto ? PERMISSIVE_AUTO : http ? PERMISSIVE_HTTP : PERMISSIVE_TCP;
            default -> auto ? PLAINTEXT_AUTO : http ? PLAINTEXT_HTTP : PLAINTEXT_TCP;
        };
    }

    /** {@code buildDownstreamTLSTransportSocket(opt.ToTransportSocket(mtls))}: null for a chain that does not terminate. */
    static TransportSocket transportSocket(Option o, Sockets sockets) {
        if (!o.tls()) {
            return null;
        }
        return o.protocol() == ChainProtocol.HTTP ? sockets.http() : sockets.tcp();
    }

    /**
     * {@code BuildInboundTLS} + {@code ApplyToCommonTLSContext}: the workload certificate ({@code default}) and the
     * mesh root ({@code ROOTCA}) over SDS, client certificates required and validated against the trust domain
     * ({@code spiffe://<trust domain>/} as a SAN prefix).
     */
    static DownstreamTlsContext context(ChainProtocol protocol, String trustDomain) {
        CommonTlsContext common = CommonTlsContext.newBuilder()
                .setTlsParams(TlsParameters.newBuilder()
                        .setTlsMinimumProtocolVersion(TlsParameters.TlsProtocol.TLSv1_2)
                        .setTlsMaximumProtocolVersion(TlsParameters.TlsProtocol.TLSv1_3)
                        .addAllCipherSuites(SUPPORTED_CIPHERS))
                .addAllAlpnProtocols(protocol == ChainProtocol.TCP ? ALPN_DOWNSTREAM_WITH_MXC : ALPN_HTTP)
                .addTlsCertificateSdsSecretConfigs(UpstreamTls.sds("default", SDS_CLUSTER, true))
                .setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                        .setDefaultValidationContext(CertificateValidationContext.newBuilder()
                                .addMatchSubjectAltNames(StringMatcher.newBuilder().setPrefix("spiffe://" + trustDomain + "/")))
                        .setValidationContextSdsSecretConfig(UpstreamTls.sds("ROOTCA", SDS_CLUSTER, true)))
                .build();
        return DownstreamTlsContext.newBuilder().setCommonTlsContext(common)
                .setRequireClientCertificate(BoolValue.of(true)).build();
    }

    private static TransportSocket socket(DownstreamTlsContext ctx) {
        return TransportSocket.newBuilder().setName(UpstreamTls.TLS_SOCKET).setTypedConfig(Protos.any(ctx)).build();
    }
}
