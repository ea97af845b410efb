package io.meshscope.core.validate;

import io.meshscope.core.model.HttpMatch;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.registry.Hostnames;
import java.util.List;

// Istio's validateTLSRoute, validateTLSMatch, validateSniHost, validateTCPRoute, validateTCPMatch and
// validateRouteDestinations (pkg/config/validation/validation.go), with Istio's texts and order.
/** Istio's checks of a VirtualService's TLS and TCP routes: matches, then weighted destinations. */
final class L4RouteRules {
    private L4RouteRules() {
    }

    /** {@code validateTLSRoute} for the route at {@code rp} ({@code spec.tls[i]}). */
    static void tls(VirtualService vs, VirtualService.Route r, String rp, Findings f) {
        if (r.match().isEmpty()) {
            f.error(rp + ".match", "TLS route must have at least one match condition");
        }
        for (int m = 0; m < r.match().size(); m++) {
            VirtualService.Match match = r.match().get(m);
            String mp = rp + ".match[" + m + "]";
            if (match.l4().sniHosts().isEmpty()) {
                f.error(mp + ".sniHosts", "TLS match must have at least one SNI host");
            } else {
                for (int i = 0; i < match.l4().sniHosts().size(); i++) {
                    sniHost(vs, match.l4().sniHosts().get(i), mp + ".sniHosts[" + i + "]", f);
                }
            }
            common(match, mp, f);
        }
        if (r.route().isEmpty()) {
            f.error(rp + ".route", "TLS route is required");
        }
        destinations(r.route(), rp + ".route", f);
    }

    /** {@code validateTCPRoute} for the route at {@code rp} ({@code spec.tcp[i]}). */
    static void tcp(VirtualService.Route r, String rp, Findings f) {
        for (int m = 0; m < r.match().size(); m++) {
            common(r.match().get(m), rp + ".match[" + m + "]", f);
        }
        if (r.route().isEmpty()) {
            f.error(rp + ".route", "TCP route is required");
        }
        destinations(r.route(), rp + ".route", f);
    }

    /**
     * meshscope's own warnings: each match field it cannot express (unknown, of the wrong shape, TCP's
     * {@code sourceSubnet}), whose match is left out of the listener, never widened; each route field it cannot
     * express, whose route is left out.
     */
    static void notGenerated(VirtualService.Route r, String rp, Findings f) {
        for (int m = 0; m < r.match().size(); m++) {
            for (HttpMatch.NotGenerated n : r.match().get(m).l4().notGenerated()) {
                f.notGenerated(rp + ".match[" + m + "]." + n.field(), n.reason(),
                        ": the filter chain for this match is omitted, never widened");
            }
        }
        for (HttpMatch.NotGenerated n : r.http().notGenerated()) {
            f.notGenerated(rp + "." + n.field(), n.reason(), ": the route is omitted");
        }
    }

    /** What TLS and TCP matches share: destination subnets, port, source labels, gateways. */
    private static void common(VirtualService.Match match, String mp, Findings f) {
        List<String> subnets = match.l4().destinationSubnets();
        for (int i = 0; i < subnets.size(); i++) {
            f.error(mp + ".destinationSubnets[" + i + "]", PortRules.validateIpSubnet(subnets.get(i)));
        }
        if (match.port() != 0) {
            f.error(mp + ".port", PortRules.validatePort(match.port()));
        }
        LabelRules.validate(match.l4().sourceLabels(), mp + ".sourceLabels", f);
        GatewayNameRules.validate(match.l4().gateways(), mp + ".gateways", f);
    }

    /** {@code validateSniHost}: a (wildcard) domain within one of the VirtualService's hosts; an IP only warns. */
    private static void sniHost(VirtualService vs, String sni, String field, Findings f) {
        String err = VirtualServiceValidator.isGateway(vs) ? HostnameRules.validateWildcardDomainForGateway(true, sni)
                : HostnameRules.validateWildcardDomain(sni);
        if (err != null) {
            if (GoNet.isValidIp(sni)) {
                f.warning(field, "using an IP address (" + GoText.quote(sni)
                        + ") goes against SNI spec and most clients do not support this");
                return;
            }
            f.error(field, err);
            return;
        }
        for (String host : vs.hosts()) {
            if (Hostnames.subsetOf(sni, host)) {
                return;
            }
        }
        f.error(field, "SNI host " + GoText.quote(sni) + " is not a compatible subset of any of the virtual service"
                + " hosts: [" + String.join(", ", vs.hosts()) + "]");
    }

    /** {@code validateRouteDestinations}: each destination and weight, and not all weights 0 when several. */
    private static void destinations(List<VirtualService.Destination> ds, String path, Findings f) {
        int total = 0; // int32 in Istio, overflow included
        for (int j = 0; j < ds.size(); j++) {
            VirtualService.Destination d = ds.get(j);
            String dp = path + "[" + j + "]";
            RouteDestinationRules.validate(d.host(), d.subset(), d.portSet() ? (long) d.port() : null,
                    dp + ".destination", f);
            if (d.weight() < 0) {
                f.error(dp + ".weight", "weight " + d.weight() + " < 0");
            }
            total += d.weight();
        }
        if (ds.size() > 1 && total == 0) {
            f.error(path, "total destination weight = 0");
        }
    }
}
