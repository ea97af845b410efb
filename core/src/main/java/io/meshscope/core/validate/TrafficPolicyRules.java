package io.meshscope.core.validate;

import io.meshscope.core.model.HttpMatch;
import io.meshscope.core.model.TrafficPolicy;
import java.util.HashSet;
import java.util.Set;

/**
 * Istio's {@code validateTrafficPolicy} ({@code pkg/config/validation/validation.go}) with Istio's messages, each at
 * the field it concerns: {@code validateOutlierDetection}, {@code validateConnectionPool}
 * ({@link ConnectionPoolRules}), {@code validateLoadBalancer} (+ {@code ValidateLocalityLbSetting},
 * {@link LocalityRules}, {@code ValidateZoneAwareLbSetting}), {@code agent.ValidateTLS}, {@code validatePortTrafficPolicies},
 * {@code validateTunnelSettings}, {@code validateProxyProtocol}; plus meshscope's own warnings for the fields it does
 * not generate, so none is ignored silently.
 */
final class TrafficPolicyRules {
    private TrafficPolicyRules() {
    }

    /** Validates {@code policy} (null: absent, nothing to check) at field path {@code path}. */
    static void validate(String namespace, TrafficPolicy policy, String path, Findings f) {
        if (policy == null) {
            return;
        }
        for (HttpMatch.NotGenerated n : policy.notGenerated()) {
            f.notGenerated(path + "." + n.field(), n.reason(), "");
        }
        if (policy.isEmpty()) {
            f.error(path, "traffic policy must have at least one field");
            return;
        }
        if (policy.tunnel() != null && policy.proxyProtocol() != null) {
            f.error(path, "tunnel and proxyProtocol must not be set together");
            return;
        }
        outlier(policy.outlierDetection(), path + ".outlierDetection", f);
        ConnectionPoolRules.validate(policy.connectionPool(), path + ".connectionPool", f);
        loadBalancer(policy.loadBalancer(), policy.outlierDetection(), path + ".loadBalancer", f);
        tls(namespace, policy.tls(), path + ".tls", f);
        for (int i = 0; i < policy.portLevelSettings().size(); i++) {
            port(namespace, policy.portLevelSettings().get(i), path + ".portLevelSettings[" + i + "]", f);
        }
        tunnel(policy.tunnel(), path + ".tunnel", f);
        if (policy.proxyProtocol() != null) {
            String v = policy.proxyProtocol().version();
            if (!v.isEmpty() && !v.equals("V1") && !v.equals("V2") && !v.equals("0") && !v.equals("1")) {
                f.error(path + ".proxyProtocol.version", "proxy protocol version is invalid: " + v);
            }
        }
    }

    /** {@code validatePortTrafficPolicies} for one entry. */
    private static void port(String namespace, TrafficPolicy.PortPolicy p, String path, Findings f) {
        if (p.port() == null) {
            f.error(path + ".port", "portTrafficPolicy must have valid port");
        }
        if (p.outlierDetection() == null && p.connectionPool() == null && p.loadBalancer() == null && p.tls() == null) {
            f.error(path, "port traffic policy must have at least one field");
            return;
        }
        outlier(p.outlierDetection(), path + ".outlierDetection", f);
        ConnectionPoolRules.validate(p.connectionPool(), path + ".connectionPool", f);
        loadBalancer(p.loadBalancer(), p.outlierDetection(), path + ".loadBalancer", f);
        tls(namespace, p.tls(), path + ".tls", f);
    }

    private static void outlier(TrafficPolicy.OutlierDetection o, String path, Findings f) {
        if (o == null) {
            return;
        }
        duration(o.baseEjectionTime(), path + ".baseEjectionTime", f);
        if (o.consecutiveErrors() != 0) {
            f.warning(path + ".consecutiveErrors", "outlier detection consecutive errors is deprecated, use "
                    + "consecutiveGatewayErrors or consecutive5xxErrors instead");
        }
        if (!o.splitExternalLocalOriginErrors() && o.consecutiveLocalOriginFailures() != null
                && o.consecutiveLocalOriginFailures() > 0) {
            f.error(path + ".consecutiveLocalOriginFailures", "outlier detection consecutive local origin failures "
                    + "is specified, but split external local origin errors is set to false");
        }
        duration(o.interval(), path + ".interval", f);
        percent(o.maxEjectionPercent(), path + ".maxEjectionPercent", f);
        percent(o.minHealthPercent(), path + ".minHealthPercent", f);
    }

