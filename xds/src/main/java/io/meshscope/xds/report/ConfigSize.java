package io.meshscope.xds.report;

import io.meshscope.xds.NamedResource;
import io.meshscope.xds.ProxyResources;
import io.meshscope.xds.XdsType;

/**
 * How much config one proxy receives: clusters, endpoints (load-balancing endpoints across all assignments),
 * listeners, routes (virtual hosts across all route configurations) and bytes — the protobuf wire size of the
 * resources as xDS responses carry them.
 */
public record ConfigSize(int clusters, int endpoints, int listeners, int routes, long bytes) {
    public static final ConfigSize ZERO = new ConfigSize(0, 0, 0, 0, 0);

    public static ConfigSize of(ProxyResources r) {
        int endpoints = 0;
        for (NamedResource e : r.resources(XdsType.ENDPOINT)) {
            endpoints += e.entries();
        }
        int vhosts = 0;
        for (NamedResource rc : r.resources(XdsType.ROUTE)) {
            vhosts += rc.entries();
        }
        return new ConfigSize(r.count(XdsType.CLUSTER), endpoints, r.count(XdsType.LISTENER), vhosts,
                r.totalWireBytes());
    }

    /** This size times a replica count (totals sum over proxies). */
    public ConfigSize times(int n) {
        return new ConfigSize(clusters * n, endpoints * n, listeners * n, routes * n, bytes * n);
    }

    public ConfigSize plus(ConfigSize o) {
        return new ConfigSize(clusters + o.clusters, endpoints + o.endpoints, listeners + o.listeners,
                routes + o.routes, bytes + o.bytes);
    }
}
