package io.meshscope.core.validate;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

// Istio's validateWorkloadEntry (pkg/config/validation/validation.go), shared by standalone WorkloadEntries
// (ValidateWorkloadEntry: no service ports, FQDN addresses allowed) and a STATIC ServiceEntry's inline endpoints
// (the ServiceEntry's port names, IP or unix addresses only). Go ranges over the ports map in random order; port
// names are reported sorted so output is stable.
/** Istio's {@code validateWorkloadEntry}: address (IP, unix socket or, when allowed, FQDN), ports and labels. */
final class WorkloadEntryRules {
    private WorkloadEntryRules() {
    }

    /**
     * Validates one workload entry written at {@code path} ({@code spec} or {@code spec.endpoints[2]}).
     * {@code servicePorts} null: not inside a ServiceEntry. Returns after "address is required", as Istio does.
     */
    static void validate(String address, String network, Map<String, ? extends Number> ports,
                         Map<String, String> labels, Set<String> servicePorts, boolean allowFqdnAddresses,
                         String path, Findings f) {
        String addrField = path + ".address";
        if (address.isEmpty()) {
            if (network.isEmpty()) {
                f.error(addrField, "address is required");
                return;
            }
            f.warning(addrField, "address is unset with network " + GoText.quote(network));
        }
        boolean unix = address.startsWith(PortRules.UNIX_PREFIX);
        if (unix) {
            f.error(addrField, PortRules.validateUnixAddress(address.substring(PortRules.UNIX_PREFIX.length())));
            if (!ports.isEmpty()) {
                f.error(path + ".ports", "unix endpoint " + address + " must not include ports");
            }
        } else if (!address.isEmpty() && !GoNet.isValidIp(address)) {
            // Without a ServiceEntry's resolution the address may be an IP (STATIC) or a host name (DNS).
            if (!allowFqdnAddresses) {
                f.error(addrField, "endpoint address " + GoText.quote(address) + " is not a valid IP address");
            } else if (HostnameRules.validateFqdn(address) != null) {
                f.error(addrField, "endpoint address " + GoText.quote(address) + " is not a valid FQDN or an IP address");
            }
        }
        ports(ports, servicePorts, path + ".ports", f);
        LabelRules.validate(labels, path + ".labels", f);
        if (unix && servicePorts != null && servicePorts.size() != 1) {
            f.error(addrField, "exactly 1 service port required for unix endpoints");
        }
    }

    /** Each port: declared by the ServiceEntry (when inside one), a valid name, a number in 1..65535. */
    static void ports(Map<String, ? extends Number> ports, Set<String> servicePorts, String path, Findings f) {
        for (Map.Entry<String, ? extends Number> e : new TreeMap<String, Number>(ports).entrySet()) {
            String field = path + "." + e.getKey();
            long number = e.getValue().longValue();
            if (servicePorts != null && !servicePorts.contains(e.getKey())) {
                f.error(field, "endpoint port " + number + " is not defined by the service entry");
            }
            f.error(field, PortRules.validatePortName(e.getKey()));
            f.error(field, PortRules.validatePort(number));
        }
    }
}
