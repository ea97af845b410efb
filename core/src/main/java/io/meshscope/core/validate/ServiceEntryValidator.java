package io.meshscope.core.validate;

import io.meshscope.core.model.ServiceEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

// Istio's ValidateServiceEntry (pkg/config/validation/validation.go), rule by rule in Istio's order: selector,
// hosts, addresses (IP or CIDR; CIDRs only for NONE/STATIC), ports (with the auto-allocation warning), resolution
// (NONE, STATIC endpoints as validateWorkloadEntry, DNS/DNS_ROUND_ROBIN hosts and endpoints, DYNAMIC_DNS), several
// hosts on plain TCP, exportTo. PILOT_ENABLE_IP_AUTOALLOCATE is taken at its default (on).
/** Istio's {@code ValidateServiceEntry}, with Istio's texts and order. */
public final class ServiceEntryValidator {
    private static final Set<String> LOCATIONS = Set.of("MESH_EXTERNAL", "MESH_INTERNAL");
    /** {@code label.NetworkingEnableAutoallocateIp}: "false" opts a ServiceEntry out of IP auto-allocation. */
    static final String AUTOALLOCATE_LABEL = "networking.istio.io/enable-autoallocate-ip";
    /** {@code label.IoIstioUseWaypoint}. */
    static final String USE_WAYPOINT_LABEL = "istio.io/use-waypoint";

    private ServiceEntryValidator() {
    }

    /** Validates one ServiceEntry. Selector label errors abort, as in Istio. */
    public static ValidationResult validate(ServiceEntry se) {
        List<FieldMessage> selectorErrors =
                SelectorRules.labelErrors(se.workloadSelector(), "spec.workloadSelector.labels");
        if (!selectorErrors.isEmpty()) {
            return new ValidationResult(selectorErrors, List.of());
        }
        Findings f = new Findings();
        if (SelectorRules.presentWithoutLabels(se.workloadSelector())) {
            f.warning("spec.workloadSelector", "service entry: " + SelectorRules.NO_LABELS
                    + ", will be applied to all services in namespace");
        }
        if (se.workloadSelector() != null && !se.endpoints().isEmpty()) {
            f.error("spec", "only one of WorkloadSelector or Endpoints is allowed in Service Entry");
        }
        hosts(se, f);
        addresses(se, f);
        Set<String> servicePorts = ports(se, f);
        resolution(se, servicePorts, f);
        multipleHosts(se, f);
        if (!LOCATIONS.contains(se.location())) {
            // Not an Istio validation message: Istio rejects unknown enum names while decoding.
            f.error("spec.location", "unsupported location type " + se.location());
        }
        ExportToRules.validate(namespace(se), se.exportTo(), true, false, "spec.exportTo", f);
        return f.result();
    }

    private static void hosts(ServiceEntry se, Findings f) {
        if (se.hosts().isEmpty()) {
            f.error("spec.hosts", "service entry must have at least one host");
        }
        for (int i = 0; i < se.hosts().size(); i++) {
            String host = se.hosts().get(i);
            String field = "spec.hosts[" + i + "]";
            if (host.equals("*")) {
                f.error(field, "invalid host *"); // a full wildcard would capture all traffic
            } else {
                f.error(field, HostnameRules.validateWildcardDomain(host));
                if (!se.resolution().equals("DYNAMIC_DNS")) {
                    f.warning(field, HostnameRules.validatePartialWildcard(host));
                }
            }
        }
    }

    /** {@code agent.ValidateIPSubnet} per address; a CIDR block needs NONE or STATIC resolution. */
    private static void addresses(ServiceEntry se, Findings f) {
        boolean cidrFound = false;
        for (int i = 0; i < se.addresses().size(); i++) {
            String address = se.addresses().get(i);
            cidrFound = cidrFound || address.contains("/");
            f.error("spec.addresses[" + i + "]", PortRules.validateIpSubnet(address));
        }
        if (cidrFound && !se.resolution().equals("NONE") && !se.resolution().equals("STATIC")) {
            f.error("spec.addresses", "CIDR addresses are allowed only for NONE/STATIC resolution types");
        }
    }

