package io.meshscope.core.model;

/** The deprecated {@code outboundTrafficPolicy.egressProxy} destination ({@code port} null when absent). */
public record EgressProxy(String host, String subset, Long port) {
}
