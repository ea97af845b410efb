package io.meshscope.core.model;

import java.util.List;

/**
 * The MeshConfig settings the engine reads. {@link #defaults()} are Istio's ({@code pkg/config/mesh/mesh.go}).
 * {@code outboundMode} null means the mesh has no outbound policy (scopes then carry none either).
 * {@code localityLbSetting} is the mesh-wide locality setting (Istio's default {@code {enabled: true}}, null when
 * the mesh config removes it) and {@code zoneAwareLbSetting} the mesh-wide zone-aware one (null by default); a
 * DestinationRule's own setting wins over both ({@code GetEffectiveLbSetting}). {@code trustDomain} names the
 * mesh's SPIFFE identities ({@code cluster.local} by default) and {@code enableAutoMtls} (default true) turns auto
 * mTLS on outbound clusters on.
 */
public record MeshConfig(
        String rootNamespace,
        OutboundMode outboundMode,
        List<String> defaultServiceExportTo,
        List<String> defaultVirtualServiceExportTo,
        List<String> defaultDestinationRuleExportTo,
        String domainSuffix,
        int proxyListenPort,
        int proxyInboundListenPort,
        TrafficPolicy.LocalityLb localityLbSetting,
        TrafficPolicy.ZoneAware zoneAwareLbSetting,
        String trustDomain,
        boolean enableAutoMtls) {

    /** Istio's default {@code trustDomain}. */
    public static final String DEFAULT_TRUST_DOMAIN = "cluster.local";

    /** Istio's default mesh {@code localityLbSetting}: enabled, no distribute or failover. */
    public static final TrafficPolicy.LocalityLb DEFAULT_LOCALITY_LB =
            new TrafficPolicy.LocalityLb(true, List.of(), List.of(), List.of());

    public MeshConfig {
        trustDomain = trustDomain == null || trustDomain.isEmpty() ? DEFAULT_TRUST_DOMAIN : trustDomain;
        defaultServiceExportTo = List.copyOf(defaultServiceExportTo);
        defaultVirtualServiceExportTo = List.copyOf(defaultVirtualServiceExportTo);
        defaultDestinationRuleExportTo = List.copyOf(defaultDestinationRuleExportTo);
    }

    /** A mesh config with Istio's default trust domain and auto mTLS. */
    public MeshConfig(String rootNamespace, OutboundMode outboundMode, List<String> defaultServiceExportTo,
                      List<String> defaultVirtualServiceExportTo, List<String> defaultDestinationRuleExportTo,
                      String domainSuffix, int proxyListenPort, int proxyInboundListenPort,
                      TrafficPolicy.LocalityLb localityLbSetting, TrafficPolicy.ZoneAware zoneAwareLbSetting) {
        this(rootNamespace, outboundMode, defaultServiceExportTo, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, domainSuffix, proxyListenPort, proxyInboundListenPort,
                localityLbSetting, zoneAwareLbSetting, DEFAULT_TRUST_DOMAIN, true);
    }

    /** A mesh config with Istio's default locality settings. */
    public MeshConfig(String rootNamespace, OutboundMode outboundMode, List<String> defaultServiceExportTo,
                      List<String> defaultVirtualServiceExportTo, List<String> defaultDestinationRuleExportTo,
                      String domainSuffix, int proxyListenPort, int proxyInboundListenPort) {
        this(rootNamespace, outboundMode, defaultServiceExportTo, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, domainSuffix, proxyListenPort, proxyInboundListenPort,
                DEFAULT_LOCALITY_LB, null);
    }

    public static MeshConfig defaults() {
        return new MeshConfig("istio-system", OutboundMode.ALLOW_ANY, List.of("*"), List.of("*"), List.of("*"),
                "cluster.local", 15001, 15006);
    }

    public MeshConfig withRootNamespace(String ns) {
        return new MeshConfig(ns, outboundMode, defaultServiceExportTo, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, domainSuffix, proxyListenPort, proxyInboundListenPort,
                localityLbSetting, zoneAwareLbSetting, trustDomain, enableAutoMtls);
    }

    public MeshConfig withOutboundMode(OutboundMode mode) {
        return new MeshConfig(rootNamespace, mode, defaultServiceExportTo, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, domainSuffix, proxyListenPort, proxyInboundListenPort,
                localityLbSetting, zoneAwareLbSetting, trustDomain, enableAutoMtls);
    }

    /** This mesh config with other mesh-wide locality and zone-aware settings. */
    public MeshConfig withLocalityLb(TrafficPolicy.LocalityLb locality, TrafficPolicy.ZoneAware zoneAware) {
        return new MeshConfig(rootNamespace, outboundMode, defaultServiceExportTo, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, domainSuffix, proxyListenPort, proxyInboundListenPort,
                locality, zoneAware, trustDomain, enableAutoMtls);
    }

    /** This mesh config with another trust domain and auto-mTLS switch. */
    public MeshConfig withSecurity(String trustDomain, boolean enableAutoMtls) {
        return new MeshConfig(rootNamespace, outboundMode, defaultServiceExportTo, defaultVirtualServiceExportTo,
                defaultDestinationRuleExportTo, domainSuffix, proxyListenPort, proxyInboundListenPort,
                localityLbSetting, zoneAwareLbSetting, trustDomain, enableAutoMtls);
    }
}
