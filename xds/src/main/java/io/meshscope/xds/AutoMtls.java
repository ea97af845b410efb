package io.meshscope.xds;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.ServicePort;

/**
 * istiod's auto mTLS on an outbound cluster whose DestinationRule writes no TLS mode ({@code buildUpstreamTLSSettings}
 * with {@code autoDetected}, then {@code applyUpstreamTLSSettings}, {@code pilot/pkg/networking/core/cluster_tls.go}).
 * When auto mTLS is on (meshConfig {@code enableAutoMtls}, default true), the service is in the mesh, and its mTLS
 * mode is not DISABLE ({@code BestEffortInferServiceMTLSMode}), the cluster gets two {@code transport_socket_matches}:
 * {@code tlsMode-istio}, ISTIO_MUTUAL for endpoints whose metadata says {@code tlsMode: istio} (see
 * {@link EndpointBuilder}), and {@code tlsMode-disabled}, plaintext for every other endpoint. An ORIGINAL_DST cluster
 * (headless or PASSTHROUGH) has no endpoints to match, so it gets the ISTIO_MUTUAL socket itself, and only when every
 * endpoint of the port has a sidecar.
 */
final class AutoMtls {
    /** {@code xdsfilters.RawBufferTransportSocket}. */
    static final TransportSocket RAW_BUFFER = TransportSocket.newBuilder()
            .setName("envoy.transport_sockets.raw_buffer").setTypedConfig(Protos.any(RawBuffer.getDefaultInstance()))
            .build();
    private static final Struct ISTIO_MATCH = Struct.newBuilder().putFields(EndpointBuilder.TLS_MODE_KEY,
            Value.newBuilder().setStringValue(EndpointIdentity.ISTIO).build()).build();

    private final boolean enabled;
    private final EndpointBuilder endpoints;
    private final PeerMtls peer;

    AutoMtls(boolean enabled, EndpointBuilder endpoints, PeerMtls peer) {
        this.enabled = enabled;
        this.endpoints = endpoints;
        this.peer = peer;
    }

    /** Applies auto mTLS to {@code c} (a cluster of {@code svc}'s {@code port}) when istiod would. */
    void apply(Cluster.Builder c, MeshService svc, ServicePort port, ClusterPolicies.Target t, String simpleLb,
               boolean h2) {
        if (!enabled || svc.meshExternal() || serviceModeDisabled(svc, port, simpleLb)) {
            return;
        }
        TransportSocket mtls = UpstreamTls.socket(UpstreamTls.istioMutual(t.istioSni(), t.serviceAccounts(), h2));
        if (c.getType() == Cluster.DiscoveryType.ORIGINAL_DST) {
            c.setTransportSocket(mtls);
            return;
        }
        c.addTransportSocketMatches(Cluster.TransportSocketMatch.newBuilder().setName("tlsMode-istio")
                        .setMatch(ISTIO_MATCH).setTransportSocket(mtls))
                .addTransportSocketMatches(Cluster.TransportSocketMatch.newBuilder().setName("tlsMode-disabled")
                        .setMatch(Struct.getDefaultInstance()).setTransportSocket(RAW_BUFFER));
    }

    /**
     * {@code BestEffortInferServiceMTLSMode} is DISABLE: for passthrough (a headless service or a PASSTHROUGH load
     * balancer) when the port has no endpoint or one without a sidecar; otherwise when the service namespace's
     * PeerAuthentication (or the mesh's) says DISABLE. Anything else is PERMISSIVE or STRICT: mTLS.
     */
    private boolean serviceModeDisabled(MeshService svc, ServicePort port, String simpleLb) {
        if (svc.resolution() == MeshService.Resolution.PASSTHROUGH || "PASSTHROUGH".equals(simpleLb)) {
            var eps = endpoints.endpoints(svc, port);
            if (eps.isEmpty() || eps.stream().anyMatch(ep -> !ep.mtlsCapable())) {
                return true;
            }
        }
        return peer.namespaceDisabled(svc.namespace());
    }

    /** istiod's {@code isHttp2Cluster}: the cluster's HTTP options are explicitly HTTP/2. */
    static boolean isHttp2(Cluster.Builder c) {
        var any = c.getTypedExtensionProtocolOptionsMap().get(Protos.HTTP_PROTOCOL_OPTIONS_KEY);
        if (any == null) {
            return false;
        }
        try {
            return any.unpack(HttpProtocolOptions.class).getExplicitHttpConfig().hasHttp2ProtocolOptions();
        } catch (InvalidProtocolBufferException e) {
            return false; // not ours to fail on: only the ALPN list depends on it
        }
    }
}
