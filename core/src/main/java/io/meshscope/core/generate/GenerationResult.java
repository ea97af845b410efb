package io.meshscope.core.generate;

import io.meshscope.core.deps.Caller;
import io.meshscope.core.deps.Resolution;
import io.meshscope.core.whatif.WhatIfReport;
import java.util.List;

/**
 * What generate produced: the Sidecars in output order (by namespace; default first), the layout chosen per
 * namespace, the evidence as resolved, the whatif check of the generated set (its {@code broken} list is empty
 * unless a call cannot be fixed by any host, e.g. a service not exported to the caller), notes, how much of the
 * mesh the evidence covers, and the workloads it does not cover with what was done with each.
 */
public record GenerationResult(List<SidecarDraft> sidecars, List<Layout> layouts, Resolution resolution,
                               WhatIfReport verification, List<Caller> gateways, List<String> notes,
                               GenerateOptions options, Coverage coverage, List<Unevidenced> unevidenced) {
    public GenerationResult {
        sidecars = List.copyOf(sidecars);
        layouts = List.copyOf(layouts);
        gateways = List.copyOf(gateways);
        notes = List.copyOf(notes);
        unevidenced = List.copyOf(unevidenced);
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
