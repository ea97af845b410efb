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

    /** The protocol of a Kubernetes service port, from appProtocol, name prefix, or the L4 protocol. */
    public static String ofKubePort(String name, String l4Protocol, String appProtocol) {
        if ("UDP".equalsIgnoreCase(l4Protocol)) {
            return "UDP";
        }
        if (appProtocol != null && !appProtocol.isEmpty()) {
            String p = parse(appProtocol.replace("kubernetes.io/h2c", "HTTP2").replace("kubernetes.io/ws", "HTTP"));
            if (!p.equals("UNSUPPORTED")) {
                return p;
            }
        }
        if (name == null || name.isEmpty()) {
            return "UNSUPPORTED";
        }
        int dash = name.indexOf('-');
        String prefix = dash < 0 ? name : name.substring(0, dash);
        return parse(prefix);
    }

    /** True for protocols that get HTTP connection managers (HTTP, HTTP2, gRPC, gRPC-Web). */
    public static boolean isHttp(String protocol) {
        return switch (protocol) {
            case "HTTP", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY" -> true;
            default -> false;
        };
    }
}
