package io.meshscope.core.validate;

import io.meshscope.core.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Istio's {@code agent.ValidateLocalityLbSetting} and {@code validateLocalities}, with Istio's messages. */
final class LocalityRules {
    private static final List<String> TOPOLOGY_LABELS = List.of("topology.kubernetes.io/region",
            "topology.kubernetes.io/zone", "topology.istio.io/subzone");

    private LocalityRules() {
    }

    /**
     * {@code agent.ValidateZoneAwareLbSetting}: no region/zone/subzone label in {@code failoverPriority} (Envoy
     * routes by zone itself), failover between distinct plain regions, and outlier detection for failover.
     */
    static void validateZoneAware(TrafficPolicy.ZoneAware lb, boolean outlier, String path, Findings f) {
        if (lb == null) {
            return;
        }
        for (int i = 0; i < lb.failoverPriority().size(); i++) {
            String label = lb.failoverPriority().get(i);
            if (TOPOLOGY_LABELS.contains(label)) {
                f.error(path + ".failoverPriority[" + i + "]", "'failover_priority' for zone aware lb must not use "
                        + "topology label '" + label + "'; region- and zone-level routing are handled automatically");
            }
        }
        if ((!lb.failover().isEmpty() || !lb.failoverPriority().isEmpty()) && !outlier) {
            f.warning(path, "outlier detection policy must be provided for failover");
        }
        for (int i = 0; i < lb.failover().size(); i++) {
            TrafficPolicy.LocalityLb.Failover fo = lb.failover().get(i);
            String fp = path + ".failover[" + i + "]";
            if (fo.from().equals(fo.to())) {
                f.error(fp, "zone aware lb failover settings must specify different regions");
            }
            if (fo.from().contains("/") || fo.to().contains("/")) {
                f.error(fp, "zone aware lb failover only specifies region; zone and subzone failover are handled "
                        + "automatically");
            }
            if (fo.from().contains("*") || fo.to().contains("*")) {
                f.error(fp, "zone aware lb failover region should not contain '*' wildcard");
            }
        }
    }

    static void validate(TrafficPolicy.LocalityLb lb, boolean outlier, String path, Findings f) {
        if (lb == null) {
            return;
        }
        if (!lb.distribute().isEmpty() && !lb.failover().isEmpty()) {
            f.error(path, "can not simultaneously specify 'distribute' and 'failover'");
            return;
        }
        if (!lb.failover().isEmpty()) {
            for (String label : lb.failoverPriority()) {
                if (TOPOLOGY_LABELS.contains(label)) {
                    f.error(path + ".failoverPriority", "can not simultaneously set 'failover' and topology label '"
                            + label + "' in 'failover_priority'");
                    return;
                }
            }
        }
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < lb.distribute().size(); i++) {
            TrafficPolicy.LocalityLb.Distribute d = lb.distribute().get(i);
            String dp = path + ".distribute[" + i + "]";
            sources.add(d.from());
            long total = 0;
            for (Map.Entry<String, Long> e : d.to().entrySet()) {
                if (e.getValue() <= 0 || e.getValue() > 100) {
                    f.error(dp + ".to", "locality weight must be in range [1, 100]");
                    return;
                }
                total += e.getValue();
            }
            if (total != 100) {
                f.error(dp + ".to", "total locality weight " + total + " != 100");
                return;
            }
            f.error(dp + ".to", localities(new ArrayList<>(d.to().keySet())));
        }
        f.error(path + ".distribute", localities(sources));
        if ((!lb.failover().isEmpty() || !lb.failoverPriority().isEmpty()) && !outlier) {
            f.warning(path, "outlier detection policy must be provided for failover");
        }
        for (int i = 0; i < lb.failover().size(); i++) {
            TrafficPolicy.LocalityLb.Failover fo = lb.failover().get(i);
            String fp = path + ".failover[" + i + "]";
            if (fo.from().equals(fo.to())) {
                f.error(fp, "locality lb failover settings must specify different regions");
            }
            if (fo.from().contains("/") || fo.to().contains("/")) {
                f.error(fp, "locality lb failover only specify region");
            }
            if (fo.from().contains("*") || fo.to().contains("*")) {
                f.error(fp, "locality lb failover region should not contain '*' wildcard");
            }
        }
    }

    /** {@code validateLocalities}: one trailing wildcard at most, no empty parts, no overlaps. Null when valid. */
    static String localities(List<String> localities) {
        Map<String, Map<String, Map<String, Boolean>>> seen = new HashMap<>();
        for (String locality : localities) {
            long stars = locality.chars().filter(c -> c == '*').count();
            if (stars > 0 && (stars > 1 || !locality.endsWith("*"))) {
                return "locality " + locality + " wildcard '*' number can not exceed 1 and must be in the end";
            }
            if (seen.containsKey("*")) {
                return overlap(locality);
            }
            String[] items = locality.split("/", 3);
            if (locality.isEmpty() || locality.endsWith("/") || List.of(items).contains("")) {
                return "locality " + locality + " must not contain empty region/zone/subzone info";
            }
            String region = items[0];
            String zone = items.length > 1 ? items[1] : null;
            String subzone = items.length > 2 ? items[2] : null;
            Map<String, Map<String, Boolean>> r = seen.get(region);
            if (zone == null) {
                if (r != null) {
                    return overlap(locality);
                }
                seen.put(region, new HashMap<>(Map.of("*", new HashMap<>(Map.of("*", true)))));
            } else if (subzone == null) {
                if (r != null && (r.containsKey("*") || r.containsKey(zone))) {
                    return overlap(locality);
                }
                seen.computeIfAbsent(region, k -> new HashMap<>()).put(zone, new HashMap<>(Map.of("*", true)));
            } else {
                if (r != null) {
                    if (r.containsKey("*")) {
                        return overlap(locality);
                    }
                    Map<String, Boolean> z = r.get(zone);
                    if (z != null && (Boolean.TRUE.equals(z.get("*")) || Boolean.TRUE.equals(z.get(subzone)))) {
                        return overlap(locality);
                    }
                }
                seen.computeIfAbsent(region, k -> new HashMap<>()).computeIfAbsent(zone, k -> new HashMap<>())
                        .put(subzone, true);
            }
        }
        return null;
    }

    private static String overlap(String locality) {
        return "locality " + locality + " overlap with previous specified ones";
    }
}