    private static void loadBalancer(TrafficPolicy.LoadBalancer lb, TrafficPolicy.OutlierDetection outlier,
                                     String path, Findings f) {
        if (lb == null) {
            return;
        }
        TrafficPolicy.ConsistentHash ch = lb.consistentHash();
        if (ch != null) {
            String cp = path + ".consistentHash";
            TrafficPolicy.HttpCookie cookie = ch.httpCookie();
            if (cookie != null && cookie.name().isEmpty()) {
                f.error(cp + ".httpCookie.name", "name required for HttpCookie");
            }
            if (cookie != null) {
                Set<String> names = new HashSet<>();
                for (int i = 0; i < cookie.attributes().size(); i++) {
                    String name = cookie.attributes().get(i).getKey();
                    String ap = cp + ".httpCookie.attributes[" + i + "].name";
                    if (name.isEmpty()) {
                        f.error(ap, "cookie attribute name cannot be empty");
                    } else if (!names.add(name)) {
                        f.error(ap, "duplicate cookie attribute name: " + name);
                    }
                }
            }
            if (ch.minimumRingSize() != 0) {
                f.warning(cp + ".minimumRingSize", "consistent hash MinimumRingSize is deprecated, use "
                        + "ConsistentHashLB's RingHash configuration instead");
                if (ch.ringHash() || ch.maglev()) {
                    f.error(cp + ".minimumRingSize", "only one of MinimumRingSize or Maglev/Ringhash can be specified");
                }
            }
            if (ch.maglev()) {
                String tp = cp + ".maglev.tableSize";
                if (ch.maglevTableSize() == 0) {
                    f.error(tp, "tableSize must be set for maglev");
                }
                if (ch.maglevTableSize() >= 5000011) {
                    f.error(tp, "tableSize must be less than 5000011 for maglev");
                }
                if (!isPrime(ch.maglevTableSize())) {
                    f.error(tp, "tableSize must be a prime number for maglev");
                }
            }
        }
        if (lb.localityLbSetting() != null && lb.zoneAware()) {
            f.error(path, "only one of localityLbSetting and zoneAwareLbSetting can be set");
        }
        LocalityRules.validate(lb.localityLbSetting(), outlier != null, path + ".localityLbSetting", f);
        LocalityRules.validateZoneAware(lb.zoneAwareLbSetting(), outlier != null, path + ".zoneAwareLbSetting", f);
        TrafficPolicy.Warmup w = lb.warmup();
        if (w != null) {
            if (w.duration() == null) {
                f.error(path + ".warmup.duration", "duration is required");
            } else {
                duration(w.duration(), path + ".warmup.duration", f);
            }
            if (w.minimumPercent() != null && w.minimumPercent() > 100) {
                f.error(path + ".warmup.minimumPercent", "minimumPercent value should be less than or equal to 100");
            }
            if (w.aggression() != null && w.aggression() <= 0) {
                f.error(path + ".warmup.aggression", "aggression should be greater than 0");
            }
        }
    }

