package io.meshscope.cli;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.CidrRange;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.meshscope.core.render.TextSafe;
import io.meshscope.xds.NamedResource;
import io.meshscope.xds.ProxyResources;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code config-dump -o table}: the tables {@code istioctl proxy-config cluster|listener|route|endpoint} print, with
 * their columns, from the same resources as the JSON dump. The DESTINATION RULE and VIRTUAL SERVICE columns come
 * from the input (meshscope's resources carry no Istio config metadata), as {@code name.namespace}.
 */
final class ConfigDumpTables {
    /** istioctl's tabwriter padding. */
    private static final int PADDING = 5;

    private final ProxyResources resources;
    private final Function<String, String> destinationRule;
    private final Function<String, String> virtualService;

    /**
     * @param destinationRule the DestinationRule ({@code name.namespace}) applied to a host, or null
     * @param virtualService the VirtualService ({@code name.namespace}) routing a host, or null
     */
    ConfigDumpTables(ProxyResources resources, Function<String, String> destinationRule,
                     Function<String, String> virtualService) {
        this.resources = resources;
        this.destinationRule = destinationRule;
        this.virtualService = virtualService;
    }

    /** The table of one type. */
    String render(DumpType type) {
        return switch (type) {
            case clusters -> clusters();
            case listeners -> listeners();
            case routes -> routes();
            case endpoints -> endpoints();
        };
    }

    /** {@code istioctl proxy-config cluster}: SERVICE FQDN, PORT, SUBSET, DIRECTION, TYPE, DESTINATION RULE. */
    String clusters() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("SERVICE FQDN", "PORT", "SUBSET", "DIRECTION", "TYPE", "DESTINATION RULE"));
        for (NamedResource r : resources.clusters()) {
            Cluster c = (Cluster) r.resource();
            String type = c.hasClusterType() ? c.getClusterType().getName() : c.getType().name();
            String[] parts = c.getName().split("\\|", -1);
            if (parts.length == 4) {
                String dr = parts[3].isEmpty() ? null : destinationRule.apply(parts[3]);
                rows.add(List.of(parts[3], parts[1], dash(parts[2]), parts[0], type, dr == null ? "" : dr));
            } else {
                rows.add(List.of(c.getName(), "-", "-", "-", type, ""));
            }
        }
        return render(rows);
    }

    /** {@code istioctl proxy-config listener}: ADDRESSES, PORT, MATCH, DESTINATION, one row per filter chain. */
    String listeners() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ADDRESSES", "PORT", "MATCH", "DESTINATION"));
        for (NamedResource r : resources.listeners()) {
            Listener l = (Listener) r.resource();
            String address = l.getAddress().hasSocketAddress() ? l.getAddress().getSocketAddress().getAddress() : "";
            String port = l.getAddress().hasSocketAddress()
                    ? Integer.toString(l.getAddress().getSocketAddress().getPortValue()) : "";
            List<FilterChain> chains = new ArrayList<>(l.getFilterChainsList());
            if (l.hasDefaultFilterChain()) {
                chains.add(l.getDefaultFilterChain());
            }
            for (FilterChain fc : chains) {
                rows.add(List.of(address, port, match(fc.getFilterChainMatch()), destination(fc)));
            }
        }
        return render(rows);
    }

    /** {@code istioctl proxy-config route}: NAME, VHOST NAME, DOMAINS, MATCH, VIRTUAL SERVICE. */
    String routes() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "VHOST NAME", "DOMAINS", "MATCH", "VIRTUAL SERVICE"));
        for (NamedResource r : resources.routes()) {
            RouteConfiguration rc = (RouteConfiguration) r.resource();
            for (VirtualHost vh : rc.getVirtualHostsList()) {
                String host = vh.getName().contains(":") ? vh.getName().substring(0, vh.getName().lastIndexOf(':'))
                        : vh.getName();
                String vs = virtualService.apply(host);
                for (Route route : vh.getRoutesList()) {
                    rows.add(List.of(rc.getName(), vh.getName(), domains(vh.getDomainsList()), match(route.getMatch()),
                            vs == null ? "" : vs));
                }
            }
        }
        return render(rows);
    }

    /** {@code istioctl proxy-config endpoint}: ENDPOINT, STATUS, OUTLIER CHECK, CLUSTER. */
    String endpoints() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ENDPOINT", "STATUS", "OUTLIER CHECK", "CLUSTER"));
        for (NamedResource r : resources.endpoints()) {
            ClusterLoadAssignment cla = (ClusterLoadAssignment) r.resource();
            for (LocalityLbEndpoints group : cla.getEndpointsList()) {
                for (LbEndpoint e : group.getLbEndpointsList()) {
                    var socket = e.getEndpoint().getAddress().getSocketAddress();
                    // the control plane knows no outlier detection state: istioctl shows OK for a healthy host too
                    rows.add(List.of(socket.getAddress() + ":" + socket.getPortValue(), e.getHealthStatus().name(),
                            "OK", cla.getClusterName()));
                }
            }
        }
        return render(rows);
    }

    /** istioctl's MATCH: SNI, transport, application protocols and destination address, or ALL. */
    private static String match(FilterChainMatch m) {
        List<String> parts = new ArrayList<>();
        if (m.getServerNamesCount() > 0) {
            parts.add("SNI: " + String.join(",", m.getServerNamesList()));
        }
        if (!m.getTransportProtocol().isEmpty()) {
            parts.add("Trans: " + m.getTransportProtocol());
        }
        if (m.getApplicationProtocolsCount() > 0) {
            parts.add("App: " + String.join(",", m.getApplicationProtocolsList()));
        }
        if (m.getPrefixRangesCount() > 0) {
            List<String> cidrs = new ArrayList<>();
            for (CidrRange c : m.getPrefixRangesList()) {
                cidrs.add(c.getAddressPrefix() + "/" + c.getPrefixLen().getValue());
            }
            parts.add("Addr: " + String.join(",", cidrs));
        } else if (m.hasDestinationPort()) {
            parts.add("Addr: *:" + m.getDestinationPort().getValue());
        }
        return parts.isEmpty() ? "ALL" : String.join("; ", parts);
    }

    /**
     * istioctl's DESTINATION: the route an HTTP chain reads, the cluster a TCP chain forwards to, or the weighted
     * clusters of a VirtualService TCP/TLS route ({@code Clusters: NAME (WEIGHT), ...}).
     */
    private static String destination(FilterChain fc) {
        for (Filter f : fc.getFiltersList()) {
            Any config = f.getTypedConfig();
            try {
                if (config.is(HttpConnectionManager.class)) {
                    HttpConnectionManager hcm = config.unpack(HttpConnectionManager.class);
                    return hcm.hasRds() ? "Route: " + hcm.getRds().getRouteConfigName()
                            : "Inline Route: " + hcm.getRouteConfig().getName();
                }
                if (config.is(TcpProxy.class)) {
                    TcpProxy tcp = config.unpack(TcpProxy.class);
                    if (tcp.hasWeightedClusters()) {
                        // istioctl prints "Cluster: " with nothing for a VirtualService's weighted TCP route.
                        return "Clusters: " + String.join(", ", tcp.getWeightedClusters().getClustersList().stream()
                                .map(w -> w.getName() + " (" + w.getWeight() + ")").toList());
                    }
                    String cluster = tcp.getCluster();
                    return cluster.contains("|") ? "Cluster: " + cluster : cluster;
                }
            } catch (InvalidProtocolBufferException e) {
                return "?";
            }
        }
        return "Non-HTTP/Non-TCP";
    }

    /** istioctl's route MATCH: a prefix as {@code /prefix*}, an exact path, a regex. */
    private static String match(RouteMatch m) {
        return switch (m.getPathSpecifierCase()) {
            case PREFIX -> m.getPrefix() + "*";
            case PATH -> m.getPath();
            case SAFE_REGEX -> m.getSafeRegex().getRegex();
            case PATH_SEPARATED_PREFIX -> m.getPathSeparatedPrefix() + "/*";
            default -> "";
        };
    }

    /** The first domain and how many more, as istioctl abbreviates them. */
    private static String domains(List<String> domains) {
        if (domains.isEmpty()) {
            return "";
        }
        return domains.size() == 1 ? domains.get(0) : domains.get(0) + " + " + (domains.size() - 1) + " more...";
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    /** Left-aligned columns, as Go's tabwriter with istioctl's padding; no trailing blanks. */
    static String render(List<List<String>> userRows) {
        // cells are names, hosts and domains from the input: one line each, whatever they hold (issue 13 item 9)
        List<List<String>> rows = userRows.stream().map(r -> r.stream().map(TextSafe::escape).toList()).toList();
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row.get(i));
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - row.get(i).length() + PADDING));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
