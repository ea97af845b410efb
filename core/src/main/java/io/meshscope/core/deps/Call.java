package io.meshscope.core.deps;

import java.util.Objects;

/**
 * One call seen or declared: the source workload {@code sourceNamespace/sourceWorkload} reached {@code host}.
 *
 * @param host a service FQDN ({@code reviews.default.svc.cluster.local}), an external host
 *             ({@code api.stripe.com}), or a Kubernetes Service's short name when {@code hostNamespace} is set
 *             (the dependency map's {@code ns/name} form; the mesh's domain suffix completes it)
 * @param hostNamespace the namespace the evidence names for the destination, or null when it names none
 * @param port the service port called, or null when the evidence does not say (Prometheus, dependency maps)
 * @param count requests or connections seen; 0 for a declared call (dependency map)
 * @param source where the call was read
 */
public record Call(String sourceNamespace, String sourceWorkload, String host, String hostNamespace, Integer port,
                   long count, EvidenceSource source) {
    public Call {
        Objects.requireNonNull(sourceNamespace, "sourceNamespace");
        Objects.requireNonNull(sourceWorkload, "sourceWorkload");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
    }

    /** {@code namespace/name} of the caller. */
    public String sourceId() {
        return sourceNamespace + "/" + sourceWorkload;
    }

    /** {@code host} or {@code host:port}, with the namespace hint when the host is a short name. */
    public String destination() {
        String h = hostNamespace != null && !host.contains(".") ? hostNamespace + "/" + host : host;
        return port == null ? h : h + ":" + port;
    }
}