    /** {@code serviceentry.ShouldV2AutoAllocateIPFromConfig} with the feature flag at its default (on). */
    private static boolean autoAllocation(ServiceEntry se) {
        if (se.resolution().equals("NONE") || !se.addresses().isEmpty()) {
            return false;
        }
        String optOut = se.meta() == null ? null : se.meta().labels().get(AUTOALLOCATE_LABEL);
        return optOut == null || !optOut.equalsIgnoreCase("false");
    }

    /** The port checks; returns the port names (Istio's {@code servicePorts}). */
    private static Set<String> ports(ServiceEntry se, Findings f) {
        boolean autoAllocation = autoAllocation(se);
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < se.ports().size(); i++) {
            ServiceEntry.SePort port = se.ports().get(i);
            String field = "spec.ports[" + i + "]";
            String name = port.name() == null ? "" : port.name();
            if (!names.add(name)) {
                f.error(field + ".name", "service entry port name " + GoText.quote(name) + " already defined");
            }
            if (!numbers.add(port.number())) {
                f.error(field + ".number", "service entry port " + port.number() + " already defined");
            }
            if (port.targetPort() != 0) {
                f.error(field + ".targetPort", PortRules.validatePort(port.targetPort()));
            }
            if (se.addresses().isEmpty() && !autoAllocation
                    && (port.protocol() == null || port.protocol().isEmpty() || port.protocol().equals("TCP"))) {
                f.warning(field + ".protocol", "addresses are required for ports serving TCP (or unset) protocol "
                        + "when IP Autoallocation is not enabled");
            }
            f.error(field + ".name", PortRules.validatePortName(name)); // unlike Sidecars, the name is required
            f.error(field + ".protocol", PortRules.validateProtocol(port.protocol()));
            f.error(field + ".number", PortRules.validatePort(port.number()));
        }
        return names;
    }

    private static void resolution(ServiceEntry se, Set<String> servicePorts, Findings f) {
        String resolution = se.resolution();
        switch (resolution) {
            case "NONE" -> {
                if (!se.endpoints().isEmpty()) {
                    f.error("spec.endpoints", "no endpoints should be provided for resolution type none");
                }
                if (se.workloadSelector() != null) {
                    f.warning("spec.workloadSelector",
                            "workloadSelector should not be set when resolution mode is NONE");
                }
            }
            case "STATIC" -> {
                for (int i = 0; i < se.endpoints().size(); i++) {
                    ServiceEntry.SeEndpoint e = se.endpoints().get(i);
                    WorkloadEntryRules.validate(e.address(), e.network(), e.ports(), e.labels(), servicePorts, false,
                            "spec.endpoints[" + i + "]", f);
                }
            }
            case "DNS", "DNS_ROUND_ROBIN" -> dns(se, servicePorts, f);
            case "DYNAMIC_DNS" -> dynamicDns(se, f);
            default -> f.error("spec.resolution", "unsupported resolution type " + resolution);
        }
    }

    /** The DNS and DNS_ROUND_ROBIN rules: FQDN hosts without endpoints, endpoint addresses and ports. */
    private static void dns(ServiceEntry se, Set<String> servicePorts, Findings f) {
        String resolution = se.resolution();
        if (se.endpoints().isEmpty()) {
            for (int i = 0; i < se.hosts().size(); i++) {
                String err = HostnameRules.validateFqdn(se.hosts().get(i));
                if (err != null) {
                    f.error("spec.hosts[" + i + "]", "hosts must be FQDN or contain only prefix wildcards if no"
                            + " endpoints are provided for resolution mode " + resolution + ", " + err);
                    break; // Istio reports the first such host only
                }
            }
        }
        if (resolution.equals("DNS_ROUND_ROBIN") && se.endpoints().size() > 1) {
            f.error("spec.endpoints", "there must only be 0 or 1 endpoint for resolution mode " + resolution);
        }
        for (int i = 0; i < se.endpoints().size(); i++) {
            ServiceEntry.SeEndpoint e = se.endpoints().get(i);
            String path = "spec.endpoints[" + i + "]";
            if (!GoNet.isValidIp(e.address()) && HostnameRules.validateFqdn(e.address()) != null) {
                f.error(path + ".address", "endpoint address " + GoText.quote(e.address())
                        + " is not a valid FQDN or an IP address");
            }
            LabelRules.validate(e.labels(), path + ".labels", f);
            WorkloadEntryRules.ports(e.ports(), servicePorts, path + ".ports", f);
        }
        if (!se.addresses().isEmpty()) {
            for (ServiceEntry.SePort port : se.ports()) {
                if (IstioProtocol.parse(port.protocol()).isTcp()) {
                    if (se.hosts().size() > 1) {
                        f.warning("spec.hosts", "service entry can not have more than one host specified "
                                + "simultaneously with address and tcp port");
                    }
                    break;
                }
            }
        }
    }

    /** The DYNAMIC_DNS rules: wildcard hosts only, no addresses or endpoints, HTTP/TLS/GRPC/HTTP2 ports. */
    private static void dynamicDns(ServiceEntry se, Findings f) {
        String resolution = se.resolution();
        if (se.hosts().isEmpty()) {
            f.error("spec.hosts", "at least one wildcard host must be provided for resolution type " + resolution);
        }
        for (int i = 0; i < se.hosts().size(); i++) {
            if (!se.hosts().get(i).startsWith("*")) {
                f.error("spec.hosts[" + i + "]", "host must be wildcarded for resolution mode " + resolution);
            }
        }
        if (!se.addresses().isEmpty()) {
            // Istio's text lacks a space between "generated" and "from"; kept as Istio writes it.
            f.error("spec.addresses", "addresses cannot be set for resolution type " + resolution
                    + ". HTTP route domains will only be generatedfrom the hosts field values");
        }
        if (!se.endpoints().isEmpty()) {
            f.error("spec.endpoints", "endpoints cannot be set for resolution type " + resolution
                    + ". Destination IP address determined from hostsfield values");
        }
        for (int i = 0; i < se.ports().size(); i++) {
            IstioProtocol p = IstioProtocol.parse(se.ports().get(i).protocol());
            if (p != IstioProtocol.HTTP && p != IstioProtocol.TLS && p != IstioProtocol.GRPC
                    && p != IstioProtocol.HTTP2) {
                f.error("spec.ports[" + i + "].protocol", "only HTTP, TLS, GRPC, and HTTP2 protocols are supported"
                        + " for resolution type " + resolution);
            }
        }
        if (!LOCATIONS.contains(se.location())) {
            f.error("spec.location", "location must be MESH_EXTERNAL or MESH_INTERNAL for resolution type "
                    + resolution);
        }
        if (se.location().equals("MESH_INTERNAL") && usesWaypoint(se)) {
            f.error("spec.location", "location MESH_INTERNAL with resolution type " + resolution
                    + " is not supported when using waypoints");
        }
    }

    /** {@code usesWaypoint}: the use-waypoint label names a waypoint (set, and not "none"). */
    private static boolean usesWaypoint(ServiceEntry se) {
        String v = se.meta() == null ? null : se.meta().labels().get(USE_WAYPOINT_LABEL);
        return v != null && !v.isEmpty() && !v.equalsIgnoreCase("none");
    }

    /** Several hosts cannot be told apart on plain TCP unless resolution is NONE (hosts then are ignored). */
    private static void multipleHosts(ServiceEntry se, Findings f) {
        if (se.resolution().equals("NONE") || se.hosts().size() <= 1) {
            return;
        }
        for (ServiceEntry.SePort port : se.ports()) {
            IstioProtocol p = IstioProtocol.parse(port.protocol());
            if (!p.isHttp() && !p.isTls()) {
                f.error("spec.ports", "multiple hosts provided with non-HTTP, non-TLS ports");
                return;
            }
        }
    }

    private static String namespace(ServiceEntry se) {
        return se.meta() == null || se.meta().id() == null ? "" : se.meta().namespace();
    }
}
