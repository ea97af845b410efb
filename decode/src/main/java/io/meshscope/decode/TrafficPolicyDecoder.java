package io.meshscope.decode;

import io.meshscope.core.model.HttpMatch.NotGenerated;
import io.meshscope.core.model.TrafficPolicy;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DestinationRule {@code trafficPolicy} (top level or a subset's) into {@link TrafficPolicy}. Fields meshscope
 * reads but does not generate are listed in {@link TrafficPolicy#notGenerated()}, so validation warns at them.
 */
final class TrafficPolicyDecoder {
    private static final long UINT32_MAX = 4294967295L;
    private static final Set<String> POLICY = Set.of("loadBalancer", "connectionPool", "outlierDetection", "tls",
            "portLevelSettings", "tunnel", "proxyProtocol", "retryBudget");
    private static final Set<String> PORT_POLICY = Set.of("port", "loadBalancer", "connectionPool",
            "outlierDetection", "tls");
    /** {@code LoadBalancerSettings.SimpleLB} and {@code ClientTLSSettings.TLSmode}, as Istio's CRD lists them. */
    private static final List<String> SIMPLE_LB =
            List.of("UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST");
    private static final List<String> TLS_MODES = List.of("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL");
    private static final Set<String> LOAD_BALANCER = Set.of("simple", "consistentHash", "localityLbSetting",
            "zoneAwareLbSetting", "warmupDurationSecs", "warmup");
    private static final Set<String> CONSISTENT_HASH = Set.of("httpHeaderName", "httpCookie", "useSourceIp",
            "httpQueryParameterName", "ringHash", "maglev", "minimumRingSize");
    private static final Set<String> OUTLIER = Set.of("consecutiveErrors", "consecutiveLocalOriginFailures",
            "consecutiveGatewayErrors", "consecutive5xxErrors", "interval", "baseEjectionTime", "maxEjectionPercent",
            "minHealthPercent", "splitExternalLocalOriginErrors", "outlierDetectionHttpErrorCodes");
    private static final Set<String> TLS = Set.of("mode", "clientCertificate", "privateKey", "caCertificates",
            "credentialName", "subjectAltNames", "sni", "insecureSkipVerify", "caCrl");
    private static final Set<String> POOL = Set.of("tcp", "http");

    private TrafficPolicyDecoder() {
    }

    /** null when {@code policy} is absent. */
    static TrafficPolicy policy(NodeReader policy) {
        if (!policy.isMapping()) {
            return null;
        }
        List<NotGenerated> notGenerated = new ArrayList<>();
        unknown(policy, POLICY, "", notGenerated);
        blocks(policy, "", notGenerated);
        List<TrafficPolicy.PortPolicy> ports = new ArrayList<>();
        List<NodeReader> portItems = policy.get("portLevelSettings").items();
        for (int i = 0; i < portItems.size(); i++) {
            NodeReader p = portItems.get(i);
            if (!p.isMapping()) {
                ports.add(new TrafficPolicy.PortPolicy(null, null, null, null, null));
                continue;
            }
            unknown(p, PORT_POLICY, "portLevelSettings[" + i + "].", notGenerated);
            blocks(p, "portLevelSettings[" + i + "].", notGenerated);
            Long number = p.get("port").get("number").integer(0, UINT32_MAX);
            ports.add(new TrafficPolicy.PortPolicy(number == null ? null : number.intValue(),
                    loadBalancer(p.get("loadBalancer"), "portLevelSettings[" + i + "].loadBalancer", notGenerated),
                    SidecarParts.connectionPool(p.get("connectionPool")), outlier(p.get("outlierDetection"),
                    "portLevelSettings[" + i + "].outlierDetection", notGenerated), tls(p.get("tls"))));
        }
        NodeReader pp = policy.get("proxyProtocol");
        NodeReader tunnel = policy.get("tunnel");
        NodeReader rb = policy.get("retryBudget");
        if (rb.isMapping() && rb.get("budgetInterval").isPresent()) {
            notGenerated.add(new NotGenerated("retryBudget.budgetInterval", "the Envoy API meshscope builds against "
                    + "has no retry_budget.budget_interval; the budget's percent and minimum concurrency are generated"));
        }
        TrafficPolicy.RetryBudget retryBudget = rb.isMapping() ? new TrafficPolicy.RetryBudget(
                number(rb.get("percent")), rb.get("budgetInterval").string(),
                orZero(rb.get("minRetryConcurrency").integer(0, UINT32_MAX))) : null;
        return new TrafficPolicy(loadBalancer(policy.get("loadBalancer"), "loadBalancer", notGenerated),
                SidecarParts.connectionPool(policy.get("connectionPool")),
                outlier(policy.get("outlierDetection"), "outlierDetection", notGenerated), tls(policy.get("tls")),
                pp.isMapping() ? new TrafficPolicy.ProxyProtocol(pp.get("version").stringOr("")) : null,
                tunnel.isMapping() ? new TrafficPolicy.Tunnel(tunnel.get("protocol").stringOr(""),
                        tunnel.get("targetHost").stringOr(""),
                        orZero(tunnel.get("targetPort").integer(0, UINT32_MAX))) : null,
                ports, retryBudget, notGenerated);
    }

    private static TrafficPolicy.LoadBalancer loadBalancer(NodeReader lb, String path, List<NotGenerated> ng) {
        if (!lb.isMapping()) {
            return null;
        }
        TrafficPolicy.ConsistentHash hash = consistentHash(lb.get("consistentHash"));
        TrafficPolicy.LocalityLb locality = locality(lb.get("localityLbSetting"));
        TrafficPolicy.ZoneAware zoneAware = zoneAware(lb.get("zoneAwareLbSetting"));
        NodeReader w = lb.get("warmup");
        TrafficPolicy.Warmup warmup = w.isMapping() ? new TrafficPolicy.Warmup(w.get("duration").string(),
                number(w.get("minimumPercent")), number(w.get("aggression"))) : null;
        return new TrafficPolicy.LoadBalancer(lb.get("simple").enumName(SIMPLE_LB, ""), hash, locality, warmup,
                lb.get("warmupDurationSecs").string(), zoneAware);
    }

    private static TrafficPolicy.ConsistentHash consistentHash(NodeReader ch) {
        if (!ch.isMapping()) {
            return null;
        }
        NodeReader cookie = ch.get("httpCookie");
        TrafficPolicy.HttpCookie httpCookie = null;
        if (cookie.isMapping()) {
            List<Map.Entry<String, String>> attributes = new ArrayList<>();
            for (NodeReader a : cookie.get("attributes").items()) {
                if (a.isMapping()) {
                    attributes.add(new AbstractMap.SimpleImmutableEntry<>(a.get("name").stringOr(""),
                            a.get("value").stringOr("")));
                }
            }
            httpCookie = new TrafficPolicy.HttpCookie(cookie.get("name").stringOr(""), cookie.get("path").stringOr(""),
                    cookie.get("ttl").string(), attributes);
        }
        NodeReader ring = ch.get("ringHash");
        NodeReader maglev = ch.get("maglev");
        return new TrafficPolicy.ConsistentHash(ch.get("httpHeaderName").string(), httpCookie,
                ch.get("useSourceIp").bool(), ch.get("httpQueryParameterName").string(),
                ring.isMapping(), ring.isMapping() ? orZero(ring.get("minimumRingSize").integer(0, Long.MAX_VALUE)) : 0,
                maglev.isMapping(), maglev.isMapping() ? orZero(maglev.get("tableSize").integer(0, Long.MAX_VALUE)) : 0,
                orZero(ch.get("minimumRingSize").integer(0, Long.MAX_VALUE)));
    }

    /** A {@code ZoneAwareLoadBalancerSetting} (DestinationRule or MeshConfig); null when absent. */
    static TrafficPolicy.ZoneAware zoneAware(NodeReader z) {
        if (!z.isMapping()) {
            return null;
        }
        List<TrafficPolicy.LocalityLb.Failover> failover = new ArrayList<>();
        for (NodeReader f : z.get("failover").items()) {
            if (f.isMapping()) {
                failover.add(new TrafficPolicy.LocalityLb.Failover(f.get("from").stringOr(""), f.get("to").stringOr("")));
            }
        }
        List<String> priority = new ArrayList<>();
        for (String s : z.get("failoverPriority").strings()) {
            priority.add(s == null ? "" : s);
        }
        return new TrafficPolicy.ZoneAware(z.get("enabled").bool(), z.get("minClusterSize").integer(0, UINT32_MAX),
                failover, priority);
    }

    /** A {@code LocalityLoadBalancerSetting} (DestinationRule or MeshConfig); null when absent. */
    static TrafficPolicy.LocalityLb locality(NodeReader l) {
        if (!l.isMapping()) {
            return null;
        }
        List<TrafficPolicy.LocalityLb.Distribute> distribute = new ArrayList<>();
        for (NodeReader d : l.get("distribute").items()) {
            if (d.isMapping()) {
                Map<String, Long> to = new LinkedHashMap<>();
                d.get("to").entries().forEach((k, v) -> to.put(k, orZero(v.integer(0, UINT32_MAX))));
                distribute.add(new TrafficPolicy.LocalityLb.Distribute(d.get("from").stringOr(""), to));
            }
        }
        List<TrafficPolicy.LocalityLb.Failover> failover = new ArrayList<>();
        for (NodeReader f : l.get("failover").items()) {
            if (f.isMapping()) {
                failover.add(new TrafficPolicy.LocalityLb.Failover(f.get("from").stringOr(""), f.get("to").stringOr("")));
            }
        }
        List<String> priority = new ArrayList<>();
        for (String s : l.get("failoverPriority").strings()) {
            priority.add(s == null ? "" : s);
        }
        return new TrafficPolicy.LocalityLb(l.get("enabled").bool(), distribute, failover, priority);
    }

    private static TrafficPolicy.OutlierDetection outlier(NodeReader o, String path, List<NotGenerated> ng) {
        if (!o.isMapping()) {
            return null;
        }
        NodeReader codesField = o.get("outlierDetectionHttpErrorCodes");
        if (codesField.isPresent()) {
            ng.add(new NotGenerated(path + ".outlierDetectionHttpErrorCodes",
                    "istiod sets them as the cluster's HttpProtocolOptions.outlier_detection.error_matcher, a field "
                            + "the Envoy API meshscope builds against does not have yet; the cluster's outlier "
                            + "detection counts Envoy's default errors instead"));
        }
        List<Long> codes = new ArrayList<>();
        for (NodeReader c : codesField.items()) {
            Long code = c.integer(0, UINT32_MAX);
            if (code != null) {
                codes.add(code);
            }
        }
        Boolean split = o.get("splitExternalLocalOriginErrors").bool();
        return new TrafficPolicy.OutlierDetection(o.get("consecutive5xxErrors").integer(0, UINT32_MAX),
                o.get("consecutiveGatewayErrors").integer(0, UINT32_MAX),
                orZero(o.get("consecutiveErrors").integer(Integer.MIN_VALUE, Integer.MAX_VALUE)),
                o.get("interval").string(), o.get("baseEjectionTime").string(),
                orZero(o.get("maxEjectionPercent").integer(Integer.MIN_VALUE, Integer.MAX_VALUE)),
                orZero(o.get("minHealthPercent").integer(Integer.MIN_VALUE, Integer.MAX_VALUE)),
                split != null && split, o.get("consecutiveLocalOriginFailures").integer(0, UINT32_MAX), codes);
    }

    private static TrafficPolicy.ClientTls tls(NodeReader t) {
        if (!t.isMapping()) {
            return null;
        }
        NodeReader sans = t.get("subjectAltNames");
        return new TrafficPolicy.ClientTls(t.get("mode").enumName(TLS_MODES, "DISABLE"), t.get("clientCertificate").stringOr(""),
                t.get("privateKey").stringOr(""), t.get("caCertificates").stringOr(""),
                t.get("credentialName").stringOr(""), sans.isPresent() ? sans.strings() : null,
                t.get("sni").stringOr(""), t.get("insecureSkipVerify").bool(), t.get("caCrl").stringOr(""));
    }

    /**
     * Fields no Istio version defines are ignored by istiod (the CRD preserves unknown fields), so a typo would
     * silently drop a setting: each is reported as not generated.
     */
    private static void unknown(NodeReader mapping, Set<String> known, String prefix, List<NotGenerated> out) {
        if (!(mapping.node() instanceof YNode.Mapping)) {
            return;
        }
        for (String key : mapping.entries().keySet()) {
            if (!known.contains(key)) {
                out.add(new NotGenerated(prefix + key, "unknown field"));
            }
        }
    }

    private static void blocks(NodeReader policy, String prefix, List<NotGenerated> out) {
        unknown(policy.get("loadBalancer"), LOAD_BALANCER, prefix + "loadBalancer.", out);
        unknown(policy.get("loadBalancer").get("consistentHash"), CONSISTENT_HASH,
                prefix + "loadBalancer.consistentHash.", out);
        unknown(policy.get("outlierDetection"), OUTLIER, prefix + "outlierDetection.", out);
        unknown(policy.get("tls"), TLS, prefix + "tls.", out);
        unknown(policy.get("connectionPool"), POOL, prefix + "connectionPool.", out);
    }

    private static Double number(NodeReader n) {
        String s = n.string();
        if (s == null) {
            return null;
        }
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            n.error(Diagnostics.TYPE, "expected a number, got " + s);
            return null;
        }
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
