package io.meshscope.xds;

import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshscope.core.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The endpoint half of locality load balancing: istiod's {@code ApplyLocalityLoadBalancer} and
 * {@code ApplyZoneAwareLoadBalancer} ({@code pilot/pkg/networking/core/loadbalancer/loadbalancer.go}) over one
 * cluster's locality groups, relative to the calling proxy's locality and labels.
 */
final class LocalityLoadBalancer {
    /** One locality group and the endpoints behind its {@code lb_endpoints}, in the same order. */
    record Group(LocalityLbEndpoints group, List<EndpointIndex.Ep> endpoints) {
    }

    private LocalityLoadBalancer() {
    }

    /**
     * {@code LBSettings.ApplyToLoadAssignment}: the groups with priorities (and, for {@code distribute}, weights)
     * for a proxy in {@code proxy} with (augmented) {@code proxyLabels}.
     */
    static List<LocalityLbEndpoints> apply(LocalityLbPolicy p, List<Group> groups,
                                           io.meshscope.core.model.Locality proxy, Map<String, String> proxyLabels) {
        List<LocalityLbEndpoints.Builder> out = new ArrayList<>();
        groups.forEach(g -> out.add(g.group().toBuilder()));
        if (p.zoneAware() != null) {
            TrafficPolicy.ZoneAware z = p.zoneAware();
            List<LocalityLbEndpoints.Builder> eps = out;
            if (!z.failoverPriority().isEmpty()) {
                eps = failoverPriorities(groups, proxyLabels, z.failoverPriority(), eps);
            }
            zoneAwareRegionalFailover(proxy, eps, z.failover());
            return build(eps);
        }
        TrafficPolicy.LocalityLb l = p.locality();
        if (!l.distribute().isEmpty()) {
            localityWeights(proxy, out, l.distribute());
        } else if (p.outlier()) {
            List<LocalityLbEndpoints.Builder> eps = out;
            if (!l.failoverPriority().isEmpty()) {
                eps = failoverPriorities(groups, proxyLabels, l.failoverPriority(), eps);
                if (!l.failover().isEmpty()) {
                    localityFailover(proxy, eps, l.failover());
                }
            } else {
                localityFailover(proxy, eps, l.failover());
            }
            return build(eps);
        }
        return build(out);
    }

    private static List<LocalityLbEndpoints> build(List<LocalityLbEndpoints.Builder> eps) {
        List<LocalityLbEndpoints> out = new ArrayList<>(eps.size());
        eps.forEach(b -> out.add(b.build()));
        return out;
    }

    /** {@code util.LocalityMatch}: a rule locality with {@code *} or omitted parts matches any value there. */
    static boolean localityMatch(Locality proxy, String rule) {
        io.meshscope.core.model.Locality r = io.meshscope.core.model.Locality.parse(rule);
        return (r.region().equals("*") || proxy.getRegion().equals(r.region()))
                && (r.zone().equals("*") || r.zone().isEmpty() || proxy.getZone().equals(r.zone()))
                && (r.subZone().equals("*") || r.subZone().isEmpty() || proxy.getSubZone().equals(r.subZone()));
    }

    private static Locality envoy(io.meshscope.core.model.Locality l) {
        return Locality.newBuilder().setRegion(l.region()).setZone(l.zone()).setSubZone(l.subZone()).build();
    }

    /**
     * {@code applyLocalityWeights}: the first {@code distribute} entry whose {@code from} matches the proxy sets
     * each matched group's weight to its share of the target weight (rounded up); groups no {@code to} matches
     * lose their endpoints. {@code to} is taken in written order (istiod iterates a Go map, so when two keys match
     * one group, which one claims it varies there).
     */
    private static void localityWeights(io.meshscope.core.model.Locality proxy, List<LocalityLbEndpoints.Builder> eps,
                                        List<TrafficPolicy.LocalityLb.Distribute> distribute) {
        Locality self = envoy(proxy);
        for (TrafficPolicy.LocalityLb.Distribute d : distribute) {
            if (!localityMatch(self, d.from())) {
                continue;
            }
            boolean[] matched = new boolean[eps.size()];
            for (Map.Entry<String, Long> to : d.to().entrySet()) {
                Map<Integer, Long> dest = new TreeMap<>();
                long total = 0;
                for (int i = 0; i < eps.size(); i++) {
                    if (!matched[i] && localityMatch(eps.get(i).getLocality(), to.getKey())) {
                        matched[i] = true;
                        long w = eps.get(i).hasLoadBalancingWeight() ? eps.get(i).getLoadBalancingWeight().getValue() : 1;
                        dest.put(i, w);
                        total += w;
                    }
                }
                for (Map.Entry<Integer, Long> e : dest.entrySet()) {
                    // uint32 arithmetic as in Go: originalWeight*weight wraps at 2^32 (never in practice).
                    double w = (double) ((e.getValue() * to.getValue()) & 0xFFFFFFFFL) / total;
                    if (w > 0) {
                        eps.get(e.getKey()).setLoadBalancingWeight(Protos.u32((int) Math.ceil(w)));
                    }
                }
            }
            for (int i = 0; i < eps.size(); i++) {
                if (!matched[i]) {
                    eps.get(i).clearLbEndpoints();
                }
            }
            return;
        }
    }

    /** {@code util.LbPriority}: 0 same subzone, 1 same zone, 2 same region, 3 otherwise. */
    private static int lbPriority(Locality proxy, Locality ep) {
        if (proxy.getRegion().equals(ep.getRegion())) {
            if (proxy.getZone().equals(ep.getZone())) {
                return proxy.getSubZone().equals(ep.getSubZone()) ? 0 : 1;
            }
            return 2;
        }
        return 3;
    }

