package io.meshscope.core.deps;

import io.meshscope.core.model.Workload;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.ProxyType;
import java.util.Map;

/**
 * A workload that runs a proxy, as generate and whatif see it: its id, the labels its proxies carry, the
 * {@code workloadSelector} labels that pick it alone in its namespace, how many proxies it stands for and
 * whether it is a sidecar or a gateway (router, which never uses Sidecars).
 */
public record Caller(String namespace, String name, Workload workload, Map<String, String> labels,
                     Map<String, String> selector, int replicas, ProxyType type) implements Comparable<Caller> {
    public Caller {
        labels = Map.copyOf(labels);
        selector = Map.copyOf(selector);
    }

    /** {@code namespace/name}. */
    public String id() {
        return namespace + "/" + name;
    }

    /** The proxy scoping sees for this workload. */
    public Proxy proxy() {
        return new Proxy(type, namespace, labels);
    }

    public boolean isSidecar() {
        return type == ProxyType.SIDECAR;
    }

    @Override
    public int compareTo(Caller o) {
        return id().compareTo(o.id());
    }
}
