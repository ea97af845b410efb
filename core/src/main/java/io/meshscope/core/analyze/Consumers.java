package io.meshscope.core.analyze;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.SelectedBy;
import io.meshscope.core.scope.SidecarSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The namespaces a Sidecar's hosts are read for: its own, and for the root-namespace default every namespace
 * that inherits it (where {@code .} means that namespace). Also the namespaces the input knows of at all.
 */
final class Consumers {
    /** A namespace name Kubernetes cannot have, to ask the index what a Sidecar-less namespace gets. */
    private static final String PROBE_NAMESPACE = " meshscope probe";

    private final MeshIndex index;
    private final Set<String> known;
    private final Sidecar rootDefault;

    Consumers(MeshInput input, MeshIndex index) {
        this.index = index;
        this.known = knownNamespaces(input);
        SidecarSelection probe = index.select(Proxy.sidecar(PROBE_NAMESPACE, Map.of()));
        this.rootDefault = probe.selectedBy() == SelectedBy.ROOT_NAMESPACE_DEFAULT ? probe.sidecar() : null;
    }

    /** The root-namespace default Sidecar (oldest selector-less Sidecar of the root namespace), or null. */
    Sidecar rootDefault() {
        return rootDefault;
    }

    /** Every namespace named by some object of the input, sorted. */
    Set<String> known() {
        return known;
    }

    /** The Sidecar's own namespace first, then (root default only) each namespace that inherits it. */
    List<String> of(Sidecar s) {
        List<String> out = new ArrayList<>();
        out.add(s.meta().namespace());
        if (s == rootDefault) {
            for (String ns : known) {
                if (!ns.equals(s.meta().namespace())
                        && index.select(Proxy.sidecar(ns, Map.of())).sidecar() == s) {
                    out.add(ns);
                }
            }
        }
        return out;
    }

    static Set<String> knownNamespaces(MeshInput in) {
        Set<String> out = new TreeSet<>();
        in.namespaces().forEach(n -> out.add(n.meta().name()));
        Stream.of(in.services(), in.serviceEntries(), in.workloads(), in.sidecars(), in.virtualServices(),
                        in.destinationRules())
                .flatMap(List::stream)
                .map(MeshObject::id)
                .forEach(id -> out.add(id.namespace()));
        out.remove("");
        return out;
    }
}
