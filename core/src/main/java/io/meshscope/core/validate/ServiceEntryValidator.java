package io.meshscope.core.validate;

import io.meshscope.core.model.ServiceEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

// The scoping-relevant part of Istio's ValidateServiceEntry: selector, hosts, ports, resolution and
// location, exportTo. Istio's texts and order; address, endpoint-content and auto-allocation checks are left out.
/** The scoping-relevant part of Istio's {@code ValidateServiceEntry}, with Istio's texts and order. */
public final class ServiceEntryValidator {
    private static final Set<String> LOCATIONS = Set.of("MESH_EXTERNAL", "MESH_INTERNAL");

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
        ports(se, f);
        resolution(se, f);
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
                f.warning(field, HostnameRules.validatePartialWildcard(host));
            }
        }
    }

    private static void ports(ServiceEntry se, Findings f) {
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
            f.error(field + ".name", PortRules.validatePortName(name)); // unlike Sidecars, the name is required
            f.error(field + ".protocol", PortRules.validateProtocol(port.protocol()));
            f.error(field + ".number", PortRules.validatePort(port.number()));
        }
    }

    private static void resolution(ServiceEntry se, Findings f) {
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
                // endpoint contents are not scoping-relevant and are not checked here
            }
            case "DNS", "DNS_ROUND_ROBIN" -> {
                if (se.endpoints().isEmpty()) {
                    for (int i = 0; i < se.hosts().size(); i++) {
                        if (HostnameRules.validateFqdn(se.hosts().get(i)) != null) {
                            f.error("spec.hosts[" + i + "]", "hosts must be FQDN if no endpoints are provided for"
                                    + " resolution mode " + resolution);
                        }
                    }
                }
                if (resolution.equals("DNS_ROUND_ROBIN") && se.endpoints().size() > 1) {
                    f.error("spec.endpoints", "there must only be 0 or 1 endpoint for resolution mode " + resolution);
                }
            }
            default -> f.error("spec.resolution", "unsupported resolution type " + resolution);
        }
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
