package io.meshscope.core.validate;

import io.meshscope.core.model.ConnectionPool;
import java.util.Map;

/**
 * Istio's {@code validateConnectionPool} (pkg/config/validation/validation.go) over the model's scalar maps, every
 * rule in Istio's order: non-negative counts, durations (at least 1ms, whole milliseconds; a tcp idleTimeout of 0
 * disables it), UPGRADE without useClientProtocol, http2KeepAlive interval and timeout required. Values of the wrong
 * type never get here: decoding reports them. Keys are the proto JSON names as written
 * ({@code http1MaxPendingRequests}); the snake_case proto names are accepted too, as jsonpb does. Durations are
 * Go duration strings ({@code 30ms}); a nested {@code tcpKeepalive} may be a map or flattened keys
 * ({@code tcpKeepalive.time}).
 */
final class ConnectionPoolRules {
    private ConnectionPoolRules() {
    }

    /** Validates the pool at field path {@code path}; does nothing when it is absent. */
    static void validate(ConnectionPool pool, String path, Findings f) {
        if (pool == null) {
            return;
        }
        if (pool.http() == null && pool.tcp() == null) {
            f.error(path, "connection pool must have at least one field");
            return;
        }
        if (pool.http() != null) {
            http(pool.http(), path + ".http", f);
        }
        if (pool.tcp() != null) {
            tcp(pool.tcp(), path + ".tcp", f);
        }
    }

    private static void http(Map<String, Object> m, String path, Findings f) {
        negative(m, "http1MaxPendingRequests", "http1_max_pending_requests", path, f,
                "http1 max pending requests must be non-negative");
        negative(m, "http2MaxRequests", "http2_max_requests", path, f, "http2 max requests must be non-negative");
        negative(m, "maxRequestsPerConnection", "max_requests_per_connection", path, f,
                "max requests per connection must be non-negative");
        negative(m, "maxRetries", "max_retries", path, f, "max retries must be non-negative");
        duration(m, "idleTimeout", "idle_timeout", path, f, false);
        Object policy = get(m, "h2UpgradePolicy", "h2_upgrade_policy");
        Object useClient = get(m, "useClientProtocol", "use_client_protocol");
        if ("UPGRADE".equals(policy) && Boolean.TRUE.equals(useClient)) {
            f.error(path + ".useClientProtocol",
                    "use client protocol must not be true when H2UpgradePolicy is UPGRADE");
        }
        negative(m, "maxConcurrentStreams", "max_concurrent_streams", path, f,
                "max concurrent streams must be non-negative");
        http2KeepAlive(m, path, f);
    }

    /** {@code http2KeepAlive}, when written, needs both an interval and a timeout, each a valid duration. */
    private static void http2KeepAlive(Map<String, Object> m, String path, Findings f) {
        Object nested = m.get("http2KeepAlive");
        Map<String, Object> ka = new java.util.HashMap<>();
        if (nested instanceof Map<?, ?> n) {
            n.forEach((k, v) -> ka.put(String.valueOf(k), v));
        }
        m.forEach((k, v) -> {
            if (k.startsWith("http2KeepAlive.")) {
                ka.put(k.substring("http2KeepAlive.".length()), v);
            }
        });
        if (nested == null && ka.isEmpty()) {
            return;
        }
        String kp = path + ".http2KeepAlive";
        if (ka.get("interval") == null) {
            f.error(kp, "http2 keepalive interval is required");
        } else {
            duration(ka, "interval", "interval", kp, f, false);
        }
        if (ka.get("timeout") == null) {
            f.error(kp, "http2 keepalive timeout is required");
        } else {
            duration(ka, "timeout", "timeout", kp, f, false);
        }
    }

    private static void tcp(Map<String, Object> m, String path, Findings f) {
        negative(m, "maxConnections", "max_connections", path, f, "max connections must be non-negative");
        duration(m, "connectTimeout", "connect_timeout", path, f, false);
        duration(m, "maxConnectionDuration", "max_connection_duration", path, f, false);
        // A tcp idleTimeout of 0s disables the timeout, so Istio skips it when it is 0 whole milliseconds.
        duration(m, "idleTimeout", "idle_timeout", path, f, true);
        Object keepalive = get(m, "tcpKeepalive", "tcp_keepalive");
        if (keepalive instanceof Map<?, ?> nested) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ka = (Map<String, Object>) nested;
            duration(ka, "time", "time", path + ".tcpKeepalive", f, false);
            duration(ka, "interval", "interval", path + ".tcpKeepalive", f, false);
        } else {
            duration(m, "tcpKeepalive.time", "tcp_keepalive.time", path, f, false);
            duration(m, "tcpKeepalive.interval", "tcp_keepalive.interval", path, f, false);
        }
    }

    private static void negative(Map<String, Object> m, String key, String alias, String path, Findings f,
                                 String message) {
        Object v = get(m, key, alias);
        Double d = null;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim()); // jsonpb accepts quoted integers
            } catch (NumberFormatException e) {
                d = null;
            }
        }
        if (d != null && d < 0) {
            f.error(path + "." + key, message);
        }
    }

    private static void duration(Map<String, Object> m, String key, String alias, String path, Findings f,
                                 boolean zeroDisables) {
        Object v = get(m, key, alias);
        if (v == null) {
            return;
        }
        String field = path + "." + key;
        long nanos;
        try {
            nanos = GoDuration.parseNanos(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            // Istio rejects this while decoding (jsonpb), before validation runs.
            f.error(field, "bad Duration: " + e.getMessage());
            return;
        }
        if (zeroDisables && nanos / 1_000_000L == 0) {
            return;
        }
        f.error(field, GoDuration.validateDuration(nanos));
    }

    private static Object get(Map<String, Object> m, String key, String alias) {
        Object v = m.get(key);
        return v != null ? v : m.get(alias);
    }
}
