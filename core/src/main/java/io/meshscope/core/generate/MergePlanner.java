package io.meshscope.core.generate;

import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.deps.Resolution;
import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.whatif.BrokenCall;
import io.meshscope.core.whatif.WhatIf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code --merge}: keeps every input Sidecar and adds only what it lacks — for each observed call its Sidecar
 * would not route, the fixing host on the listener that serves the call's port (a new catch-all listener when
 * the Sidecar has none), and the {@code --always} hosts on the catch-all. No host is ever removed; a Sidecar
 * without {@code egress} imports everything already and is left as it is.
 */
final class MergePlanner {
    private static final int NEW_LISTENER = -1;

    private MergePlanner() {
    }

    static List<SidecarDraft> merge(MeshIndex existing, Resolution resolution, List<String> always, List<String> notes) {
        // sidecar id -> listener index -> host line -> calls
        Map<String, Map<Integer, Map<String, List<ResolvedCall>>>> additions = new TreeMap<>();
        Function<ResolvedCall, BrokenCall> check = WhatIf.checker(existing);
        for (ResolvedCall call : resolution.calls()) {
            if (!call.caller().isSidecar()) {
                continue;
            }
            BrokenCall b = check.apply(call);
            if (b == null) {
                continue;
            }
            if (b.sidecar() == null || b.fix() == null) {
                notes.add("cannot fix " + call.caller().id() + " -> " + call.destination() + ": " + b.why());
                continue;
            }
            additions.computeIfAbsent(b.sidecarName(), k -> new TreeMap<>())
                    .computeIfAbsent(b.listenerIndex(), k -> new TreeMap<>())
                    .computeIfAbsent(b.fix(), k -> new ArrayList<>()).add(call);
        }
        List<Sidecar> sidecars = new ArrayList<>(existing.input().sidecars());
        sidecars.sort(Comparator.comparing((Sidecar s) -> s.meta().namespace()).thenComparing(s -> s.meta().name()));
        List<SidecarDraft> out = new ArrayList<>();
        for (Sidecar s : sidecars) {
            out.add(mergeOne(s, additions.getOrDefault(s.meta().id().nsName(), Map.of()), always));
        }
        return out;
    }

    /** An input Sidecar written back unchanged because workloads without evidence ({@code users}) keep it. */
    static SidecarDraft kept(Sidecar s, List<String> users) {
        SidecarDraft d = mergeOne(s, Map.of(), List.of());
        return new SidecarDraft(d.namespace(), d.name(), d.selector(), d.egress(), "Kept as it is: "
                + String.join(", ", users) + " (no evidence of their calls; --no-evidence skip keeps their scope).",
                s, SidecarDraft.Kind.UNCHANGED, List.of());
    }

    private static SidecarDraft mergeOne(Sidecar s, Map<Integer, Map<String, List<ResolvedCall>>> add,
                                         List<String> always) {
        String ns = s.meta().namespace();
        List<SidecarDraft.Listener> listeners = new ArrayList<>();
        int catchAll = -1;
        for (int i = 0; i < s.egress().size(); i++) {
            EgressListener l = s.egress().get(i);
            if (l == null) {
                continue;
            }
            if (catchAll < 0 && l.isCatchAll()) {
                catchAll = i;
            }
            List<SidecarDraft.Host> hosts = new ArrayList<>();
            l.hosts().stream().filter(h -> h != null).forEach(h -> hosts.add(new SidecarDraft.Host(h, null)));
            addAll(hosts, add.getOrDefault(i, Map.of()), i == catchAll ? always : List.of(), always, ns);
            listeners.add(new SidecarDraft.Listener(l.port(), l.bind(), l.captureMode(), hosts));
        }
        if (!s.egress().isEmpty() && (catchAll < 0 && (!always.isEmpty() || add.containsKey(NEW_LISTENER)))) {
            List<SidecarDraft.Host> hosts = new ArrayList<>();
            addAll(hosts, add.getOrDefault(NEW_LISTENER, Map.of()), always, always, ns);
            listeners.add(new SidecarDraft.Listener(null, "", CaptureMode.DEFAULT, hosts));
        }
        SidecarDraft draft = new SidecarDraft(ns, s.meta().name(),
                s.workloadSelector() == null ? null : s.workloadSelector().labels(), listeners, null, s,
                SidecarDraft.Kind.UNCHANGED, List.of());
        boolean changed = draft.addedHosts() > 0;
        String comment = changed ? "Existing Sidecar " + s.meta().id().nsName() + " with " + draft.addedHosts()
                + " host(s) added by meshscope generate --merge (marked with their evidence)." : null;
        return new SidecarDraft(ns, s.meta().name(), draft.selector(), listeners, comment, s,
                changed ? SidecarDraft.Kind.MERGED : SidecarDraft.Kind.UNCHANGED, List.of());
    }

    /** Appends the fixing hosts (with evidence) and the always hosts a listener lacks. */
    private static void addAll(List<SidecarDraft.Host> hosts, Map<String, List<ResolvedCall>> fixes,
                               List<String> alwaysHere, List<String> always, String ns) {
        Map<String, List<ResolvedCall>> wanted = new LinkedHashMap<>(new TreeMap<>(fixes));
        alwaysHere.forEach(a -> wanted.putIfAbsent(a, List.of()));
        for (Map.Entry<String, List<ResolvedCall>> e : wanted.entrySet()) {
            boolean present = hosts.stream().anyMatch(h -> h.line().equals(e.getKey()));
            if (!present) {
                hosts.add(new SidecarDraft.Host(e.getKey(), Drafts.comment(e.getKey(), e.getValue(), always, ns)));
            }
        }
    }
}
