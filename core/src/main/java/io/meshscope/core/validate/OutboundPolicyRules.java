package io.meshscope.core.validate;

import io.meshscope.core.model.EgressProxy;
import io.meshscope.core.model.OutboundMode;
import io.meshscope.core.model.OutboundTrafficPolicy;

/**
 * Sidecar {@code spec.outboundTrafficPolicy}, rules 50-54 ({@code validateSidecarOutboundTrafficPolicy}).
 * A policy written without {@code mode} is the proto zero, REGISTRY_ONLY, so an egressProxy then is an error.
 */
final class OutboundPolicyRules {
    private static final String PATH = "spec.outboundTrafficPolicy";
    private static final String PROXY = PATH + ".egressProxy";

    private OutboundPolicyRules() {
    }

    static void validate(OutboundTrafficPolicy policy, Findings f) {
        if (policy == null) {
            return;
        }
        if (policy.mode() == OutboundMode.ALLOW_ANY_DYNAMIC_DNS) {
            f.error(PATH + ".mode", "sidecar: ALLOW_ANY_DYNAMIC_DNS mode is only supported in MeshConfig, not in"
                    + " Sidecar resource");
            return;
        }
        EgressProxy proxy = policy.egressProxy();
        if (proxy == null) {
            return;
        }
        if (policy.effectiveMode() != OutboundMode.ALLOW_ANY) {
            f.error(PROXY, "sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode");
            return;
        }
        String host = proxy.host() == null ? "" : proxy.host();
        f.error(PROXY + ".host", HostnameRules.validateFqdn(host));
        if (proxy.port() == null) {
            f.error(PROXY + ".port", "sidecar: egress_proxy port must be non-nil");
            return;
        }
        // validateDestination re-checks the host (as a wildcard domain), so a bad host can be reported twice.
        RouteDestinationRules.validate(host, proxy.subset(), proxy.port(), PROXY, f);
    }
}
