package io.meshscope.core.validate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

// Istio's hostname checks with their exact messages: labels.IsDNS1123Label, ValidateFQDN,
// ValidateWildcardDomain, ValidatePartialWildCard and the Sidecar form of
// ValidateNamespaceSlashWildcardHostname (pkg/config/validation/agent/validation.go).
// Methods return null (or an empty list) when the input is valid.
/** Istio's hostname checks (agent/validation.go) with exact texts; null or an empty list means valid. */
public final class HostnameRules {
    /** {@code labels.DNS1123LabelMaxLength}. */
    public static final int DNS1123_LABEL_MAX_LENGTH = 63;
    /** {@code outboundHostNameFormat}: the SNI name Istio generates for AUTO_PASSTHROUGH gateways. */
    private static final String OUTBOUND_FORMAT = "outbound_.<PORT>_._.<HOSTNAME>";
    // Istio's dns1123LabelFmt accepts upper case too (unlike Kubernetes), hence A-Z.
    private static final String LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    // wildcardPrefix: "*", or a label optionally prefixed by "*" or "*-".
    private static final Pattern WILDCARD_LABEL = Pattern.compile("\\*|(?:\\*|\\*-)?" + LABEL);

    private HostnameRules() {
    }

    /** {@code labels.IsDNS1123Label}: at most 63 bytes of {@code [a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?}. */
    public static boolean isDns1123Label(String value) {
        return byteLength(value) <= DNS1123_LABEL_MAX_LENGTH && DNS1123_LABEL.matcher(value).matches();
    }

    /** {@code labels.IsWildcardDNS1123Label}: a DNS-1123 label, {@code *}, or a label led by {@code *}/{@code *-}. */
    public static boolean isWildcardDns1123Label(String value) {
        return byteLength(value) <= DNS1123_LABEL_MAX_LENGTH && WILDCARD_LABEL.matcher(value).matches();
    }

    /** {@code agent.CheckDNS1123Preconditions}: non-empty and at most 255 bytes. */
    public static String checkDns1123Preconditions(String name) {
        if (byteLength(name) > 255) {
            return "domain name " + GoText.quote(name) + " too long (max 255)";
        }
        if (name.isEmpty()) {
            return "empty domain name not allowed";
        }
        return null;
    }

