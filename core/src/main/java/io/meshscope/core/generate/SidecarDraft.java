package io.meshscope.core.generate;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.model.WorkloadSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Sidecar as generate writes it: the object (for scoping) plus a YAML comment per host with its evidence and
 * one above the object. {@code base} is the input Sidecar a merged draft extends (its ingress, outbound policy
 * and metadata are written back as they were), or null for a new one.
 */
public record SidecarDraft(String namespace, String name, Map<String, String> selector, List<Listener> egress,
                           String comment, Sidecar base, Kind kind, List<String> workloads) {
    public SidecarDraft {
        selector = selector == null ? null : Map.copyOf(selector);
        egress = List.copyOf(egress);
        workloads = List.copyOf(workloads);
    }

    /** What a draft is. */
    public enum Kind {
        /** A new namespace default. */
        NAMESPACE_DEFAULT,
        /** A new Sidecar for one workload. */
        WORKLOAD,
        /** An input Sidecar to which hosts were added. */
        MERGED,
        /** An input Sidecar kept as it was. */
        UNCHANGED
    }

    /** One egress listener: its port fields as written ({@code port} null: catch-all) and its hosts. */
    public record Listener(PortSpec port, String bind, CaptureMode captureMode, List<Host> hosts) {
        public Listener {
            hosts = List.copyOf(hosts);
        }
    }

    /** One egress host line and the comment it carries (null: none, e.g. a host the input already had). */
    public record Host(String line, String comment) {
    }

    /** {@code namespace/name}. */
    public String id() {
        return namespace + "/" + name;
    }

    /** Host lines added by generate (those with a comment). */
    public long addedHosts() {
        return egress.stream().flatMap(l -> l.hosts().stream()).filter(h -> h.comment() != null).count();
    }

    /** The Sidecar this draft stands for, as the scope engine reads it. */
    public Sidecar toSidecar() {
        List<EgressListener> listeners = new ArrayList<>();
        for (Listener l : egress) {
            listeners.add(new EgressListener(l.port(), l.bind(), l.captureMode(),
                    l.hosts().stream().map(Host::line).toList()));
        }
        if (base != null) {
            return new Sidecar(base.meta(), base.workloadSelector(), base.ingress(), listeners,
                    base.outboundTrafficPolicy(), base.inboundConnectionPool());
        }
        WorkloadSelector ws = selector == null ? null : new WorkloadSelector(selector);
        return new Sidecar(ObjectMeta.of("Sidecar", namespace, name), ws, List.of(), listeners, null, null);
    }
}
