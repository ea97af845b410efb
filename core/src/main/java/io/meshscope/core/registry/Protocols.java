package io.meshscope.core.registry;

import java.util.Locale;

/**
 * Istio's protocol inference for service ports ({@code kube.ConvertProtocol} / {@code protocol.Parse}):
 * {@code appProtocol} first, then the port-name prefix ({@code http-web}, {@code grpc}), else unknown
 * ({@code UNSUPPORTED}, which Envoy config treats as auto-detected).
 */
public final class Protocols {
    private static final String[] KNOWN = {
        "HTTP", "HTTPS", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-WEB", "MONGO", "REDIS", "MYSQL", "TCP", "TLS", "UDP"
    };

    private Protocols() {
    }

    /** The canonical protocol name for a written value, or {@code UNSUPPORTED}. */
    public static String parse(String value) {
        if (value == null) {
            return "UNSUPPORTED";
        }
        String upper = value.toUpperCase(Locale.ROOT);
        for (String k : KNOWN) {
            if (k.equals(upper)) {
                return k;
            }
        }
        return "UNSUPPORTED";
    }

    /**
     * The protocol of a Kubernetes service port, as istiod's {@code kube.ConvertProtocol}: UDP stays UDP;
     * {@code appProtocol}, when set, replaces the port name (with Kubernetes' {@code kubernetes.io/h2c|ws|wss});
     * a {@code grpc-web} prefix is checked before cutting the name at its first {@code -}.
     */
    public static String ofKubePort(String name, String l4Protocol, String appProtocol) {
        if ("UDP".equalsIgnoreCase(l4Protocol)) {
            return "UDP";
        }
        String n = name == null ? "" : name;
        if (appProtocol != null && !appProtocol.isEmpty()) {
            switch (appProtocol) {
                case "kubernetes.io/h2c":
                    return "HTTP2";
                case "kubernetes.io/ws":
                    return "HTTP";
                case "kubernetes.io/wss":
                    return "HTTPS";
                default:
                    n = appProtocol;
            }
        }
        if (n.toLowerCase(Locale.ROOT).startsWith("grpc-web")) {
            return "GRPC-WEB";
        }
        int dash = n.indexOf('-');
        return parse(dash < 0 ? n : n.substring(0, dash));
    }

    /**
     * As {@link #ofKubePort(String, String, String)}, and server-first well-known ports (SMTP 25, DNS 53,
     * MySQL 3306, MongoDB 27017) whose protocol is otherwise unknown are TCP, because sniffing breaks them.
     */
    public static String ofKubePort(String name, String l4Protocol, String appProtocol, int port) {
        String p = ofKubePort(name, l4Protocol, appProtocol);
        if (p.equals("UNSUPPORTED") && (port == 25 || port == 53 || port == 3306 || port == 27017)) {
            return "TCP";
        }
        return p;
    }

    /** True for protocols that get HTTP connection managers (HTTP, HTTP2, gRPC, gRPC-Web). */
    public static boolean isHttp(String protocol) {
        return switch (protocol) {
            case "HTTP", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY" -> true;
            default -> false;
        };
    }

    /**
     * How describe and report name a port's protocol: the canonical name, and {@code auto} for a port of unknown
     * protocol, which proxies sniff (HTTP inspector, then an HTTP or a TCP filter chain).
     */
    public static String displayName(String protocol) {
        return "UNSUPPORTED".equals(protocol) ? "auto" : protocol;
    }
}
