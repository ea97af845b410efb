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

    /**
     * A route rule: its matches, weighted destinations, mirrors (HTTP: {@code mirror} then {@code mirrors}), and
     * for HTTP routes the rest of the {@code HTTPRoute} ({@link HttpActions#NONE} otherwise).
     */
    public record Route(String name, List<Match> match, List<Destination> route, List<Destination> mirrors,
                        HttpActions http) {
        public Route {
            match = List.copyOf(match);
            route = List.copyOf(route);
            mirrors = List.copyOf(mirrors);
            http = http == null ? HttpActions.NONE : http;
        }

        /** A route without HTTP actions. */
        public Route(String name, List<Match> match, List<Destination> route, List<Destination> mirrors) {
            this(name, match, route, mirrors, HttpActions.NONE);
        }
    }

    /**
     * A match entry: {@code sourceNamespace} and {@code uri} as HTTP and TCP matches write them (empty strings where
     * absent), {@code port} (0 when absent), for HTTP matches the rest of the {@code HTTPMatchRequest}, and for TCP
     * and TLS matches the fields only validation reads ({@link L4Match}).
     */
    public record Match(String sourceNamespace, String uriPrefix, String uriExact, String uriRegex, int port,
                        HttpMatch http, L4Match l4) {
        public Match {
            http = http == null ? HttpMatch.NONE : http;
            l4 = l4 == null ? L4Match.NONE : l4;
        }

        /** An HTTP match (or one without TCP/TLS-only fields). */
        public Match(String sourceNamespace, String uriPrefix, String uriExact, String uriRegex, int port,
                     HttpMatch http) {
            this(sourceNamespace, uriPrefix, uriExact, uriRegex, port, http, L4Match.NONE);
        }

        /** A match on source namespace, uri and port only. */
        public Match(String sourceNamespace, String uriPrefix, String uriExact, String uriRegex, int port) {
            this(sourceNamespace, uriPrefix, uriExact, uriRegex, port, HttpMatch.NONE, L4Match.NONE);
        }
    }

    /**
     * A route destination; {@code port} 0 when not given ({@code portSet} tells a written {@code port: {number: 0}},
     * which validation rejects, from no port). HTTP destinations may carry header operations, and a mirror its share
     * of traffic (null: istiod's default, 100%).
     */
    public record Destination(String host, String subset, int port, int weight, HttpActions.HeaderOps headers,
                              HttpActions.MirrorPercent mirrorPercent, boolean portSet) {
        /** A destination whose port is set exactly when it is not 0. */
        public Destination(String host, String subset, int port, int weight, HttpActions.HeaderOps headers,
                           HttpActions.MirrorPercent mirrorPercent) {
            this(host, subset, port, weight, headers, mirrorPercent, port != 0);
        }

        /** A destination without header operations or mirror percentage. */
        public Destination(String host, String subset, int port, int weight) {
            this(host, subset, port, weight, null, null);
        }
    }
}
