package io.meshscope.core.scope;

import java.util.Map;

/** A proxy as scoping sees it: its type, config namespace and labels (from its workload or node metadata). */
public record Proxy(ProxyType type, String namespace, Map<String, String> labels) {
    public Proxy {
        labels = Map.copyOf(labels);
    }

    public static Proxy sidecar(String namespace, Map<String, String> labels) {
        return new Proxy(ProxyType.SIDECAR, namespace, labels);
    }
}
