package io.meshscope.core.model;

import java.util.Map;

/**
 * Istio's ConnectionPoolSettings as written: the {@code tcp} and {@code http} blocks keep their scalar
 * values (Long, Double, String, Boolean) by field name; either block is null when absent.
 */
public record ConnectionPool(Map<String, Object> tcp, Map<String, Object> http) {
    public ConnectionPool {
        tcp = tcp == null ? null : Map.copyOf(tcp);
        http = http == null ? null : Map.copyOf(http);
    }
}
