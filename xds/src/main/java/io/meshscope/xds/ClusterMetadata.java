package io.meshscope.xds;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.registry.MeshService;

/**
 * The {@code istio} filter metadata istiod puts on every outbound cluster, read by Istio's telemetry and by
 * {@code istioctl proxy-config}: {@code services} (the service's host, name and namespace; {@code addTelemetryMetadata}
 * and {@code buildServiceMetadata}), {@code config} (the DestinationRule's API path; {@code AddConfigInfoMetadata}),
 * {@code subset} ({@code AddSubsetToMetadata}) and {@code alpn_override: "false"} for SIMPLE and MUTUAL TLS
 * ({@code AddALPNOverrideToMetadata}), all in {@code pilot/pkg/networking/core/cluster*.go} and
 * {@code pilot/pkg/networking/util/util.go}. Plain Envoy metadata: any Envoy and gRPC client accepts it.
 */
final class ClusterMetadata {
    /** {@code util.IstioMetadataKey}. */
    static final String ISTIO = "istio";

    private ClusterMetadata() {
    }

    /** The metadata of an outbound cluster of {@code svc} ({@code subset} "" for the service's own cluster). */
    static Metadata outbound(MeshService svc, DestinationRule rule, String subset, String tlsMode) {
        Struct.Builder service = Struct.newBuilder()
                .putFields("host", string(svc.hostname()))
                // Attributes.Name: a Kubernetes Service's name; a ServiceEntry's host.
                .putFields("name", string(svc.isKubernetes() ? svc.source().name() : svc.hostname()))
                .putFields("namespace", string(svc.namespace()));
        Struct.Builder istio = Struct.newBuilder().putFields("services", Value.newBuilder().setListValue(
                ListValue.newBuilder().addValues(Value.newBuilder().setStructValue(service))).build());
        if (rule != null) {
            istio.putFields("config", string("/apis/networking.istio.io/v1/namespaces/" + rule.meta().namespace()
                    + "/destination-rule/" + rule.meta().name()));
            if (!subset.isEmpty()) {
                istio.putFields("subset", string(subset));
            }
        }
        if ("SIMPLE".equals(tlsMode) || "MUTUAL".equals(tlsMode)) {
            istio.putFields("alpn_override", string("false"));
        }
        return Metadata.newBuilder().putFilterMetadata(ISTIO, istio.build()).build();
    }

    private static Value string(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }
}
