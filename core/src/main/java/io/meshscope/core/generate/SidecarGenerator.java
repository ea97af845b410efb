package io.meshscope.core.generate;

import io.meshscope.core.deps.CallResolver;
import io.meshscope.core.deps.Caller;
import io.meshscope.core.deps.Callers;
import io.meshscope.core.deps.Evidence;
import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.deps.Resolution;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.whatif.SizeModel;
import io.meshscope.core.whatif.WhatIf;
import io.meshscope.core.whatif.WhatIfReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes minimal Sidecars from dependency evidence ({@code meshscope generate}). Each workload's needs are the
 * exact {@code <service namespace>/<hostname>} lines of the services it was seen calling — FQDNs for Kubernetes
 * services, ServiceEntry hosts under the ServiceEntry's own namespace — laid out per namespace by strategy
 * ({@link NamespacePlanner}), or added to the input's Sidecars with {@code merge} ({@link MergePlanner}). Only
 * catch-all listeners are written: with exact hosts, a port listener would only re-filter what is already
 * exact; merged Sidecars keep their port listeners and get fixes on the listener serving the call's port.
 * The result is checked with {@link WhatIf}. Output order is stable: namespace, default first, then name.
 * Workloads the evidence does not cover ({@link Coverage}) keep their current scope ({@link SkipPlan}) unless
 * {@link NoEvidence#ISOLATE} is asked for, which gives them Sidecars importing nothing.
 */
public final class SidecarGenerator {
    private final SizeModel size;

    public SidecarGenerator(SizeModel size) {
        this.size = size;
    }

    public GenerationResult generate(MeshInput input, Evidence evidence, GenerateOptions options) {
        return generate(MeshIndex.build(input), evidence, options);
    }

    /**
     * Sidecars for the mesh {@code existing} indexes. The indexes it derives — without Sidecars, with the proposed
     * ones — share its services ({@link MeshIndex#withSidecars}), so a size model over {@code existing} sizes
     * their scopes from what it has already generated per service.
     */
    public GenerationResult generate(MeshIndex existing, Evidence evidence, GenerateOptions options) {
        MeshInput input = existing.input();
        MeshIndex bare = existing.withSidecars(List.of());
        CallResolver resolver = new CallResolver(bare);
        Resolution resolution = resolver.resolve(evidence);
        Callers callers = resolution.callers();
        Coverage coverage = Coverage.of(resolution, resolver);
        boolean isolate = options.noEvidence() == NoEvidence.ISOLATE;
        Map<String, SortedMap<String, List<ResolvedCall>>> calls = new TreeMap<>();
        Map<String, SortedSet<String>> needs = new TreeMap<>();
        Set<String> external = new HashSet<>();
        List<Caller> gateways = new ArrayList<>();
        for (ResolvedCall c : resolution.calls()) {
            if (!c.caller().isSidecar()) {
                if (!gateways.contains(c.caller())) {
                    gateways.add(c.caller());
                }
                continue;
            }
            calls.computeIfAbsent(c.caller().id(), k -> new TreeMap<>())
                    .computeIfAbsent(c.hostLine(), k -> new ArrayList<>()).add(c);
            needs.computeIfAbsent(c.caller().id(), k -> new TreeSet<>()).add(c.hostLine());
            if (!c.service().isKubernetes()) {
                external.add(c.hostLine());
            }
        }
        List<String> notes = new ArrayList<>();
        Set<String> managed = options.merge() ? managed(existing, callers) : Set.of();
        List<Caller> sidecarCallers = callers.all().stream().filter(Caller::isSidecar).toList();
        SkipPlan skip = isolate ? SkipPlan.isolate(coverage)
                : SkipPlan.skip(coverage, existing, sidecarCallers, options.merge());
        Set<String> taken = new HashSet<>();
        if (options.merge()) {
            input.sidecars().forEach(s -> taken.add(s.meta().id().nsName()));
        }
        List<SidecarDraft> drafts = new ArrayList<>();
        if (!options.merge()) {
            for (Sidecar s : skip.kept()) {
                taken.add(s.meta().id().nsName());
                drafts.add(MergePlanner.kept(s, skip.keptFor(s)));
            }
        }
        Set<String> planned = new HashSet<>();
        sidecarCallers.stream().filter(c -> skip.plans(c, coverage, isolate)).forEach(c -> planned.add(c.id()));
        ScopeSizer sizer = new ScopeSizer(bare, size);
        String root = input.meshConfig().rootNamespace();
        List<Layout> layouts = new ArrayList<>();
        for (String ns : new TreeSet<>(sidecarCallers.stream().filter(c -> planned.contains(c.id()))
                .map(Caller::namespace).toList())) {
            if (managed.contains(ns)) {
                continue;
            }
            List<Caller> targets = callers.in(ns).stream().filter(c -> planned.contains(c.id())).toList();
            boolean isRoot = ns.equals(root);
            for (Caller c : NamespacePlanner.unscopable(isRoot, targets)) {
                notes.add(c.id() + " has no labels and is in the root namespace: no Sidecar can select it alone, "
                        + "and a root-namespace default would apply mesh-wide; it is left unscoped");
            }
            Strategy strategy = options.strategy();
            List<String> blocking = skip.blockingDefault(ns);
            if (!blocking.isEmpty() && strategy != Strategy.WORKLOAD) {
                strategy = Strategy.WORKLOAD;
                notes.add("namespace " + ns + " gets no namespace default: it would become the scope of "
                        + String.join(", ", blocking) + ", which the evidence does not cover (--no-evidence skip);"
                        + " one Sidecar per workload instead");
            }
            Layout layout = new NamespacePlanner(ns, isRoot, targets, needs, external, options.always(), sizer)
                    .plan(strategy);
            layouts.add(layout);
            drafts.addAll(Drafts.of(layout, callers, planned, calls, options.always(), taken));
        }
        if (options.merge()) {
            drafts.addAll(MergePlanner.merge(existing, resolution, options.always(), notes));
        }
        drafts.sort(Comparator.comparing(SidecarDraft::namespace)
                .thenComparing(d -> d.selector() == null ? 0 : 1).thenComparing(SidecarDraft::name));
        List<Sidecar> proposed = drafts.stream().map(SidecarDraft::toSidecar).toList();
        WhatIfReport check = new WhatIf(size).evaluate(existing.withSidecars(proposed), resolution);
        return new GenerationResult(drafts, layouts, resolution, check, gateways, notes, options, coverage,
                skip.unevidenced());
    }

    /** Namespaces in which some workload already uses an input Sidecar (merge adds to those, never replaces). */
    private static Set<String> managed(MeshIndex existing, Callers callers) {
        Set<String> out = new TreeSet<>();
        for (Caller c : callers.all()) {
            if (c.isSidecar() && existing.select(c.proxy()).sidecar() != null) {
                out.add(c.namespace());
            }
        }
        return out;
    }
}
