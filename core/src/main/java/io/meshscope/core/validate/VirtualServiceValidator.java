package io.meshscope.core.validate;

import io.meshscope.core.model.VirtualService;
import io.meshscope.core.registry.Hostnames;
import java.util.List;

// Istio's ValidateVirtualService: delegate rules, gateway names, hosts (no * when bound to the mesh, no
// overlaps), routes present, HTTP routes (validateHTTPRoute: conflicts, matches, actions, destinations), TCP/TLS
// destinations and exportTo, with Istio's texts and order; plus meshscope's "not generated" warnings.
/**
 * Istio's {@code ValidateVirtualService} with Istio's texts and order (TCP/TLS matches and unreachable-rule analysis
 * aside), plus a warning for each field meshscope decodes but does not generate.
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
        boolean appliesToMesh = vs.gateways().isEmpty() || vs.gateways().contains(MESH);
        if (!vs.gateways().isEmpty()) {
            GatewayNameRules.validate(vs.gateways(), "spec.gateways", f);
        }
        hosts(vs, appliesToMesh, f);
        if (vs.http().isEmpty() && vs.tcp().isEmpty() && vs.tls().isEmpty()) {
            f.error("spec", "http, tcp or tls must be provided in virtual service");
        }
        routes(vs.http(), "spec.http", true, vs.hosts().isEmpty(), f);
        routes(vs.tls(), "spec.tls", false, false, f);
        routes(vs.tcp(), "spec.tcp", false, false, f);
        ExportToRules.validate(namespace(vs), vs.exportTo(), false, false, "spec.exportTo", f);
        return f.result();
    }

    private static void hosts(VirtualService vs, boolean appliesToMesh, Findings f) {
        boolean allValid = true;
        for (int i = 0; i < vs.hosts().size(); i++) {
            String host = vs.hosts().get(i);
            String field = "spec.hosts[" + i + "]";
            // For gateway-bound VSes Istio uses the SNI-aware variant; it differs only for "outbound_" SNI names
            // on VSes with tls sniHosts, which the model does not carry.
            String err = HostnameRules.validateWildcardDomain(host);
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
     * meshscope's warnings for fields it cannot generate; TCP and TLS routes check their destinations.
     */
    private static void routes(List<VirtualService.Route> routes, String path, boolean http, boolean delegateVs,
                               Findings f) {
        for (int i = 0; i < routes.size(); i++) {
            VirtualService.Route r = routes.get(i);
            String rp = path + "[" + i + "]";
            if (http) {
                HttpMatchRules.conflicts(r, delegateVs, rp, f);
                HttpMatchRules.matches(r, rp, f);
                HttpActionRules.validate(r, rp, f);
                HttpActionRules.notGenerated(r, rp, f);
                continue;
            }
            destinations(r.route(), rp + ".route", f);
        }
    }

    private static void destinations(List<VirtualService.Destination> ds, String path, Findings f) {
        for (int j = 0; j < ds.size(); j++) {
            VirtualService.Destination d = ds.get(j);
            // Port 0 is the model's "not written", so it is not range-checked.
            RouteDestinationRules.validate(d.host(), d.subset(), d.port() == 0 ? null : (long) d.port(),
                    path + "[" + j + "].destination", f);
        }
    }

    private static String namespace(VirtualService vs) {
        return vs.meta() == null || vs.meta().id() == null ? "" : vs.meta().namespace();
    }
}
