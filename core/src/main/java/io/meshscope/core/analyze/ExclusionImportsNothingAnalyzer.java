package io.meshscope.core.analyze;

import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Sidecar;
import io.meshscope.core.registry.MeshService;
import io.meshscope.core.registry.Registry;
import io.meshscope.core.scope.HostEntry;
import io.meshscope.core.scope.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * MS0002: {@code ~/*} read as "the root namespace" (sidecar-semantics.md §13.1, §12.3). {@code ~} is an exclusion
 * prefix and a bare {@code ~} means every namespace, so {@code ~/*} imports nothing and wipes out every other host
 * of its listener. Reported when it sits next to other hosts, or on a listener (a port listener, or one of several)
 * where imports are evidently wanted, with the ServiceEntry hosts to write instead. {@code ~/*} as a Sidecar's only
 * import is the documented way to trim everything and is not reported. Listeners with only other exclusions are
 * reported too: exclusions only subtract.
 */
public final class ExclusionImportsNothingAnalyzer extends IndexedAnalyzer {
    private static final int MAX_PROPOSED = 6;

    public ExclusionImportsNothingAnalyzer() {
        this(new IndexCache());
    }

    ExclusionImportsNothingAnalyzer(IndexCache cache) {
        super("meshscope.ExclusionImportsNothingAnalyzer", MeshscopeMessageTypes.EXCLUSION_IMPORTS_NOTHING, cache);
    }

    @Override
    public List<AnalysisMessage> analyze(MeshInput input) {
        List<AnalysisMessage> out = new ArrayList<>();
        for (Sidecar s : input.sidecars()) {
            List<Findings.Listener> listeners = Findings.listeners(s);
            for (Findings.Listener l : listeners) {
                boolean othersImport = listeners.stream().anyMatch(o -> o != l && !inclusions(o.listener(), s).isEmpty());
                check(input, s, l, othersImport).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<AnalysisMessage> check(MeshInput input, Sidecar s, Findings.Listener l, boolean othersImport) {
        List<String> hosts = l.listener().hosts();
        List<String> included = inclusions(l.listener(), s);
        int tildeStar = -1;
        int firstExclusion = -1;
        for (int j = 0; j < hosts.size(); j++) {
            Optional<HostEntry> e = hosts.get(j) == null ? Optional.empty() : HostEntry.parse(hosts.get(j), "");
            if (e.isPresent() && e.get().exclusion()) {
                firstExclusion = firstExclusion < 0 ? j : firstExclusion;
                if (tildeStar < 0 && e.get().namespace().equals("*") && e.get().dnsName().equals("*")) {
                    tildeStar = j;
                }
            }
        }
        if (firstExclusion < 0) {
            return Optional.empty(); // no exclusion (an empty or invalid hosts list is validation's, IST0106)
        }
        boolean wanted = l.listener().port() != null || othersImport;
        String field = Findings.host(l.index(), Math.max(tildeStar, firstExclusion));
        String head = field + " \"" + (tildeStar >= 0 ? hosts.get(tildeStar) : hosts.get(firstExclusion))
                + "\"";
        String root = input.meshConfig().rootNamespace();
        if (tildeStar >= 0 && !included.isEmpty()) {
            return Optional.of(message(s, field, head + " excludes every host of every namespace (\"~\" is an exclusion"
                    + " prefix, not the root namespace " + root + "), so this listener imports nothing at all: not even "
                    + Findings.quoted(included) + " written next to it. Remove it"
                    + (rootHasServiceEntries(input)
                    ? ", or write \"" + root + "/*\" for the root namespace's ServiceEntries." : ".")));
        }
        if (tildeStar >= 0 && wanted) {
            Integer port = Findings.filteredPort(l.listener());
            return Optional.of(message(s, field, head + " imports nothing: \"~\" is an exclusion prefix, not the root"
                    + " namespace, and a bare \"~\" stands for every namespace, so \"~/*\" excludes every host and this"
                    + " listener" + (port == null ? "" : " on port " + port) + " is empty." + proposal(input, s, port)));
        }
        if (tildeStar < 0 && firstExclusion >= 0 && included.isEmpty()) {
            return Optional.of(message(s, field, head + ": this listener has only \"~\" exclusions. Exclusions subtract"
                    + " from what the listener's other hosts import and import nothing themselves, so the listener is"
                    + " empty. Add the hosts to import next to them (for example \"*/*\")."));
        }
        return Optional.empty();
    }

    private String proposal(MeshInput input, Sidecar s, Integer port) {
        MeshIndex index = cache.of(input);
        String ns = s.meta().namespace();
        TreeSet<String> own = new TreeSet<>();
        TreeSet<String> visible = new TreeSet<>();
        for (MeshService svc : index.registry().exportedTo(ns)) {
            if (svc.registry() == Registry.EXTERNAL && (port == null || svc.port(port) != null)) {
                visible.add(svc.namespace() + "/" + svc.hostname());
                if (svc.namespace().equals(ns)) {
                    own.add(svc.namespace() + "/" + svc.hostname());
                }
            }
        }
        String root = input.meshConfig().rootNamespace();
        String rootPart = rootHasServiceEntries(input)
                ? " For the root namespace's ServiceEntries write \"" + root + "/*\"."
                : " The root namespace " + root + " holds no ServiceEntry.";
        List<String> proposed = new ArrayList<>(own.isEmpty() ? visible : own);
        if (proposed.isEmpty()) {
            return rootPart + " Name the hosts to import, or remove the listener.";
        }
        List<String> shown = proposed.subList(0, Math.min(MAX_PROPOSED, proposed.size()));
        return rootPart + " A ServiceEntry's hosts are imported from the ServiceEntry's own namespace: write "
                + Findings.quoted(shown) + (proposed.size() > shown.size() ? " (and " + (proposed.size() - shown.size())
                + " more)" : "") + ".";
    }

    private static boolean rootHasServiceEntries(MeshInput input) {
        String root = input.meshConfig().rootNamespace();
        return input.serviceEntries().stream().anyMatch(se -> se.meta().namespace().equals(root));
    }

    private static List<String> inclusions(EgressListener l, Sidecar s) {
        List<String> out = new ArrayList<>();
        for (String h : l.hosts()) {
            if (h != null && HostEntry.parse(h, s.meta().namespace()).filter(e -> !e.exclusion()).isPresent()) {
                out.add(h);
            }
        }
        return out;
    }

    private static AnalysisMessage message(Sidecar s, String field, String text) {
        return Findings.at(MeshscopeMessageTypes.EXCLUSION_IMPORTS_NOTHING, s, field, text);
    }
}
