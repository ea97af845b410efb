package io.meshscope.core.model;

import java.util.List;

/**
 * The MeshConfig settings the engine reads. {@link #defaults()} are Istio's ({@code pkg/config/mesh/mesh.go}).
 * {@code outboundMode} null means the mesh has no outbound policy (scopes then carry none either).
 */
public record MeshConfig(
        String rootNamespace,
        OutboundMode outboundMode,
        List<String> defaultServiceExportTo,
        List<String> defaultVirtualServiceExportTo,
        List<String> defaultDestinationRuleExportTo,
        String domainSuffix,
        int proxyListenPort,
        int proxyInboundListenPort) {

    public MeshConfig {
        defaultServiceExportTo = List.copyOf(defaultServiceExportTo);
        defaultVirtualServiceExportTo = List.copyOf(defaultVirtualServiceExportTo);
        defaultDestinationRuleExportTo = List.copyOf(defaultDestinationRuleExportTo);
    }

    public static MeshConfig defaults() {
        return new MeshConfig("istio-system", OutboundMode.ALLOW_ANY, List.of("*"), List.of("*"), List.of("*"),
                "cluster.local", 15001, 15006);
    }

    public MeshConfig withRootNamespace(String ns) {
        return new MeshConfig(ns, outboundMode, defaultServiceExportTo, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, domainSuffix, proxyListenPort, proxyInboundListenPort);
    }

    public MeshConfig withOutboundMode(OutboundMode mode) {
        return new MeshConfig(rootNamespace, mode, defaultServiceExportTo, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, domainSuffix, proxyListenPort, proxyInboundListenPort);
    }
}
