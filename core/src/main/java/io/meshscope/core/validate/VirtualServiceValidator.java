package io.meshscope.core.validate;

import io.meshscope.core.model.VirtualService;
import io.meshscope.core.registry.Hostnames;
import java.util.List;

// Istio's ValidateVirtualService (pkg/config/validation/validation.go, virtualservice.go): delegate rules, gateway
// names, JWT claim routing only on gateways, hosts (no * when bound to the mesh, no overlaps), routes present, HTTP
// routes (validateHTTPRoute: conflicts, matches, actions, destinations), TLS routes (validateTLSRoute: SNI hosts,
// subnets, ports, labels, gateways, destinations), TCP routes (validateTCPRoute) and exportTo, with Istio's texts and
// order; plus meshscope's "not generated" warnings. The unreachable-rule warnings are analyzers' business (IST0130,
// IST0131 in istioctl) and not repeated here.
/**
 * Istio's {@code ValidateVirtualService} with Istio's texts and order (unreachable-rule warnings aside), plus a
 * warning for each field meshscope decodes but does not generate.
 */
public final class VirtualServiceValidator {
    private static final String MESH = "mesh";

    private VirtualServiceValidator() {
    }

    /** Validates one VirtualService. */
    public static ValidationResult validate(VirtualService vs) {
        Findings f = new Findings();
        if (vs.hosts().isEmpty()) {
            // No hosts: a delegate VirtualService, only reachable from a root VS's http delegate.
            if (!vs.gateways().isEmpty()) {
                f.error("spec.gateways", "delegate virtual service must have no gateways specified");
            }
            if (!vs.tls().isEmpty()) {
                f.error("spec.tls", "delegate virtual service must have no tls route specified");
            }
            if (!vs.tcp().isEmpty()) {
                f.error("spec.tcp", "delegate virtual service must have no tcp route specified");
            }
        }
        boolean appliesToGateway = false;
        if (!vs.gateways().isEmpty()) {
            GatewayNameRules.validate(vs.gateways(), "spec.gateways", f);
            appliesToGateway = isGateway(vs);
        }
        boolean appliesToMesh = !appliesToGateway;
        if (!appliesToGateway) {
            jwtClaimRoutes(vs, f);
        }
        hosts(vs, appliesToMesh, appliesToGateway, f);
        if (vs.http().isEmpty() && vs.tcp().isEmpty() && vs.tls().isEmpty()) {
            f.error("spec", "http, tcp or tls must be provided in virtual service");
        }
        routes(vs.http(), "spec.http", vs.hosts().isEmpty(), f);
        for (int i = 0; i < vs.tls().size(); i++) {
            L4RouteRules.tls(vs, vs.tls().get(i), "spec.tls[" + i + "]", f);
            L4RouteRules.notGenerated(vs.tls().get(i), "spec.tls[" + i + "]", f);
        }
        for (int i = 0; i < vs.tcp().size(); i++) {
            L4RouteRules.tcp(vs.tcp().get(i), "spec.tcp[" + i + "]", f);
            L4RouteRules.notGenerated(vs.tcp().get(i), "spec.tcp[" + i + "]", f);
        }
        ExportToRules.validate(namespace(vs), vs.exportTo(), false, false, "spec.exportTo", f);
        return f.result();
    }

    /** {@code isGateway}: not bound to the mesh (note: true for a VirtualService without gateways). */
    static boolean isGateway(VirtualService vs) {
        return !vs.gateways().contains(MESH);
    }

    /** JWT claim routing needs a gateway: each claim header of each match is an error otherwise. */
    private static void jwtClaimRoutes(VirtualService vs, Findings f) {
        for (int i = 0; i < vs.http().size(); i++) {
            List<VirtualService.Match> matches = vs.http().get(i).match();
            for (int m = 0; m < matches.size(); m++) {
                String mp = "spec.http[" + i + "].match[" + m + "]";
                jwtClaims(vs, matches.get(m).http().headers().keySet(), mp + ".headers", f);
                jwtClaims(vs, matches.get(m).http().withoutHeaders().keySet(), mp + ".withoutHeaders", f);
            }
        }
    }

    private static void jwtClaims(VirtualService vs, java.util.Set<String> keys, String path, Findings f) {
        for (String key : new java.util.TreeSet<>(keys)) {
            if (HttpMatchRules.isJwtClaim(key)) {
                f.error(path + "." + key, "JWT claim based routing (key: " + key + ") is only supported for gateway,"
                        + " found no gateways: [" + String.join(" ", vs.gateways()) + "]");
            }
        }
    }

    /** {@code isSniHost}: some TLS match names SNI hosts. */
    private static boolean isSniHost(VirtualService vs) {
        return vs.tls().stream().anyMatch(r -> r.match().stream().anyMatch(m -> !m.l4().sniHosts().isEmpty()));
    }

    private static void hosts(VirtualService vs, boolean appliesToMesh, boolean appliesToGateway, Findings f) {
        boolean allValid = true;
        boolean sni = isSniHost(vs);
        for (int i = 0; i < vs.hosts().size(); i++) {
            String host = vs.hosts().get(i);
            String field = "spec.hosts[" + i + "]";
            String err = appliesToGateway ? HostnameRules.validateWildcardDomainForGateway(sni, host)
                    : HostnameRules.validateWildcardDomain(host);
            if (err != null) {
                if (!GoNet.isValidIp(host)) {
                    f.error(field, err);
                    allValid = false;
                }
            } else if (appliesToMesh && host.equals("*")) {
                f.error(field, "wildcard host * is not allowed for virtual services bound to the mesh gateway");
                allValid = false;
            }
        }
        if (!allValid) {
            return;
        }
        // Duplicates include wildcard overlaps: *.foo.com and *.com clash.
        for (int i = 0; i < vs.hosts().size(); i++) {
            for (int j = i + 1; j < vs.hosts().size(); j++) {
                if (Hostnames.matches(vs.hosts().get(i), vs.hosts().get(j))) {
                    f.error("spec.hosts[" + j + "]", "duplicate hosts in virtual service: " + vs.hosts().get(i)
                            + " & " + vs.hosts().get(j));
                }
            }
        }
    }

    /**
     * Istio's {@code validateHTTPRoute} per HTTP route (conflicts, matches, actions, destinations, timeout), then
     * meshscope's warnings for fields it cannot generate.
     */
    private static void routes(List<VirtualService.Route> routes, String path, boolean delegateVs, Findings f) {
        for (int i = 0; i < routes.size(); i++) {
            VirtualService.Route r = routes.get(i);
            String rp = path + "[" + i + "]";
            HttpMatchRules.conflicts(r, delegateVs, rp, f);
            HttpMatchRules.matches(r, rp, f);
            HttpActionRules.validate(r, rp, f);
            HttpActionRules.notGenerated(r, rp, f);
        }
    }

    private static String namespace(VirtualService vs) {
        return vs.meta() == null || vs.meta().id() == null ? "" : vs.meta().namespace();
    }
}