    /** {@code agent.ValidateTLS}, and what sidecars then receive for a credentialName. */
    private static void tls(String namespace, TrafficPolicy.ClientTls tls, String path, Findings f) {
        if (tls == null) {
            return;
        }
        String cred = tls.credentialName();
        if (cred.startsWith("configmap://")) {
            String rest = cred.substring("configmap://".length());
            String ns = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : namespace;
            if (rest.isEmpty() || rest.endsWith("/")) {
                f.error(path + ".credentialName", "invalid configmap:// credentialName: invalid resource name \""
                        + cred + "\"");
            } else if (!ns.equals(namespace) || namespace.isEmpty()) {
                f.error(path + ".credentialName", "invalid configmap:// credentialName: namespace must match the "
                        + "configuration namespace \"" + namespace + "\"");
            }
        }
        boolean simple = tls.mode().equals("SIMPLE");
        boolean mutual = tls.mode().equals("MUTUAL");
        if (Boolean.TRUE.equals(tls.insecureSkipVerify())) {
            if (simple && (!tls.caCertificates().isEmpty() || !cred.isEmpty() || tls.subjectAltNames() != null)) {
                f.error(path + ".insecureSkipVerify", "cannot specify CaCertificates or CredentialName or "
                        + "SubjectAltNames when InsecureSkipVerify is set true");
            }
            if (mutual && (!tls.caCertificates().isEmpty() || tls.subjectAltNames() != null)) {
                f.error(path + ".insecureSkipVerify",
                        "cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true");
            }
        }
        if ((simple || mutual) && !cred.isEmpty()) {
            if (!tls.clientCertificate().isEmpty() || !tls.caCertificates().isEmpty() || !tls.privateKey().isEmpty()
                    || !tls.caCrl().isEmpty()) {
                f.error(path + ".credentialName",
                        "cannot specify client certificates or CA certificate or CA CRL If credentialName is set");
            }
            return;
        }
        if (mutual) {
            if (tls.clientCertificate().isEmpty()) {
                f.error(path + ".clientCertificate", "client certificate required for mutual tls");
            }
            if (tls.privateKey().isEmpty()) {
                f.error(path + ".privateKey", "private key required for mutual tls");
            }
        }
    }

    /**
     * meshscope's warning for what istiod does with a credentialName in a DestinationRule without
     * {@code workloadSelector}: sidecars receive no TLS at all for it (only gateways and selected workloads do).
     */
    static void credentialWithoutSelector(TrafficPolicy policy, boolean selector, String path, Findings f) {
        if (policy == null || selector) {
            return;
        }
        credentialWithoutSelector(policy.tls(), path + ".tls", f);
        for (int i = 0; i < policy.portLevelSettings().size(); i++) {
            credentialWithoutSelector(policy.portLevelSettings().get(i).tls(),
                    path + ".portLevelSettings[" + i + "].tls", f);
        }
    }

    private static void credentialWithoutSelector(TrafficPolicy.ClientTls tls, String path, Findings f) {
        if (tls != null && !tls.credentialName().isEmpty() && !tls.credentialName().startsWith("configmap://")
                && (tls.mode().equals("SIMPLE") || tls.mode().equals("MUTUAL"))) {
            f.warning(path + ".credentialName", "credentialName in a DestinationRule without workloadSelector is "
                    + "used by gateways only: sidecars get no TLS for this destination (as in istiod)");
        }
    }

    private static void tunnel(TrafficPolicy.Tunnel t, String path, Findings f) {
        if (t == null) {
            return;
        }
        if (!t.protocol().isEmpty() && !t.protocol().equals("CONNECT") && !t.protocol().equals("POST")) {
            f.error(path + ".protocol", "tunnel protocol must be \"CONNECT\" or \"POST\"");
        }
        String fqdn = HostnameRules.validateFqdn(t.targetHost());
        String ip = PortRules.validateIpAddress(t.targetHost());
        if (fqdn != null && ip != null) {
            f.error(path + ".targetHost", "tunnel target host must be valid FQDN or IP address: " + fqdn + "; " + ip);
        }
        String port = PortRules.validatePort(t.targetPort());
        if (port != null) {
            f.error(path + ".targetPort", "tunnel target port is invalid: " + port);
        }
    }

    private static void duration(String text, String path, Findings f) {
        if (text == null) {
            return;
        }
        long nanos;
        try {
            nanos = GoDuration.parseNanos(text.trim());
        } catch (IllegalArgumentException e) {
            f.error(path, "bad Duration: " + e.getMessage());
            return;
        }
        f.error(path, GoDuration.validateDuration(nanos));
    }

    private static void percent(long v, String path, Findings f) {
        if (v < 0 || v > 100) {
            f.error(path, "percentage " + v + " is not in range 0..100");
        }
    }

    /** Envoy's {@code isPrime}, as Istio copies it. */
    static boolean isPrime(long x) {
        if (x != 0 && x < 4) {
            return true;
        }
        if ((x & 1) == 0) {
            return false;
        }
        long limit = (long) Math.sqrt((double) x);
        for (long factor = 3; factor <= limit; factor += 2) {
            if (x % factor == 0) {
                return false;
            }
        }
        return true;
    }
}
