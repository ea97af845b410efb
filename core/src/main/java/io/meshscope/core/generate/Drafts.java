package io.meshscope.core.generate;

import io.meshscope.core.deps.Caller;
import io.meshscope.core.deps.Callers;
import io.meshscope.core.deps.ResolvedCall;
import io.meshscope.core.model.CaptureMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/** Turns a namespace {@link Layout} into Sidecar drafts with evidence comments. */
final class Drafts {
    static final String DEFAULT_NAME = "default";

    private Drafts() {
    }

    /** The drafts of {@code layout}; the namespace default's users are the {@code planned} callers it applies to. */
    static List<SidecarDraft> of(Layout layout, Callers callers, Set<String> planned,
                                 Map<String, SortedMap<String, List<ResolvedCall>>> calls,
                                 List<String> always, Set<String> takenNames) {
        String ns = layout.namespace();
        List<SidecarDraft> out = new ArrayList<>();
        if (layout.defaultHosts() != null) {
            List<Caller> users = callers.in(ns).stream()
                    .filter(c -> planned.contains(c.id()) && !layout.overrides().containsKey(c.id())).toList();
            String comment = "Namespace default for " + ns + " (" + layout.label() + "), used by "
                    + names(users) + ".";
            out.add(new SidecarDraft(ns, DEFAULT_NAME, null,
                    List.of(listener(layout.defaultHosts(), users, calls, always, ns)), comment, null,
                    SidecarDraft.Kind.NAMESPACE_DEFAULT, users.stream().map(Caller::id).toList()));
        }
        for (String id : layout.overridden()) {
            Caller c = callers.get(id);
            String name = c.name().equals(DEFAULT_NAME) ? c.name() + "-workload" : c.name();
            while (takenNames.contains(ns + "/" + name)) {
                name = name + "-generated";
            }
            String comment = "Sidecar of workload " + id + (layout.defaultHosts() != null
                    ? "; it replaces the namespace default for this workload (nothing is inherited)." : ".");
            out.add(new SidecarDraft(ns, name, c.selector(),
                    List.of(listener(layout.overrides().get(id), List.of(c), calls, always, ns)), comment, null,
                    SidecarDraft.Kind.WORKLOAD, List.of(id)));
        }
        return out;
    }

    /** A catch-all listener importing {@code hosts}, each commented with the calls of {@code users} it carries. */
    static SidecarDraft.Listener listener(SortedSet<String> hosts, Collection<Caller> users,
                                          Map<String, SortedMap<String, List<ResolvedCall>>> calls,
                                          List<String> always, String ns) {
        List<SidecarDraft.Host> out = new ArrayList<>();
        for (String line : hosts) {
            List<ResolvedCall> seen = new ArrayList<>();
            for (Caller u : users) {
                SortedMap<String, List<ResolvedCall>> mine = calls.get(u.id());
                if (mine != null && mine.containsKey(line)) {
                    seen.addAll(mine.get(line));
                }
            }
            out.add(new SidecarDraft.Host(line, comment(line, seen, always, ns)));
        }
        if (out.isEmpty()) {
            out.add(new SidecarDraft.Host(ScopeSizer.NOTHING, "imports nothing: no outbound calls observed"));
        }
        return new SidecarDraft.Listener(null, "", CaptureMode.DEFAULT, out);
    }

    static String comment(String line, List<ResolvedCall> seen, List<String> always, String ns) {
        boolean kept = always.contains(line);
        if (seen.isEmpty()) {
            return kept ? EvidenceComments.ALWAYS : "no calls observed";
        }
        return (kept ? EvidenceComments.ALWAYS + "; " : "") + EvidenceComments.of(seen, ns);
    }

    private static String names(List<Caller> users) {
        if (users.isEmpty()) {
            return "no workload yet";
        }
        List<String> n = users.stream().map(Caller::name).toList();
        return n.size() <= 5 ? String.join(", ", n) : String.join(", ", n.subList(0, 5)) + " +" + (n.size() - 5) + " more";
    }
}
