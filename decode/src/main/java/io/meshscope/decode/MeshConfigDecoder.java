package io.meshscope.decode;

import io.meshscope.core.model.MeshConfig;
import io.meshscope.core.model.OutboundMode;

import java.util.List;

/**
 * Applies a MeshConfig document over a base, as istiod applies the mesh ConfigMap over its defaults: each
 * top-level field written replaces the default whole (so {@code outboundTrafficPolicy: {}} is the proto zero,
 * REGISTRY_ONLY), and a field written as null keeps the default.
 */
final class MeshConfigDecoder {
    private MeshConfigDecoder() {
    }

    static MeshConfig apply(NodeReader mesh, MeshConfig base) {
        if (!mesh.isMapping()) {
            return base;
        }
        String root = mesh.get("rootNamespace").string();
        OutboundMode mode = base.outboundMode();
        NodeReader otp = mesh.get("outboundTrafficPolicy");
        if (otp.isMapping()) {
            NodeReader modeField = otp.get("mode");
            OutboundMode written = SidecarParts.outboundMode(modeField);
            if (!modeField.isPresent()) {
                mode = OutboundMode.REGISTRY_ONLY;
            } else if (written != null) {
                mode = written;
            }
        }
        // Not a MeshConfig field (Istio takes it from a flag); accepted so one file can describe the cluster.
        String domainSuffix = mesh.get("domainSuffix").string();
        // Written whole, each replaces the default (`localityLbSetting: {}` is enabled: unset means on).
        NodeReader locality = mesh.get("localityLbSetting");
        NodeReader zoneAware = mesh.get("zoneAwareLbSetting");
        String trustDomain = mesh.get("trustDomain").string();
        Boolean autoMtls = mesh.get("enableAutoMtls").bool();
        return new MeshConfig(
                root == null || root.isEmpty() ? base.rootNamespace() : root,
                mode,
                exportTo(mesh.get("defaultServiceExportTo"), base.defaultServiceExportTo()),
                exportTo(mesh.get("defaultVirtualServiceExportTo"), base.defaultVirtualServiceExportTo()),
                exportTo(mesh.get("defaultDestinationRuleExportTo"), base.defaultDestinationRuleExportTo()),
                domainSuffix == null || domainSuffix.isEmpty() ? base.domainSuffix() : domainSuffix,
                port(mesh.get("proxyListenPort"), base.proxyListenPort()),
                port(mesh.get("proxyInboundListenPort"), base.proxyInboundListenPort()),
                locality.isMapping() ? TrafficPolicyDecoder.locality(locality) : base.localityLbSetting(),
                zoneAware.isMapping() ? TrafficPolicyDecoder.zoneAware(zoneAware) : base.zoneAwareLbSetting(),
                trustDomain == null || trustDomain.isEmpty() ? base.trustDomain() : trustDomain,
                autoMtls == null ? base.enableAutoMtls() : autoMtls);
    }

    private static List<String> exportTo(NodeReader field, List<String> base) {
        return field.isPresent() ? ServiceDecoder.nonNull(field.strings()) : base;
    }

    private static int port(NodeReader field, int base) {
        Long port = field.integer(0, 65535);
        return port == null ? base : port.intValue();
    }
}
