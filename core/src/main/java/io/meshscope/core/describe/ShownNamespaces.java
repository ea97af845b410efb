package io.meshscope.core.describe;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.scope.HostEntry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The namespaces the input shows: those with a Namespace object, or with any namespaced object in the input
 * (Service, ServiceEntry, EndpointSlice, workload, Sidecar, VirtualService, DestinationRule). A namespace named
 * only inside an egress host ({@code istio-system/*}) is not shown: the input may be one team's folder, and what
 * lives in a namespace it never showed is unknown, not empty. No finding claims a host matches nothing there.
 */
public final class ShownNamespaces {
    private final Set<String> names;
    private final String domainSuffix;

    private ShownNamespaces(Set<String> names, String domainSuffix) {
        this.names = names;
        this.domainSuffix = domainSuffix;
    }

    /** The namespaces {@code in} shows. */
    public static ShownNamespaces of(MeshInput in) {
        Set<String> out = new TreeSet<>();
        in.namespaces().forEach(n -> out.add(n.meta().name()));
        Stream.of(in.services(), in.serviceEntries(), in.endpoints(), in.workloads(), in.sidecars(),
                        in.virtualServices(), in.destinationRules(), in.peerAuthentications())
                .flatMap(List::stream)
                .map(o -> ((MeshObject) o).id().namespace())
                .forEach(out::add);
        out.remove("");
        return new ShownNamespaces(Set.copyOf(out), in.meshConfig().domainSuffix());
    }

    /** True when the input shows {@code namespace}. */
    public boolean shows(String namespace) {
        return names.contains(namespace);
    }

    /**
     * The namespace a host entry reads from that the input never showed, or null when its answer is known: the
     * entry's own namespace, or for {@code *}/ a Kubernetes FQDN ({@code name.ns.svc.<domain>}) the one it names.
     */
    public String unknownNamespaceOf(HostEntry e) {
        if (!e.namespace().equals("*")) {
            return shows(e.namespace()) ? null : e.namespace();
        }
        String suffix = ".svc." + domainSuffix;
        String dns = e.dnsName();
        if (dns.endsWith(suffix)) {
            String[] parts = dns.substring(0, dns.length() - suffix.length()).split("\\.");
            if (parts.length == 2 && !parts[1].equals("*") && !shows(parts[1])) {
                return parts[1];
            }
        }
        return null;
    }
}
