package io.meshscope.core.validate;

// Istio's port, protocol and address checks with their exact messages (agent.ValidatePort,
// ValidatePortName, ValidateProtocol, agent.ValidateIPAddress, ValidateUnixAddress).
// Each returns null when the input is valid.
/** Istio's port, protocol, IP and Unix-socket checks with exact texts; null means valid. */
public final class PortRules {
    /** {@code UnixAddressPrefix}: a bind or endpoint with this prefix is a Unix domain socket. */
    public static final String UNIX_PREFIX = "unix://";

    private PortRules() {
    }

    /** {@code agent.ValidatePort}: 1..65535 inclusive. */
    public static String validatePort(long port) {
        return port >= 1 && port <= 65535 ? null : "port number " + port + " must be in the range 1..65535";
    }

    /** {@code ValidatePortName}: a DNS-1123 label (upper case allowed, max 63); the caller skips empty names. */
    public static String validatePortName(String name) {
        return HostnameRules.isDns1123Label(name) ? null : "invalid port name: " + name;
    }

    /** {@code ValidateProtocol}: empty means "sniff" and is valid; otherwise a known protocol, any case. */
    public static String validateProtocol(String protocol) {
        if (protocol == null || protocol.isEmpty() || IstioProtocol.parse(protocol) != IstioProtocol.UNSUPPORTED) {
            return null;
        }
        return "unsupported protocol: " + protocol;
    }

    /** {@code agent.ValidateIPAddress}: {@code netip.ParseAddr} must accept it (no CIDR, no brackets). */
    public static String validateIpAddress(String addr) {
        return GoNet.isValidIp(addr) ? null : addr + " is not a valid IP";
    }

    /**
     * {@code agent.ValidateIPSubnet}: with exactly one slash a CIDR block ({@code netip.ParsePrefix}), otherwise an
     * IP address.
     */
    public static String validateIpSubnet(String subnet) {
        if (subnet.indexOf('/') >= 0 && subnet.indexOf('/') == subnet.lastIndexOf('/')) {
            return GoNet.isValidPrefix(subnet) ? null : subnet + " is not a valid CIDR block";
        }
        return validateIpAddress(subnet);
    }

    /** {@code ValidateUnixAddress} on the text after {@code unix://}: abstract ({@code @...}) or an absolute file. */
    public static String validateUnixAddress(String addr) {
        if (addr.isEmpty()) {
            return "unix address must not be empty";
        }
        if (addr.startsWith("@")) {
            return null;
        }
        // Go's path.IsAbs is just a leading slash; a trailing slash names a directory.
        if (!addr.startsWith("/") || addr.endsWith("/")) {
            return addr + " is not an absolute path to a file";
        }
        return null;
    }
}
