package io.meshscope.core.validate;

/**
 * The two Go {@code net} functions Sidecar validation depends on: {@code net.SplitHostPort} (with its
 * {@code address X: missing port in address} texts) and {@code netip.ParseAddr} (what Istio's
 * {@code ValidateIPAddress} and {@code netutil.IsValidIPAddress} call). Plain ports of the Go code, no resolver.
 */
final class GoNet {
    private GoNet() {
    }

    /** The result of {@code net.SplitHostPort}: host and port are empty when {@code error} is set. */
    record HostPort(String host, String port, String error) {
    }

    /** Go's {@code net.SplitHostPort}: the port follows the last colon, IPv6 hosts are bracketed. */
    static HostPort splitHostPort(String hostport) {
        int i = hostport.lastIndexOf(':');
        if (i < 0) {
            return fail(hostport, "missing port in address");
        }
        String host;
        int j = 0;
        int k = 0;
        if (hostport.charAt(0) == '[') {
            int end = hostport.indexOf(']');
            if (end < 0) {
                return fail(hostport, "missing ']' in address");
            }
            if (end + 1 == hostport.length()) {
                return fail(hostport, "missing port in address");
            } else if (end + 1 != i) {
                // Either ']' is not followed by a colon, or by one that is not the last.
                return fail(hostport, hostport.charAt(end + 1) == ':' ? "too many colons in address"
                        : "missing port in address");
            }
            host = hostport.substring(1, end);
            j = 1;
            k = end + 1;
        } else {
            host = hostport.substring(0, i);
            if (host.indexOf(':') >= 0) {
                return fail(hostport, "too many colons in address");
            }
        }
        if (hostport.indexOf('[', j) >= 0) {
            return fail(hostport, "unexpected '[' in address");
        }
        if (hostport.indexOf(']', k) >= 0) {
            return fail(hostport, "unexpected ']' in address");
        }
        return new HostPort(host, hostport.substring(i + 1), null);
    }

    private static HostPort fail(String addr, String why) {
        // net.AddrError.Error(): "address " + Addr + ": " + Err when Addr is non-empty.
        return new HostPort("", "", addr.isEmpty() ? why : "address " + addr + ": " + why);
    }

    /** Go's {@code netip.ParseAddr(s)} succeeds: dotted-quad IPv4 or IPv6 (optionally with a zone), no CIDR. */
    static boolean isValidIp(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                return ipv4Fields(s);
            }
            if (c == ':') {
                return ipv6(s);
            }
            if (c == '%') {
                return false; // "missing IPv6 address"
            }
        }
        return false;
    }

    /**
     * Go's {@code netip.ParsePrefix(s)} succeeds: an address ({@link #isValidIp}, no IPv6 zone), a slash, and a
     * decimal bit count without sign or leading zeros, at most 32 (IPv4) or 128 (IPv6).
     */
    static boolean isValidPrefix(String s) {
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String addr = s.substring(0, slash);
        if (!isValidIp(addr)) {
            return false;
        }
        boolean v6 = addr.indexOf(':') >= 0;
        if (v6 && addr.indexOf('%') >= 0) {
            return false; // "IPv6 zones cannot be present in a prefix"
        }
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || (bits.length() > 1 && (bits.charAt(0) < '1' || bits.charAt(0) > '9'))) {
            return false;
        }
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) < '0' || bits.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(bits) <= (v6 ? 128 : 32);
    }

    /** {@code parseIPv4Fields}: four decimal octets, no leading zeros, each at most 255. */
    private static boolean ipv4Fields(String s) {
        int val = 0;
        int pos = 0;
        int digLen = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digLen == 1 && val == 0) {
                    return false; // octet with leading zero
                }
                val = val * 10 + (c - '0');
                digLen++;
                if (val > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
                    return false;
                }
                if (pos == 3) {
                    return false; // too long
                }
                pos++;
                val = 0;
                digLen = 0;
            } else {
                return false;
            }
        }
        return pos == 3;
    }

    /** {@code parseIPv6}: hex groups, at most one {@code ::}, an optional trailing IPv4, an optional zone. */
    private static boolean ipv6(String in) {
        String s = in;
        int pct = s.indexOf('%');
        if (pct >= 0) {
            if (pct == s.length() - 1) {
                return false; // zone must be a non-empty string
            }
            s = s.substring(0, pct);
        }
        int ellipsis = -1;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) {
                return true;
            }
        }
        int i = 0;
        while (i < 16) {
            int off = 0;
            int acc = 0;
            for (; off < s.length(); off++) {
                int d = Character.digit(s.charAt(off), 16);
                if (d < 0 || s.charAt(off) > 'f') {
                    break;
                }
                acc = (acc << 4) + d;
                if (off > 3 || acc > 0xFFFF) {
                    return false;
                }
            }
            if (off == 0) {
                return false;
            }
            if (off < s.length() && s.charAt(off) == '.') {
                if ((ellipsis < 0 && i != 12) || i + 4 > 16 || !ipv4Fields(s)) {
                    return false;
                }
                s = "";
                i += 4;
                break;
            }
            i += 2;
            s = s.substring(off);
            if (s.isEmpty()) {
                break;
            }
            if (s.charAt(0) != ':' || s.length() == 1) {
                return false;
            }
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) {
                    return false; // multiple ::
                }
                ellipsis = i;
                s = s.substring(1);
                if (s.isEmpty()) {
                    break;
                }
            }
        }
        if (!s.isEmpty()) {
            return false;
        }
        // Too short without "::", or "::" that expands to no zero group at all.
        return i < 16 ? ellipsis >= 0 : ellipsis < 0;
    }
}
