package io.meshscope.xds;

/**
 * The names istiod gives Envoy resources (sidecar-semantics.md §10). Constants come from
 * {@code pilot/pkg/networking/util/util.go} and {@code pilot/pkg/model/listener.go}; the subset key is
 * {@code model.BuildSubsetKey} ({@code pilot/pkg/model/service.go}).
 */
public final class ResourceNames {
    public static final String BLACK_HOLE_CLUSTER = "BlackHoleCluster";
    public static final String PASSTHROUGH_CLUSTER = "PassthroughCluster";
    public static final String INBOUND_PASSTHROUGH_CLUSTER = "InboundPassthroughCluster";
    public static final String VIRTUAL_OUTBOUND_LISTENER = "virtualOutbound";
    public static final String VIRTUAL_INBOUND_LISTENER = "virtualInbound";
    public static final String VIRTUAL_OUTBOUND_CATCH_ALL_TCP_CHAIN = "virtualOutbound-catchall-tcp";
    public static final String VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN = "virtualOutbound-blackhole";
    public static final String VIRTUAL_INBOUND_BLACKHOLE_CHAIN = "virtualInbound-blackhole";
    public static final String VIRTUAL_INBOUND_CATCH_ALL_HTTP_CHAIN = "virtualInbound-catchall-http";
    public static final String PASSTHROUGH_FILTER_CHAIN = "PassthroughFilterChain";
    /** Catch-all virtual host (and route) names for ALLOW_ANY and REGISTRY_ONLY. */
    public static final String ALLOW_ANY = "allow_any";
    public static final String BLOCK_ALL = "block_all";
    /** The route name istiod gives a service's default route ({@code util.DefaultRoute}). */
    public static final String DEFAULT_ROUTE = "default";
    public static final String UNIX_PREFIX = "unix://";

    private ResourceNames() {
    }

    /** {@code outbound|<port>|<subset>|<host>}, e.g. {@code outbound|80||reviews.default.svc.cluster.local}. */
    public static String outboundCluster(int port, String subset, String hostname) {
        return "outbound|" + port + "|" + (subset == null ? "" : subset) + "|" + hostname;
    }

    /** {@code outbound|<port>||<host>}. */
    public static String outboundCluster(int port, String hostname) {
        return outboundCluster(port, "", hostname);
    }

    /** {@code inbound|<port>||} ({@code model.BuildInboundSubsetKey}). */
    public static String inboundCluster(int port) {
        return "inbound|" + port + "||";
    }

    /** {@code <bind>_<port>} ({@code getListenerName}); also used for inbound filter chain names. */
    public static String listener(String bind, int port) {
        return bind + "_" + port;
    }

    /** The shared per-port outbound route config name, {@code "<port>"}. */
    public static String portRoute(int port) {
        return Integer.toString(port);
    }

    /** {@code <host>:<port>}: virtual host names ({@code util.DomainName}) and proxyless listener/route names. */
    public static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The inbound virtual host name, {@code inbound|http|<port>} ({@code inboundVirtualHostPrefix}). */
    public static String inboundVirtualHost(int port) {
        return "inbound|http|" + port;
    }
}
