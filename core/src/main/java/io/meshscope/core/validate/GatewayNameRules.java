package io.meshscope.core.validate;

import java.util.List;

/**
 * Istio's {@code validateGatewayNames} for VirtualService {@code gateways}: {@code ns/name} labels, or the legacy
 * FQDN form (which, as in Istio, ends the check of the remaining names).
 */
final class GatewayNameRules {
    private GatewayNameRules() {
    }

    static void validate(List<String> gateways, String path, Findings f) {
        for (int i = 0; i < gateways.size(); i++) {
            String name = gateways.get(i);
            String field = path + "[" + i + "]";
            int slash = name.indexOf('/');
            if (slash < 0) {
                if (name.contains(".")) {
                    String[] parts = name.split("\\.", -1);
                    f.warning(field, "using legacy gatewayName format " + GoText.quote(name)
                            + "; prefer the <namespace>/<name> format: " + GoText.quote(parts[1] + "/" + parts[0]));
                }
                f.error(field, HostnameRules.validateFqdn(name));
                return; // Istio returns here: later gateway names go unchecked ("mesh" first hides the rest)
            }
            String ns = name.substring(0, slash);
            String gw = name.substring(slash + 1);
            if (ns.isEmpty() || gw.isEmpty()) {
                f.error(field, "config namespace and gateway name cannot be empty");
            }
            if (!HostnameRules.isDns1123Label(ns)) {
                f.error(field, "invalid value for namespace: " + GoText.quote(ns));
            }
            if (!HostnameRules.isDns1123Label(gw)) {
                f.error(field, "invalid value for gateway name: " + GoText.quote(gw));
            }
        }
    }
}
