package io.meshscope.core.deps;

import io.meshscope.core.registry.MeshService;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A call tied to the manifests: its caller, the registry service it reaches, the port (null: unknown), how many
 * requests or connections were seen in all (0: declared only) and the inputs that show it.
 */
public record ResolvedCall(Caller caller, MeshService service, Integer port, long count,
                           SortedSet<EvidenceSource> sources) {
    public ResolvedCall {
        sources = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sources));
    }

    /** The Sidecar egress host that imports the destination: {@code <service namespace>/<hostname>}. */
    public String hostLine() {
        return service.namespace() + "/" + service.hostname();
    }

    /** {@code hostname} or {@code hostname:port}. */
    public String destination() {
        return port == null ? service.hostname() : service.hostname() + ":" + port;
    }

    /** The inputs, in the words reports use. */
    public List<String> sourceLabels() {
        return sources.stream().map(EvidenceSource::describe).toList();
    }
}
