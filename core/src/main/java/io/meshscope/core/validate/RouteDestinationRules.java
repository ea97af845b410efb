package io.meshscope.core.validate;

/**
 * Istio's {@code validateDestination} (VirtualService route destinations, mirrors, and the Sidecar egressProxy):
 * the host may not be {@code *} and must be a wildcard domain; a subset must be a DNS-1123 label; a port 1..65535.
 */
final class RouteDestinationRules {
    private RouteDestinationRules() {
    }

    /**
     * Validates one destination at field path {@code path} ({@code .host}, {@code .subset}, {@code .port} are
     * appended). {@code subset} null or empty and {@code port} null mean "not written".
     */
    static void validate(String host, String subset, Long port, String path, Findings f) {
        String h = host == null ? "" : host;
        if (h.equals("*")) {
            f.error(path + ".host", "invalid destination host *");
        } else {
            f.error(path + ".host", HostnameRules.validateWildcardDomain(h));
        }
        if (subset != null && !subset.isEmpty()) {
            f.error(path + ".subset", validateSubsetName(subset));
        }
        if (port != null) {
            f.error(path + ".port", PortRules.validatePort(port));
        }
    }

    /** {@code validateSubsetName}: required and a DNS-1123 label. */
    static String validateSubsetName(String name) {
        if (name == null || name.isEmpty()) {
            return "subset name cannot be empty";
        }
        return HostnameRules.isDns1123Label(name) ? null : "subset name is invalid: " + name;
    }
}
