package io.meshscope.xds;

import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateProviderPluginInstance;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshscope.core.model.TrafficPolicy;
import java.util.List;

/**
 * The part of a DestinationRule policy istiod's gRPC generator applies to a proxyless client's cluster
 * ({@code grpcgen/cds.go applyTrafficPolicy}): {@code applyLoadBalancing} (a consistent hash becomes RING_HASH or
 * MAGLEV via {@code ApplyRingHashLoadBalancer}; LEAST_REQUEST; ROUND_ROBIN is gRPC's default and sets nothing) and
 * {@code applyCircuitBreakers} (only {@code http2MaxRequests}, gRFC A32) and {@code applyTLS}: ISTIO_MUTUAL
 * only, as certificate-provider instances the client's bootstrap defines ({@code default}, certificate
 * {@code default} and {@code ROOTCA}; {@code buildCommonTLSContext}, both the current and the deprecated fields),
 * checking the service's SPIFFE identities. No auto mTLS: istiod leaves proxyless mTLS off unless a rule asks for it.
 * Everything else — connection pool limits, outlier detection, SIMPLE/MUTUAL TLS, proxy protocol — istiod does not
 * send either.
 */
final class ProxylessPolicies {
    private ProxylessPolicies() {
    }

    static void apply(Cluster.Builder c, TrafficPolicy policy, List<String> serviceAccounts) {
        if (policy == null) {
            return;
        }
        if (policy.tls() != null && policy.tls().mode().equals("ISTIO_MUTUAL")) {
            c.setTransportSocket(UpstreamTls.socket(UpstreamTlsContext.newBuilder()
                    .setCommonTlsContext(certificateProviders(serviceAccounts)).build()));
        }
        TrafficPolicy.LoadBalancer lb = policy.loadBalancer();
        if (lb != null) {
            if (lb.consistentHash() != null) {
                ClusterPolicies.ringHash(c, lb.consistentHash());
            } else if (lb.simple().equals("LEAST_REQUEST")) {
                c.setLbPolicy(Cluster.LbPolicy.LEAST_REQUEST);
            }
        }
        if (policy.connectionPool() != null && policy.connectionPool().http() != null) {
            Object v = policy.connectionPool().http().get("http2MaxRequests");
            if (v == null) {
                v = policy.connectionPool().http().get("http2_max_requests");
            }
            long max = v instanceof Number n ? n.longValue() : 0;
            if (max > 0) {
                c.setCircuitBreakers(CircuitBreakers.newBuilder().addThresholds(CircuitBreakers.Thresholds.newBuilder()
                        .setMaxRequests(Protos.u32((int) max))));
            }
        }
    }

    /** {@code grpcgen.buildCommonTLSContext}: the client's {@code default} provider for its certificate and roots. */
    @SuppressWarnings("deprecation") // istiod sends the deprecated fields too, for older gRPC clients
    static CommonTlsContext certificateProviders(List<String> sans) {
        CertificateValidationContext.Builder validation = CertificateValidationContext.newBuilder()
                .setCaCertificateProviderInstance(CertificateProviderPluginInstance.newBuilder()
                        .setInstanceName("default").setCertificateName("ROOTCA"));
        for (String san : sans) {
            validation.addMatchSubjectAltNames(StringMatcher.newBuilder().setExact(san));
        }
        return CommonTlsContext.newBuilder()
                .setTlsCertificateProviderInstance(CertificateProviderPluginInstance.newBuilder()
                        .setInstanceName("default").setCertificateName("default"))
                .setTlsCertificateCertificateProviderInstance(CommonTlsContext.CertificateProviderInstance.newBuilder()
                        .setInstanceName("default").setCertificateName("default"))
                .setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                        .setValidationContextCertificateProviderInstance(
                                CommonTlsContext.CertificateProviderInstance.newBuilder()
                                        .setInstanceName("default").setCertificateName("ROOTCA"))
                        .setDefaultValidationContext(validation))
                .build();
    }
}
