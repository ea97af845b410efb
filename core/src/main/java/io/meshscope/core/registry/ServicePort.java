package io.meshscope.core.registry;

/** A service port as the registry sees it; {@code targetPort} 0 when it follows {@code port} or is named. */
public record ServicePort(String name, int port, String protocol, int targetPort) {
}