    /**
     * {@code applyLocalityFailover}: priority by how much of the proxy's locality a group shares, an explicit
     * {@code failover} of the proxy's region demoting other regions below its target, composed with priorities
     * already assigned (times 5) and compacted to 0..N.
     */
    private static void localityFailover(io.meshscope.core.model.Locality proxy, List<LocalityLbEndpoints.Builder> eps,
                                         List<TrafficPolicy.LocalityLb.Failover> failover) {
        Locality self = envoy(proxy);
        int[] prio = new int[eps.size()];
        for (int i = 0; i < eps.size(); i++) {
            int priority = lbPriority(self, eps.get(i).getLocality());
            if (priority == 3) {
                for (TrafficPolicy.LocalityLb.Failover f : failover) {
                    if (f.from().equals(proxy.region())) {
                        if (!eps.get(i).getLocality().getRegion().equals(f.to())) {
                            priority = 4;
                        }
                        break;
                    }
                }
            }
            prio[i] = eps.get(i).getPriority() * 5 + priority;
        }
        compact(eps, prio);
    }

    /**
     * {@code applyZoneAwareRegionalFailover}: the proxy's region first, a failover target region next, every other
     * region last, composed with priorities already assigned (times 3) and compacted.
     */
    private static void zoneAwareRegionalFailover(io.meshscope.core.model.Locality proxy,
                                                  List<LocalityLbEndpoints.Builder> eps,
                                                  List<TrafficPolicy.LocalityLb.Failover> failover) {
        int[] prio = new int[eps.size()];
        for (int i = 0; i < eps.size(); i++) {
            String region = eps.get(i).getLocality().getRegion();
            int priority;
            if (region.equals(proxy.region())) {
                priority = 0;
            } else {
                priority = 2;
                for (TrafficPolicy.LocalityLb.Failover f : failover) {
                    if (f.from().equals(proxy.region())) {
                        if (region.equals(f.to())) {
                            priority = 1;
                        }
                        break;
                    }
                }
            }
            prio[i] = eps.get(i).getPriority() * 3 + priority;
        }
        compact(eps, prio);
    }

    /** Priorities must run from 0 without gaps: each distinct value becomes its rank. */
    private static void compact(List<LocalityLbEndpoints.Builder> eps, int[] prio) {
        TreeMap<Integer, Integer> rank = new TreeMap<>();
        for (int p : prio) {
            rank.put(p, 0);
        }
        int r = 0;
        for (Map.Entry<Integer, Integer> e : rank.entrySet()) {
            e.setValue(r++);
        }
        for (int i = 0; i < eps.size(); i++) {
            eps.get(i).setPriority(rank.get(prio[i]));
        }
    }

    /**
     * {@code applyFailoverPriorities}: each group split by how many of the priority labels (in order) its
     * endpoints share with the proxy ({@code label=value} compares with that value instead), a first
     * {@code topology.istio.io/network} label only ranking after the rest; then priorities compacted. Nothing
     * changes for a proxy without labels.
     */
    private static List<LocalityLbEndpoints.Builder> failoverPriorities(List<Group> groups,
                                                                        Map<String, String> proxyLabels,
                                                                        List<String> priorities,
                                                                        List<LocalityLbEndpoints.Builder> current) {
        if (proxyLabels.isEmpty() || groups.isEmpty()) {
            return current;
        }
        List<String> names = new ArrayList<>();
        Map<String, String> overrides = new HashMap<>();
        for (String p : priorities) {
            String[] kv = p.split("=", -1);
            names.add(kv[0]);
            if (kv.length == 2) {
                overrides.put(kv[0], kv[1]);
            }
        }
        int lowest = priorities.size();
        boolean includesNetwork = priorities.get(0).equals(LocalityLbPolicy.NETWORK_LABEL);
        List<LocalityLbEndpoints.Builder> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            LocalityLbEndpoints base = current.get(g).build();
            List<EndpointIndex.Ep> eps = groups.get(g).endpoints();
            TreeMap<Integer, List<Integer>> byPriority = new TreeMap<>();
            for (int i = 0; i < eps.size(); i++) {
                Map<String, String> epLabels = LocalityLbPolicy.augment(eps.get(i).labels(),
                        new io.meshscope.core.model.Locality(eps.get(i).region(), eps.get(i).zone(), eps.get(i).subZone()));
                int priority = 0;
                int adjust = 0;
                for (int j = 0; j < names.size(); j++) {
                    String label = names.get(j);
                    String forProxy = overrides.containsKey(label) ? overrides.get(label)
                            : proxyLabels.getOrDefault(label, "");
                    if (!forProxy.equals(epLabels.getOrDefault(label, ""))) {
                        if (j == 0 && includesNetwork) {
                            adjust = priorities.size(); // a network mismatch only ranks after every other match
                            continue;
                        }
                        priority = lowest - j;
                        break;
                    }
                }
                byPriority.computeIfAbsent(priority + adjust, k -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<Integer, List<Integer>> e : byPriority.entrySet()) {
                LocalityLbEndpoints.Builder b = base.toBuilder().clearLbEndpoints().setPriority(e.getKey());
                long weight = 0;
                for (int index : e.getValue()) {
                    LbEndpoint lb = base.getLbEndpoints(index);
                    b.addLbEndpoints(lb);
                    weight += lb.getLoadBalancingWeight().getValue();
                }
                out.add(b.setLoadBalancingWeight(Protos.u32((int) weight)));
            }
        }
        int[] prio = new int[out.size()];
        for (int i = 0; i < out.size(); i++) {
            prio[i] = out.get(i).getPriority();
        }
        compact(out, prio);
        return out;
    }
}
