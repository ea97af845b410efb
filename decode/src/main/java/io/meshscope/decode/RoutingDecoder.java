package io.meshscope.decode;

import io.meshscope.core.model.DestinationRule;
import io.meshscope.core.model.HttpActions;
import io.meshscope.core.model.HttpMatch;
import io.meshscope.core.model.L4Match;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.VirtualService;
import io.meshscope.core.model.WorkloadSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** VirtualServices and DestinationRules, with the fields scoping and route generation read. */
final class RoutingDecoder {
    /**
     * The rule of Istio webhook messages found while decoding (a null list item, a route without destination,
     * which the model cannot carry), as validation names its own.
     */
    static final String ISTIO = "istio";

    private RoutingDecoder() {
    }

    static VirtualService virtualService(NodeReader object, ObjectMeta meta) {
        NodeReader spec = object.get("spec");
        return new VirtualService(meta, ServiceDecoder.nonNull(spec.get("hosts").strings()),
                ServiceDecoder.nonNull(spec.get("gateways").strings()),
                ServiceDecoder.nonNull(spec.get("exportTo").strings()),
                routes(spec.get("http"), true), routes(spec.get("tcp"), false), routes(spec.get("tls"), false));
    }

    private static List<VirtualService.Route> routes(NodeReader list, boolean http) {
        List<VirtualService.Route> routes = new ArrayList<>();
        for (NodeReader route : list.items()) {
            if (http && !route.isPresent()) {
                route.error(ISTIO, "http route may not be null"); // validateHTTPRoute; a null TCP/TLS route passes
            }
            if (!route.isMapping()) {
                continue;
            }
            List<VirtualService.Match> matches = new ArrayList<>();
            for (NodeReader match : route.get("match").items()) {
                if (!http && !match.isPresent()) {
                    // validateTLSMatch / validateTCPMatch; a null HTTP match is skipped by Istio too.
                    match.error(ISTIO, list.path().endsWith("tls") ? "TLS match may not be null"
                            : "tcp match may not be nil");
                }
                if (match.isMapping()) {
                    if (http) {
                        matches.add(HttpRouteDecoder.match(match));
                        continue;
                    }
                    NodeReader uri = match.get("uri");
                    List<HttpMatch.NotGenerated> omitted = l4NotGenerated(match, list.path().endsWith("tls"));
                    L4Match l4 = new L4Match(ServiceDecoder.nonNull(match.get("destinationSubnets").strings()),
                            ServiceDecoder.nonNull(match.get("sniHosts").strings()),
                            match.get("sourceLabels").stringMap(),
                            ServiceDecoder.nonNull(match.get("gateways").strings()), omitted);
                    matches.add(new VirtualService.Match(match.get("sourceNamespace").stringOr(""),
                            uri.get("prefix").stringOr(""), uri.get("exact").stringOr(""),
                            uri.get("regex").stringOr(""), match.get("port").int32Or(0), null, l4));
                }
            }
            List<VirtualService.Destination> destinations = new ArrayList<>();
            for (NodeReader weighted : route.get("route").items()) {
                if (!weighted.isPresent()) {
                    weighted.error(ISTIO, "weight may not be nil");
                } else if (weighted.isMapping() && !weighted.get("destination").isPresent()) {
                    weighted.error(ISTIO, "destination is required");
                } else if (weighted.isMapping()) {
                    destinations.add(destination(weighted.get("destination"), weighted.get("weight").int32Or(0),
                            http ? HttpRouteDecoder.headerOps(weighted.get("headers")) : null, null));
                }
            }
            List<VirtualService.Destination> mirrors = new ArrayList<>();
            if (http) {
                if (route.get("mirror").isMapping()) {
                    mirrors.add(destination(route.get("mirror"), 0, null, HttpRouteDecoder.routeMirrorPercent(route)));
                }
                for (NodeReader mirror : route.get("mirrors").items()) {
                    if (!mirror.isPresent()) {
                        mirror.error(ISTIO, "mirror cannot be null");
                    } else if (mirror.isMapping() && !mirror.get("destination").isPresent()) {
                        mirror.error(ISTIO, "destination is required for mirrors");
                    } else if (mirror.isMapping()) {
                        Double pct = HttpRouteDecoder.percentage(mirror.get("percentage"));
                        mirrors.add(destination(mirror.get("destination"), 0, null,
                                pct == null ? null : new HttpActions.MirrorPercent(pct, false)));
                    }
                }
            }
            routes.add(new VirtualService.Route(route.get("name").stringOr(""), matches, destinations, mirrors,
                    http ? HttpRouteDecoder.actions(route) : l4Route(route)));
        }
        return routes;
    }