    /**
     * {@code agent.ValidateDNS1123Labels}: the TLD may not parse as an integer ({@code strconv.Atoi}), and every
     * label must be a DNS-1123 label, except that a trailing empty label ({@code istio.io.}) is allowed.
     */
    public static String validateDns1123Labels(String domain) {
        String[] parts = domain.split("\\.", -1);
        String tld = parts[parts.length - 1];
        if (GoStrconv.atoi(tld).ok()) {
            return "domain name " + GoText.quote(domain) + " invalid (top level domain " + GoText.quote(tld)
                    + " cannot be all-numeric)";
        }
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) {
                return null;
            }
            if (!isDns1123Label(parts[i])) {
                return labelInvalid(domain, parts[i]);
            }
        }
        return null;
    }

    /** {@code agent.ValidateFQDN}: preconditions, then {@link #validateDns1123Labels}. */
    public static String validateFqdn(String fqdn) {
        String pre = checkDns1123Preconditions(fqdn);
        return pre != null ? pre : validateDns1123Labels(fqdn);
    }

    /** {@code agent.ValidateWildcardDomain}: like an FQDN, but the first label may be a wildcard label. */
    public static String validateWildcardDomain(String domain) {
        String pre = checkDns1123Preconditions(domain);
        if (pre != null) {
            return pre;
        }
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        if (!isWildcardDns1123Label(first)) {
            return labelInvalid(domain, first);
        }
        return dot < 0 ? null : validateDns1123Labels(domain.substring(dot + 1));
    }

    /**
     * {@code agent.ValidateWildcardDomainForVirtualServiceBoundToGateway}: as {@link #validateWildcardDomain}, but
     * with SNI matches an auto-generated {@code outbound_.<PORT>_._.<HOSTNAME>} name is accepted.
     */
    public static String validateWildcardDomainForGateway(boolean sni, String domain) {
        String pre = checkDns1123Preconditions(domain);
        if (pre != null) {
            return pre;
        }
        if (sni && domain.startsWith("outbound_")) {
            String[] parts = domain.split("_", -1);
            if (parts.length < 4) {
                return "domain name " + domain + " invalid, should follow '" + OUTBOUND_FORMAT + "' format";
            }
            String port = trimDots(parts[1]);
            String hostname = trimDots(parts[3]);
            // Go's unanchored regexp.MatchString("([0-9].*)") and ("([a-zA-Z].*)"): some digit, some letter.
            if (!port.matches("(?s).*[0-9].*")) {
                return labelInvalid(domain, port) + ". should follow " + OUTBOUND_FORMAT + " format";
            }
            if (!hostname.matches("(?s).*[a-zA-Z].*")) {
                return labelInvalid(domain, hostname) + ". should follow " + OUTBOUND_FORMAT + " format";
            }
            return null;
        }
        return validateWildcardDomain(domain);
    }

    private static String trimDots(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '.') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '.') {
            to--;
        }
        return s.substring(from, to);
    }

    /** {@code agent.ValidatePartialWildCard}: a {@code *} is allowed only alone or as a leading {@code *.}. */
    public static String validatePartialWildcard(String host) {
        if (host.contains("*") && host.length() != 1 && !host.startsWith("*.")) {
            return "partial wildcard " + GoText.quote(host) + " not allowed";
        }
        return null;
    }

    /**
     * Sidecar egress {@code hosts[]} entry ({@code ValidateNamespaceSlashWildcardHostname(h, false, false)} at
     * Istio 1.32-dev): rules 44-49 in order. The wildcard-domain error is appended twice for non-IP dnsNames, a
     * long-standing Istio bug kept for conformance.
     */
    public static List<String> validateSidecarEgressHost(String hostname) {
        List<String> errs = new ArrayList<>();
        int slash = hostname.indexOf('/');
        if (slash < 0) {
            errs.add("host must be of form namespace/dnsName");
            return errs;
        }
        String ns = hostname.substring(0, slash);
        String dnsName = hostname.substring(slash + 1); // SplitN(h, "/", 2): later slashes stay in dnsName
        if (ns.isEmpty() || dnsName.isEmpty()) {
            errs.add("config namespace and dnsName in host entry cannot be empty");
        }
        // Since 1.31 a leading "~" marks an exclusion; the rest is checked like any namespace ("" means "*").
        String bare = ns.startsWith("~") ? ns.substring(1) : ns;
        if (!bare.isEmpty() && !bare.equals("*") && !bare.equals(".") && !isDns1123Label(bare)) {
            errs.add("invalid namespace value " + GoText.quote(ns) + " in sidecar");
        }
        errs.addAll(validateSidecarHostnamePart(dnsName));
        return errs;
    }

    /** {@code validateSidecarOrGatewayHostnamePart(h, false)}: rules 47, 48 (twice unless an IP), 49. */
    static List<String> validateSidecarHostnamePart(String hostname) {
        List<String> errs = new ArrayList<>();
        if (!hostname.equals("*") && !hostname.contains(".")) {
            errs.add("short names (non FQDN) are not allowed");
        }
        String err = validateWildcardDomain(hostname);
        if (err != null) {
            errs.add(err); // appended because this is not a gateway
            if (!GoNet.isValidIp(hostname)) {
                errs.add(err); // "Gateway allows IP": appended again for every non-IP, sidecars included
            }
        }
        String partial = validatePartialWildcard(hostname);
        if (partial != null) {
            errs.add(partial);
        }
        return errs;
    }

    private static String labelInvalid(String domain, String label) {
        return "domain name " + GoText.quote(domain) + " invalid (label " + GoText.quote(label) + " invalid)";
    }

    private static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
