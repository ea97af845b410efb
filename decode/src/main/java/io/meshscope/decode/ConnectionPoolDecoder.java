package io.meshscope.decode;

import io.meshscope.core.model.ConnectionPool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Istio's {@code ConnectionPoolSettings} read with the proto's types, as the CRD schema and the webhook's decoder
 * do: {@code int32} counts, {@code uint32} keepalive probes, a boolean, the {@code h2UpgradePolicy} enum, and
 * durations (strings; their syntax is validation's to judge). A value of the wrong type is reported at its
 * location and left out, so {@code maxConnections: eighty} is an error, not a pool without a limit. Keys are the
 * proto JSON names; the snake_case proto names are read too, as jsonpb does. Nested blocks ({@code tcpKeepalive},
 * {@code http2KeepAlive}) are flattened to dotted keys ({@code tcpKeepalive.time}); an empty one is kept as an
 * empty map under its own key, so validation can still tell it was written.
 */
final class ConnectionPoolDecoder {
    private enum Type { INT32, UINT32, DURATION, BOOL, H2_UPGRADE, BLOCK }

    /** The {@code h2UpgradePolicy} values and their proto numbers. */
    private enum H2UpgradePolicy { DEFAULT, DO_NOT_UPGRADE, UPGRADE }

    private static final int[] H2_NUMBERS = {0, 1, 2};

    private static final Map<String, Type> TCP = Map.of(
            "maxConnections", Type.INT32, "connectTimeout", Type.DURATION, "tcpKeepalive", Type.BLOCK,
            "maxConnectionDuration", Type.DURATION, "idleTimeout", Type.DURATION);
    private static final Map<String, Type> TCP_KEEPALIVE = Map.of(
            "probes", Type.UINT32, "time", Type.DURATION, "interval", Type.DURATION);
    private static final Map<String, Type> HTTP = Map.of(
            "http1MaxPendingRequests", Type.INT32, "http2MaxRequests", Type.INT32,
            "maxRequestsPerConnection", Type.INT32, "maxRetries", Type.INT32, "idleTimeout", Type.DURATION,
            "h2UpgradePolicy", Type.H2_UPGRADE, "useClientProtocol", Type.BOOL, "maxConcurrentStreams", Type.INT32,
            "http2KeepAlive", Type.BLOCK);
    private static final Map<String, Type> HTTP2_KEEPALIVE = Map.of(
            "interval", Type.DURATION, "timeout", Type.DURATION);
    private static final Map<String, Map<String, Type>> BLOCKS = Map.of(
            "tcpKeepalive", TCP_KEEPALIVE, "http2KeepAlive", HTTP2_KEEPALIVE);

    private ConnectionPoolDecoder() {
    }

    /** null when absent; each of {@code tcp}/{@code http} is null when absent. */
    static ConnectionPool decode(NodeReader pool) {
        if (!pool.isMapping()) {
            return null;
        }
        return new ConnectionPool(block(pool.get("tcp"), TCP), block(pool.get("http"), HTTP));
    }

    private static Map<String, Object> block(NodeReader block, Map<String, Type> schema) {
        if (!block.isMapping()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        read(block, schema, "", out);
        return out;
    }

    private static void read(NodeReader block, Map<String, Type> schema, String prefix, Map<String, Object> out) {
        for (Map.Entry<String, NodeReader> e : block.entries().entrySet()) {
            NodeReader value = e.getValue();
            String key = jsonName(e.getKey());
            Type type = schema.get(key);
            if (!value.isPresent()) {
                continue;
            }
            if (type == null) {
                SidecarParts.putUntyped(value, prefix + e.getKey(), out); // unknown fields are not judged here
                continue;
            }
            Object v = typed(value, type, prefix + key, out);
            if (v != null) {
                out.put(prefix + key, v);
            }
        }
    }

    /** The value read as {@code type}, or null when it is reported (or, for a block, already flattened). */
    private static Object typed(NodeReader value, Type type, String key, Map<String, Object> out) {
        switch (type) {
            case INT32:
                return value.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32:
                return value.integer(0, SidecarParts.UINT32_MAX);
            case BOOL:
                return value.bool();
            case H2_UPGRADE: {
                H2UpgradePolicy p = value.enumValue(H2UpgradePolicy.values(), H2_NUMBERS, null);
                return p == null ? null : p.name();
            }
            case DURATION:
                if (value.node() instanceof YNode.Scalar) {
                    return value.string();
                }
                value.error(Diagnostics.TYPE, "expected a duration string, got " + value.node().describe());
                return null;
            default: {
                if (!value.isMapping()) {
                    return null;
                }
                int before = out.size();
                read(value, BLOCKS.get(key.substring(key.lastIndexOf('.') + 1)), key + ".", out);
                return out.size() == before ? Map.of() : null;
            }
        }
    }

    /** The proto JSON name of a field written with its proto (snake_case) name; other names unchanged. */
    static String jsonName(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
