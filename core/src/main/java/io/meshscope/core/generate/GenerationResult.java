package io.meshscope.core.generate;

import io.meshscope.core.deps.Caller;
import io.meshscope.core.deps.Resolution;
import io.meshscope.core.whatif.WhatIfReport;
import java.util.List;

/**
 * What generate produced: the Sidecars in output order (by namespace; default first), the layout chosen per
 * namespace, the evidence as resolved, the whatif check of the generated set (its {@code broken} list is empty
 * unless a call cannot be fixed by any host, e.g. a service not exported to the caller), and notes.
 */
public record GenerationResult(List<SidecarDraft> sidecars, List<Layout> layouts, Resolution resolution,
                               WhatIfReport verification, List<Caller> gateways, List<String> notes,
                               GenerateOptions options) {
    public GenerationResult {
        sidecars = List.copyOf(sidecars);
        layouts = List.copyOf(layouts);
        gateways = List.copyOf(gateways);
        notes = List.copyOf(notes);
    }

    /** The drafts of one namespace, in output order. */
    public List<SidecarDraft> in(String namespace) {
        return sidecars.stream().filter(d -> d.namespace().equals(namespace)).toList();
    }

    /** Namespaces with at least one new or changed Sidecar, sorted. */
    public List<String> changedNamespaces() {
        return sidecars.stream().filter(d -> d.kind() != SidecarDraft.Kind.UNCHANGED).map(SidecarDraft::namespace)
                .distinct().sorted().toList();
    }
}
