package io.meshscope.core.model;

import java.util.List;

/**
 * A VirtualService, with what scoping and route generation read. Hosts are as written (short names are
 * resolved against the VS namespace by the engine, as istiod does).
 */
public record VirtualService(
        ObjectMeta meta,
        List<String> hosts,
        List<String> gateways,
        List<String> exportTo,
        List<Route> http,
        List<Route> tcp,
        List<Route> tls) implements MeshObject {

    public VirtualService {
        hosts = List.copyOf(hosts);
        gateways = List.copyOf(gateways);
        exportTo = List.copyOf(exportTo);
        http = List.copyOf(http);
        tcp = List.copyOf(tcp);
        tls = List.copyOf(tls);
    }

    /** A route rule: its matches, weighted destinations, and (HTTP) mirrors. */
    public record Route(String name, List<Match> match, List<Destination> route, List<Destination> mirrors) {
        public Route {
            match = List.copyOf(match);
            route = List.copyOf(route);
            mirrors = List.copyOf(mirrors);
        }
    }

    /** A match entry; empty strings where a condition is absent. */
    public record Match(String sourceNamespace, String uriPrefix, String uriExact, String uriRegex, int port) {
    }

    /** A route destination; {@code port} 0 when not given. */
    public record Destination(String host, String subset, int port, int weight) {
    }
}