    /**
     * A TCP or TLS route's fields meshscope cannot express (unknown ones, {@code match} or {@code route} not a
     * list), carried as its {@link HttpActions#notGenerated()}: the route is omitted, since a mistyped
     * {@code match} read as absent would make it match everything.
     */
    private static HttpActions l4Route(NodeReader route) {
        List<HttpMatch.NotGenerated> out = new ArrayList<>();
        for (String key : route.entries().keySet()) {
            if (!key.equals("match") && !key.equals("route")) {
                out.add(new HttpMatch.NotGenerated(key, "unknown field"));
            }
        }
        shape(route, "match", YNode.Seq.class, out);
        shape(route, "route", YNode.Seq.class, out);
        return out.isEmpty() ? HttpActions.NONE
                : new HttpActions(null, null, null, null, null, null, null, null, null, false, out);
    }

    /** The fields of {@code L4MatchAttributes} (TCP) and {@code TLSMatchAttributes} (TLS). */
    private static final Set<String> TCP_MATCH = Set.of("destinationSubnets", "port", "sourceLabels", "gateways",
            "sourceNamespace", "sourceSubnet");
    private static final Set<String> TLS_MATCH = Set.of("sniHosts", "destinationSubnets", "port", "sourceLabels",
            "gateways", "sourceNamespace");

    /**
     * What a TCP or TLS match writes that meshscope cannot express, so the match is omitted rather than widened:
     * an unknown field (strict decoding reports it too), a value of the wrong shape (read as absent, it would
     * match more), and {@code sourceSubnet}, which istiod ignores although it narrows the match as written.
     */
    private static List<HttpMatch.NotGenerated> l4NotGenerated(NodeReader match, boolean tls) {
        List<HttpMatch.NotGenerated> out = new ArrayList<>();
        Set<String> known = tls ? TLS_MATCH : TCP_MATCH;
        for (String key : match.entries().keySet()) {
            if (!known.contains(key)) {
                out.add(new HttpMatch.NotGenerated(key, "unknown field"));
            }
        }
        if (!tls && match.get("sourceSubnet").isPresent()) {
            out.add(new HttpMatch.NotGenerated("sourceSubnet", "istiod ignores it; meshscope cannot express it"));
        }
        shape(match, "sourceLabels", YNode.Mapping.class, out);
        for (String key : List.of("destinationSubnets", "sniHosts", "gateways")) {
            shape(match, key, YNode.Seq.class, out);
        }
        for (String key : List.of("port", "sourceNamespace")) {
            shape(match, key, YNode.Scalar.class, out);
        }
        return out;
    }

    private static void shape(NodeReader match, String key, Class<? extends YNode> type,
                              List<HttpMatch.NotGenerated> out) {
        YNode node = match.entries().containsKey(key) ? match.get(key).node() : null;
        if (node != null && !(node instanceof YNode.Scalar sc && sc.isNull()) && !type.isInstance(node)) {
            out.add(new HttpMatch.NotGenerated(key, "not " + (type == YNode.Mapping.class ? "a mapping"
                    : type == YNode.Seq.class ? "a list" : "a scalar")));
        }
    }

    private static VirtualService.Destination destination(NodeReader destination, int weight,
                                                          HttpActions.HeaderOps headers,
                                                          HttpActions.MirrorPercent mirrorPercent) {
        NodeReader port = destination.get("port");
        return new VirtualService.Destination(destination.get("host").stringOr(""),
                destination.get("subset").stringOr(""), port.get("number").int32Or(0), weight,
                headers, mirrorPercent, port.isPresent());
    }

    static DestinationRule destinationRule(NodeReader object, ObjectMeta meta) {
        NodeReader spec = object.get("spec");
        NodeReader selector = spec.get("workloadSelector");
        WorkloadSelector workloadSelector = selector.isMapping()
                ? new WorkloadSelector(selector.get("matchLabels").stringMap())
                : null;
        List<DestinationRule.Subset> subsets = new ArrayList<>();
        for (NodeReader subset : spec.get("subsets").items()) {
            if (subset.isMapping()) {
                subsets.add(new DestinationRule.Subset(subset.get("name").stringOr(""),
                        subset.get("labels").stringMap(), TrafficPolicyDecoder.policy(subset.get("trafficPolicy"))));
            }
        }
        return new DestinationRule(meta, spec.get("host").stringOr(""),
                ServiceDecoder.nonNull(spec.get("exportTo").strings()), workloadSelector, subsets,
                TrafficPolicyDecoder.policy(spec.get("trafficPolicy")));
    }
}
